// The only reader of process.env. Everything else receives a Config.
import { existsSync } from "node:fs";
import { z } from "zod";
import { withDefaultUser } from "./db/connection-url";
import { parseEncryptionKey, type Keyring } from "./security/token-crypto";

export type Role = "web" | "worker";
export const ALL_ROLES: readonly Role[] = ["web", "worker"];

export interface Config {
  readonly nodeEnv: "development" | "production" | "test";
  readonly roles: readonly Role[];
  /** One workspace: the bot token. Undefined when workspaces install through OAuth. */
  readonly slackBotToken: string | undefined;
  /** Many workspaces, each installing through /slack/install. */
  readonly oauth:
    { readonly clientId: string; readonly clientSecret: string; readonly stateSecret: string } | undefined;
  /** Keys that encrypt stored installations (OAuth mode). */
  readonly encryption: Keyring | undefined;
  /** Days a workspace's data is kept after it uninstalls the app. */
  readonly dataRetentionDays: number;
  readonly slackSigningSecret: string;
  readonly slackAppToken: string | undefined;
  readonly slackApiUrl: string | undefined;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly redisKeyPrefix: string;
  readonly port: number;
  readonly defaultTimeZone: string;
  readonly logLevel: LogLevel;
  /** How long a worker's hold on a job lasts without renewal; a dead worker's job is retaken after it. */
  readonly workerLockMs: number;
  /** Least gap between messages to one Slack conversation; 0 turns pacing off (benchmarks). */
  readonly slackPaceMs: number;
  /** How many proxies in front of the app append to X-Forwarded-For (the dashboard throttle's client address); 0: none, use the connection's. */
  readonly trustProxyHops: number;
  /** Basic-auth login for Bull Board at /admin/queues; the board is off without it. */
  readonly admin: { readonly user: string; readonly password: string } | undefined;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  readonly code = "config_invalid";
  constructor(readonly problems: readonly string[]) {
    super(`Configuration error: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

type Env = Readonly<Record<string, string | undefined>>;

interface Variable<T> {
  readonly name: string;
  /** What a valid value looks like, said in the error line. */
  readonly expected: string;
  /** Secrets are never echoed back, even in an error. */
  readonly isSecret?: boolean;
  readonly schema: z.ZodType<T>;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isUrlWithProtocol(protocols: readonly string[]) {
  return (value: string) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  };
}

const optional = (schema: z.ZodString) => schema.optional();

const VARIABLES = {
  NODE_ENV: {
    name: "NODE_ENV",
    expected: "development, production or test",
    schema: z.enum(["development", "production", "test"]).default("development"),
  },
  ROLE: {
    name: "ROLE",
    expected: "web, worker or all (the default)",
    schema: z.enum(["web", "worker", "all"]).default("all"),
  },
  SLACK_BOT_TOKEN: {
    name: "SLACK_BOT_TOKEN",
    expected: "the bot token from the Slack app's OAuth & Permissions page, starting xoxb-",
    isSecret: true,
    schema: z.string().regex(/^xoxb-[A-Za-z0-9-]+$/),
  },
  SLACK_CLIENT_ID: {
    name: "SLACK_CLIENT_ID",
    expected:
      "the Client ID from the Slack app's Basic Information page (digits, a dot, digits), for installing in many workspaces, or unset",
    schema: optional(z.string().regex(/^\d+\.\d+$/)),
  },
  SLACK_CLIENT_SECRET: {
    name: "SLACK_CLIENT_SECRET",
    expected: "the Client Secret from the Slack app's Basic Information page (32 hex characters)",
    isSecret: true,
    schema: optional(z.string().regex(/^[0-9a-f]{32}$/i)),
  },
  SLACK_STATE_SECRET: {
    name: "SLACK_STATE_SECRET",
    expected: "a random string of 32 or more characters that signs the OAuth state (openssl rand -hex 32)",
    isSecret: true,
    schema: optional(z.string().min(32)),
  },
  ENCRYPTION_KEY: {
    name: "ENCRYPTION_KEY",
    expected:
      "32 random bytes as 64 hex characters or base64 (openssl rand -hex 32), which encrypts stored Slack tokens",
    isSecret: true,
    schema: optional(z.string().refine((v) => parseEncryptionKey(v) !== undefined)),
  },
  ENCRYPTION_KEY_PREVIOUS: {
    name: "ENCRYPTION_KEY_PREVIOUS",
    expected: "the ENCRYPTION_KEY being rotated out (same form), or unset",
    isSecret: true,
    schema: optional(z.string().refine((v) => parseEncryptionKey(v) !== undefined)),
  },
  DATA_RETENTION_DAYS: {
    name: "DATA_RETENTION_DAYS",
    expected: "days from 0 to 3650 a workspace's data is kept after it uninstalls Minutebook (default 30)",
    schema: z.coerce.number().int().min(0).max(3650).default(30),
  },
  SLACK_SIGNING_SECRET: {
    name: "SLACK_SIGNING_SECRET",
    expected: "the signing secret from the Slack app's Basic Information page (32 hex characters)",
    isSecret: true,
    schema: z.string().regex(/^[0-9a-f]{32}$/i),
  },
  SLACK_APP_TOKEN: {
    name: "SLACK_APP_TOKEN",
    expected: "an app-level token starting xapp- (only for Socket Mode), or unset",
    isSecret: true,
    schema: optional(z.string().regex(/^xapp-[A-Za-z0-9-]+$/)),
  },
  SLACK_API_URL: {
    name: "SLACK_API_URL",
    expected: "an http(s) URL of the Slack Web API such as https://slack.com/api/, or unset",
    schema: optional(z.string().refine(isUrlWithProtocol(["http:", "https:"]))),
  },
  DATABASE_URL: {
    name: "DATABASE_URL",
    expected: "a PostgreSQL URL such as postgresql://127.0.0.1:5432/minutebook",
    isSecret: true,
    schema: z
      .string()
      .refine(isUrlWithProtocol(["postgresql:", "postgres:"]))
      .default("postgresql://127.0.0.1:5432/minutebook")
      .transform(withDefaultUser),
  },
  REDIS_URL: {
    name: "REDIS_URL",
    expected: "a Redis URL such as redis://127.0.0.1:6379",
    isSecret: true,
    schema: z
      .string()
      .refine(isUrlWithProtocol(["redis:", "rediss:"]))
      .default("redis://127.0.0.1:6379"),
  },
  REDIS_KEY_PREFIX: {
    name: "REDIS_KEY_PREFIX",
    expected: "letters, digits, '-', '_' or ':' (default minutebook)",
    schema: z
      .string()
      .regex(/^[A-Za-z0-9_:-]{1,64}$/)
      .default("minutebook"),
  },
  PORT: {
    name: "PORT",
    expected: "a TCP port number from 0 to 65535 (default 3000)",
    schema: z.coerce.number().int().min(0).max(65535).default(3000),
  },
  DEFAULT_TIMEZONE: {
    name: "DEFAULT_TIMEZONE",
    expected: "an IANA time zone such as Europe/London",
    schema: z.string().refine(isTimeZone).default("Europe/London"),
  },
  WORKER_LOCK_MS: {
    name: "WORKER_LOCK_MS",
    expected: "milliseconds from 1000 to 600000 (default 30000)",
    schema: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  },
  SLACK_PACE_MS: {
    name: "SLACK_PACE_MS",
    expected: "milliseconds from 0 to 60000 (default 1000, Slack's one message a second per conversation)",
    schema: z.coerce.number().int().min(0).max(60_000).default(1000),
  },
  ADMIN_USER: {
    name: "ADMIN_USER",
    expected: "a user name for the queue dashboard at /admin/queues (with ADMIN_PASSWORD), or unset to turn it off",
    schema: optional(z.string().regex(/^[^:\s]{1,64}$/)),
  },
  ADMIN_PASSWORD: {
    name: "ADMIN_PASSWORD",
    expected: "a password of 12 or more characters for /admin/queues (with ADMIN_USER), or unset",
    isSecret: true,
    schema: optional(z.string().min(12).max(256)),
  },
  TRUST_PROXY_HOPS: {
    name: "TRUST_PROXY_HOPS",
    expected: "how many proxies you run in front of Minutebook that add to X-Forwarded-For, 0 to 5 (default 0: none)",
    schema: z.coerce.number().int().min(0).max(5).default(0),
  },
  LOG_LEVEL: {
    name: "LOG_LEVEL",
    expected: `one of ${LOG_LEVELS.join(", ")} (default info)`,
    schema: z.enum(LOG_LEVELS).default("info"),
  },
} satisfies Record<string, Variable<unknown>>;

type Parsed = { [K in keyof typeof VARIABLES]: z.output<(typeof VARIABLES)[K]["schema"]> };

function describeProblem(variable: Variable<unknown>, raw: string | undefined): string {
  if (raw === undefined) return `${variable.name} is missing: expected ${variable.expected}`;
  const shown = variable.isSecret ? "is malformed" : `is ${JSON.stringify(raw)}`;
  return `${variable.name} ${shown}: expected ${variable.expected}`;
}

function parseVariables(
  keys: readonly (keyof typeof VARIABLES)[],
  env: Env,
  overrides: Partial<Record<string, string>>,
) {
  const problems: string[] = [];
  const parsed: Partial<Record<string, unknown>> = {};
  for (const key of keys) {
    const variable: Variable<unknown> = VARIABLES[key];
    // An empty value is treated as unset, as in most deployment tools.
    const raw = overrides[key] ?? (env[key] === "" ? undefined : env[key]);
    const result = variable.schema.safeParse(raw);
    if (result.success) parsed[key] = result.data;
    else
      problems.push(
        describeProblem(
          key in overrides && overrides[key] !== undefined ? { ...variable, name: `--role (or ${key})` } : variable,
          raw,
        ),
      );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed as Parsed;
}

/**
 * Reads and validates the configuration. `roleOverride` comes from `--role` on the
 * command line and wins over ROLE. Throws a ConfigError naming every bad variable.
 */
export function loadConfig(env: Env = process.env, roleOverride?: string): Config {
  // With SLACK_CLIENT_ID, workspaces install through OAuth and there is no one bot token.
  const isOAuth = Boolean(env.SLACK_CLIENT_ID);
  const keys = (Object.keys(VARIABLES) as (keyof typeof VARIABLES)[]).filter(
    (key) => !(isOAuth && key === "SLACK_BOT_TOKEN"),
  );
  const values = parseVariables(keys, env, { ROLE: roleOverride });
  if (isOAuth) checkOAuthVariables(env, values);
  if (Boolean(values.ADMIN_USER) !== Boolean(values.ADMIN_PASSWORD)) {
    throw new ConfigError([
      `${values.ADMIN_USER ? "ADMIN_PASSWORD" : "ADMIN_USER"} is missing: the queue dashboard needs both ADMIN_USER and ADMIN_PASSWORD, or neither`,
    ]);
  }
  return Object.freeze({
    nodeEnv: values.NODE_ENV,
    roles: values.ROLE === "all" ? ALL_ROLES : [values.ROLE],
    slackBotToken: isOAuth ? undefined : values.SLACK_BOT_TOKEN,
    oauth: isOAuth
      ? {
          clientId: values.SLACK_CLIENT_ID!,
          clientSecret: values.SLACK_CLIENT_SECRET!,
          stateSecret: values.SLACK_STATE_SECRET!,
        }
      : undefined,
    encryption: values.ENCRYPTION_KEY
      ? {
          current: parseEncryptionKey(values.ENCRYPTION_KEY)!,
          previous: values.ENCRYPTION_KEY_PREVIOUS ? parseEncryptionKey(values.ENCRYPTION_KEY_PREVIOUS) : undefined,
        }
      : undefined,
    dataRetentionDays: values.DATA_RETENTION_DAYS,
    slackSigningSecret: values.SLACK_SIGNING_SECRET,
    slackAppToken: values.SLACK_APP_TOKEN,
    slackApiUrl: values.SLACK_API_URL,
    databaseUrl: values.DATABASE_URL,
    redisUrl: values.REDIS_URL,
    redisKeyPrefix: values.REDIS_KEY_PREFIX,
    port: values.PORT,
    defaultTimeZone: values.DEFAULT_TIMEZONE,
    logLevel: values.LOG_LEVEL,
    workerLockMs: values.WORKER_LOCK_MS,
    slackPaceMs: values.SLACK_PACE_MS,
    trustProxyHops: values.TRUST_PROXY_HOPS,
    admin:
      values.ADMIN_USER && values.ADMIN_PASSWORD
        ? { user: values.ADMIN_USER, password: values.ADMIN_PASSWORD }
        : undefined,
  });
}

/** OAuth mode needs its secrets and a key for the tokens, and no single bot token beside it. */
function checkOAuthVariables(env: Env, values: Parsed): void {
  const problems: string[] = [];
  for (const key of ["SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "ENCRYPTION_KEY"] as const) {
    if (!values[key])
      problems.push(
        `${key} is missing: SLACK_CLIENT_ID is set, so workspaces install through OAuth, which needs ${VARIABLES[key].expected}`,
      );
  }
  if (env.SLACK_BOT_TOKEN)
    problems.push(
      "SLACK_BOT_TOKEN is set as well as SLACK_CLIENT_ID: set SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID (with its secret) for installing in many, not both",
    );
  if (problems.length > 0) throw new ConfigError(problems);
}

/** Only DATABASE_URL, for the scripts that touch the database and nothing else. */
export function loadDatabaseUrl(env: Env = process.env): string {
  return parseVariables(["DATABASE_URL"], env, {}).DATABASE_URL;
}

/** The values that must never be written to a log, for the logger's last-line filter. */
export function secretsOf(config: Config): string[] {
  const secrets = [
    config.slackBotToken,
    config.slackSigningSecret,
    config.slackAppToken,
    config.admin?.password,
    config.oauth?.clientSecret,
    config.oauth?.stateSecret,
  ];
  for (const key of [config.encryption?.current, config.encryption?.previous])
    if (key) secrets.push(key.bytes.toString("hex"), key.bytes.toString("base64"));
  for (const url of [config.databaseUrl, config.redisUrl]) {
    const password = new URL(url).password;
    if (password) secrets.push(decodeURIComponent(password), password);
  }
  return secrets.filter((s): s is string => typeof s === "string" && s.length >= 6);
}

/** A .env file in the working directory fills in what the environment leaves unset (npm start and the scripts). */
export function loadDotEnv(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
