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
  destination?: DestinationStream;
  base?: Record<string, unknown>;
}

function scrub(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join("[redacted]");
  }
  return out;
}

/**
 * One structured JSON logger for the process. Known secrets are removed twice: by
 * field name (redact) and, as a last line of defence, from the written text itself.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets ?? [];
  return pino(
    {
      level: options.level,
      base: { service: "minutebook", ...options.base },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      ...(secrets.length > 0 ? { hooks: { streamWrite: (line: string) => scrub(line, secrets) } } : {}),
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
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
    debug: (...msg) => child.debug(format(msg)),
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
