import { ConfigError, loadConfig, loadDatabaseUrl, secretsOf } from "../../src/config";

const valid = {
  SLACK_BOT_TOKEN: "xoxb-123-456-abcdef",
  SLACK_SIGNING_SECRET: "0123456789abcdef0123456789abcdef",
};

function problemsOf(env: Record<string, string>, role?: string): string {
  try {
    loadConfig(env, role);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("applies the documented defaults", () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      roles: ["web", "worker"],
      redisUrl: "redis://127.0.0.1:6379",
      redisKeyPrefix: "minutebook",
      port: 3000,
      defaultTimeZone: "Europe/London",
      logLevel: "info",
      workerLockMs: 30_000,
      slackPaceMs: 1000,
      slackAppToken: undefined,
      slackApiUrl: undefined,
    });
    const url = new URL(config.databaseUrl);
    expect(url.host).toBe("127.0.0.1:5432");
    expect(url.pathname).toBe("/minutebook");
    // The pg driver needs a user name; the OS login is filled in as libpq would.
    expect(url.username).not.toBe("");
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("reads every variable it documents", () => {
    const config = loadConfig({
      ...valid,
      SLACK_APP_TOKEN: "xapp-1-A1-2-abc",
      SLACK_API_URL: "http://127.0.0.1:9999/api/",
      DATABASE_URL: "postgresql://mb:pw@db.internal:5433/mb",
      REDIS_URL: "rediss://cache.internal:6380",
      REDIS_KEY_PREFIX: "mb-prod",
      PORT: "8080",
      DEFAULT_TIMEZONE: "Europe/Dublin",
      LOG_LEVEL: "debug",
      ROLE: "worker",
      WORKER_LOCK_MS: "5000",
    });
    expect(config).toMatchObject({
      slackAppToken: "xapp-1-A1-2-abc",
      slackApiUrl: "http://127.0.0.1:9999/api/",
      databaseUrl: "postgresql://mb:pw@db.internal:5433/mb",
      redisUrl: "rediss://cache.internal:6380",
      redisKeyPrefix: "mb-prod",
      port: 8080,
      defaultTimeZone: "Europe/Dublin",
      logLevel: "debug",
      roles: ["worker"],
      workerLockMs: 5000,
    });
  });

  it("turns the queue dashboard on with both ADMIN_USER and ADMIN_PASSWORD, and refuses one without the other", () => {
    expect(loadConfig(valid).admin).toBeUndefined();
    expect(loadConfig({ ...valid, ADMIN_USER: "ops", ADMIN_PASSWORD: "correct horse battery" }).admin).toEqual({
      user: "ops",
      password: "correct horse battery",
    });
    expect(problemsOf({ ...valid, ADMIN_USER: "ops" })).toBe(
      "Configuration error: ADMIN_PASSWORD is missing: the queue dashboard needs both ADMIN_USER and ADMIN_PASSWORD, or neither",
    );
    expect(problemsOf({ ...valid, ADMIN_USER: "ops", ADMIN_PASSWORD: "short" })).toContain(
      "ADMIN_PASSWORD is malformed: expected a password of 12 or more characters",
    );
    expect(secretsOf(loadConfig({ ...valid, ADMIN_USER: "ops", ADMIN_PASSWORD: "correct horse battery" }))).toContain(
      "correct horse battery",
    );
  });

  it("installs in many workspaces with SLACK_CLIENT_ID, its secrets and an encryption key, instead of one bot token", () => {
    const oauth = {
      SLACK_SIGNING_SECRET: valid.SLACK_SIGNING_SECRET,
      SLACK_CLIENT_ID: "1111111111.2222222222",
      SLACK_CLIENT_SECRET: "abcdef0123456789abcdef0123456789",
      SLACK_STATE_SECRET: "a-state-secret-of-more-than-thirty-two-characters",
      ENCRYPTION_KEY: "00".repeat(32),
    };
    const config = loadConfig(oauth);
    expect(config.slackBotToken).toBeUndefined();
    expect(config.oauth).toEqual({
      clientId: oauth.SLACK_CLIENT_ID,
      clientSecret: oauth.SLACK_CLIENT_SECRET,
      stateSecret: oauth.SLACK_STATE_SECRET,
    });
    expect(config.encryption?.current.bytes.length).toBe(32);
    expect(config.dataRetentionDays).toBe(30);
    expect(secretsOf(config)).toEqual(
      expect.arrayContaining([oauth.SLACK_CLIENT_SECRET, oauth.SLACK_STATE_SECRET, oauth.ENCRYPTION_KEY]),
    );
    const { ENCRYPTION_KEY: _key, ...withoutKey } = oauth;
    expect(problemsOf(withoutKey)).toContain(
      "ENCRYPTION_KEY is missing: SLACK_CLIENT_ID is set, so workspaces install through OAuth",
    );
    expect(problemsOf({ ...oauth, SLACK_BOT_TOKEN: valid.SLACK_BOT_TOKEN })).toContain(
      "SLACK_BOT_TOKEN is set as well as SLACK_CLIENT_ID",
    );
    expect(problemsOf({ ...oauth, ENCRYPTION_KEY: "not-a-key" })).toContain("ENCRYPTION_KEY is malformed");
  });

  it("lets --role win over ROLE", () => {
    expect(loadConfig({ ...valid, ROLE: "worker" }, "web").roles).toEqual(["web"]);
    expect(loadConfig({ ...valid }, "all").roles).toEqual(["web", "worker"]);
  });

  it("treats an empty value as unset", () => {
    expect(loadConfig({ ...valid, PORT: "", SLACK_APP_TOKEN: "" })).toMatchObject({
      port: 3000,
      slackAppToken: undefined,
    });
  });

  it.each([
    [{}, "SLACK_BOT_TOKEN is missing: expected the bot token"],
    [{ SLACK_BOT_TOKEN: valid.SLACK_BOT_TOKEN }, "SLACK_SIGNING_SECRET is missing"],
    [{ ...valid, PORT: "eighty" }, 'PORT is "eighty": expected a TCP port number'],
    [{ ...valid, PORT: "70000" }, 'PORT is "70000"'],
    [{ ...valid, DEFAULT_TIMEZONE: "London" }, 'DEFAULT_TIMEZONE is "London": expected an IANA time zone'],
    [{ ...valid, LOG_LEVEL: "loud" }, 'LOG_LEVEL is "loud": expected one of fatal'],
    [{ ...valid, SLACK_API_URL: "slack.com/api" }, 'SLACK_API_URL is "slack.com/api"'],
    [{ ...valid, ROLE: "both" }, 'ROLE is "both": expected web, worker or all'],
  ])("names the bad variable and what it expects (%#)", (env, expected) => {
    expect(problemsOf(env as Record<string, string>)).toContain(expected);
  });

  it("names --role when the command-line role is wrong", () => {
    expect(problemsOf(valid, "banana")).toContain('--role (or ROLE) is "banana"');
  });

  it("puts every problem on one line", () => {
    const message = problemsOf({ PORT: "x" });
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toMatch(/SLACK_BOT_TOKEN.*SLACK_SIGNING_SECRET.*PORT/);
  });

  it.each([
    ["SLACK_BOT_TOKEN", "xoxp-user-token-not-bot"],
    ["SLACK_SIGNING_SECRET", "not-hex-and-too-short"],
    ["SLACK_APP_TOKEN", "xoxb-wrong-kind"],
    ["DATABASE_URL", "mysql://root:hunter22@db/mb"],
    ["REDIS_URL", "http://user:hunter22@cache"],
  ])("never echoes the value of the secret %s", (name, value) => {
    const message = problemsOf({ ...valid, [name]: value });
    expect(message).toContain(`${name} is malformed`);
    expect(message).not.toContain(value);
  });

  it("lists the secrets the logger must scrub, including passwords inside URLs", () => {
    const config = loadConfig({
      ...valid,
      DATABASE_URL: "postgresql://mb:s3cr3t-pw@db/mb",
      REDIS_URL: "redis://:r3d1s-pw@cache:6379",
    });
    expect(secretsOf(config)).toEqual(
      expect.arrayContaining([valid.SLACK_BOT_TOKEN, valid.SLACK_SIGNING_SECRET, "s3cr3t-pw", "r3d1s-pw"]),
    );
  });

  it("reads DATABASE_URL alone for the migration script", () => {
    expect(loadDatabaseUrl({ DATABASE_URL: "postgresql://u@h/db" })).toBe("postgresql://u@h/db");
    expect(() => loadDatabaseUrl({ DATABASE_URL: "nope" })).toThrow("DATABASE_URL is malformed");
  });
});
