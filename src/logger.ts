import pino, { type DestinationStream, type Logger } from "pino";
import type { Logger as BoltLogger } from "@slack/bolt";
import { LogLevel as BoltLogLevel } from "@slack/bolt";
import type { LogLevel } from "./config";

export type { Logger };

/** Field names whose values are always replaced, wherever they appear in a log object. */
const REDACTED_PATHS = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "appToken",
  "signingSecret",
  "*.signingSecret",
  "password",
  "*.password",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "req.headers.authorization",
  'req.headers["x-slack-signature"]',
];

export interface LoggerOptions {
  level: LogLevel;
  /** Exact strings (tokens, secrets) that must never leave the process in a log line. */
  secrets?: readonly string[];
  /**
   * Also remove anything shaped like a Slack token (xoxb-, xoxp-, xapp-, …) from the
   * written text: the installations' bot tokens are not known when the logger is made.
   */
  scrubSlackTokens?: boolean;
  destination?: DestinationStream;
  base?: Record<string, unknown>;
}

/** Slack's token shapes: bot, user, app-level, refresh and configuration tokens. */
const SLACK_TOKEN = /\b(?:xox[abposre]|xapp)-[A-Za-z0-9-]{8,}/g;

function scrub(line: string, secrets: readonly string[], scrubSlackTokens: boolean): string {
  let out = line;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join("[redacted]");
  }
  // Checked cheaply first: the pattern runs only on the rare line that may hold one.
  if (scrubSlackTokens && (out.includes("xox") || out.includes("xapp-"))) out = out.replace(SLACK_TOKEN, "[redacted]");
  return out;
}

/**
 * One structured JSON logger for the process. Known secrets are removed twice: by
 * field name (redact) and, as a last line of defence, from the written text itself.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets ?? [];
  const scrubSlackTokens = options.scrubSlackTokens ?? false;
  return pino(
    {
      level: options.level,
      base: { service: "minutebook", ...options.base },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      ...(secrets.length > 0 || scrubSlackTokens
        ? { hooks: { streamWrite: (line: string) => scrub(line, secrets, scrubSlackTokens) } }
        : {}),
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/**
 * At debug, the Slack Web API client logs every request's and response's whole body,
 * and Bolt every acknowledgement's (in Socket Mode, as JSON): message text, forms,
 * names, private boards' actions and minutes. Their shape is kept for debugging
 * (keys, ids, ok and error) and every other value is replaced.
 */
const BODY_LINES = [
  /^(http request (?:body|result): )([[{][\s\S]*)()$/,
  /^(ack\(\) (?:call begins|response sent|response stored) \(body: )([[{][\s\S]*)(\))$/,
];
/** Values that are ids, flags or Slack's own words, never what people wrote. */
const KEPT_KEYS = new Set([
  "ok",
  "error",
  "warning",
  "needed",
  "provided",
  "channel",
  "channel_id",
  "ts",
  "message_ts",
  "thread_ts",
  "user",
  "user_id",
  "members",
  "team",
  "team_id",
  "bot_id",
  "app_id",
  "id",
  "file",
  "files",
  "trigger_id",
  "view_id",
  "callback_id",
  "external_id",
  "type",
  "response_action",
  "response_metadata",
  "messages",
  "warnings",
  "next_cursor",
]);

function withoutContent(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutContent(item, key));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutContent(v, k)]));
  return key !== undefined && KEPT_KEYS.has(key) ? value : "[omitted]";
}

export function scrubBodyLine(line: string): string {
  for (const pattern of BODY_LINES) {
    const match = pattern.exec(line);
    if (!match) continue;
    try {
      // Nested JSON (blocks, view) may arrive as strings: withoutContent replaces them whole.
      return `${match[1]}${JSON.stringify(withoutContent(JSON.parse(match[2]!)))}${match[3]}`;
    } catch {
      return `${match[1]}[omitted]${match[3]}`;
    }
  }
  return line;
}

const BOLT_TO_PINO: Record<BoltLogLevel, LogLevel> = {
  [BoltLogLevel.DEBUG]: "debug",
  [BoltLogLevel.INFO]: "info",
  [BoltLogLevel.WARN]: "warn",
  [BoltLogLevel.ERROR]: "error",
};

/** Bolt and the Slack Web API client log through this adapter into the same logger. */
export function toBoltLogger(logger: Logger): BoltLogger {
  let child = logger.child({ component: "bolt" });
  const format = (msg: unknown[]) => msg.map((m) => (typeof m === "string" ? m : JSON.stringify(m))).join(" ");
  return {
    // Bolt and the Web API client log whole bodies at debug: format and scrub them only when debug is on.
    debug: (...msg) => {
      if (child.isLevelEnabled("debug")) child.debug(scrubBodyLine(format(msg)));
    },
    info: (...msg) => child.info(format(msg)),
    warn: (...msg) => child.warn(format(msg)),
    error: (...msg) => child.error(format(msg)),
    setLevel: (level) => {
      child.level = BOLT_TO_PINO[level];
    },
    getLevel: () => {
      const found = (Object.entries(BOLT_TO_PINO) as [BoltLogLevel, LogLevel][]).find(([, l]) => l === child.level);
      return found ? found[0] : BoltLogLevel.INFO;
    },
    setName: (name) => {
      child = logger.child({ component: name });
    },
  };
}
