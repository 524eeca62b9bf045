// Boots the real Minutebook (Bolt HTTP receiver, PostgreSQL, Redis, BullMQ) for one
// test file, with Slack's side played by the fake Web API server.
import { loadConfig, secretsOf, type Config } from "../../src/config";
import { startRuntime, type Runtime, type RuntimeOptions } from "../../src/runtime";
import { createTestDatabase, type TestDatabase } from "./database";
import { LocalSlack } from "../../src/local-slack/server";
import { captureLogs, type CapturedLogs } from "./logs";
import { deleteRedisKeys, TEST_REDIS_URL, testRedisPrefix } from "./redis";
import { SlackRequests } from "../../src/local-slack/requests";
import { BOT_SCOPES } from "../../src/slack/surface";

export const TEST_BOT_TOKEN = "xoxb-1111-2222-minutebooktesttoken";
export const TEST_SIGNING_SECRET = "0123456789abcdef0123456789abcdef";

export interface TestApp {
  config: Config;
  fake: LocalSlack;
  database: TestDatabase;
  runtime: Runtime;
  slack: SlackRequests;
  logs: CapturedLogs;
  url: string;
  /** Stops the app, checks every Slack payload, drops the database and Redis keys. */
  stop(): Promise<void>;
}

export interface TestAppOptions extends Partial<Omit<RuntimeOptions, "config" | "logger">> {
  role?: "web" | "worker" | "all";
  env?: Record<string, string>;
}

/**
 * The environment of an app wired to the fake Slack, a test database and a Redis
 * prefix of its own: for loadConfig, or for `node dist/src/main.js` as a child process.
 */
export function testAppEnv({
  fake,
  databaseUrl,
  prefix,
}: {
  fake: LocalSlack;
  databaseUrl: string;
  prefix: string;
}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    PORT: "0",
    LOG_LEVEL: "info",
  };
}

/**
 * Fail fast against the fake instead of retrying for half an hour, but wait out a 429 as
 * production's clients do (the Web API client waits Retry-After, then fails the attempt
 * with this message): dropping it lost answers whenever a test's Slack calls bunched up in
 * one conversation (the stand-in allows one message a second there after a burst).
 */
export const RETRY_ONLY_RATE_LIMITS = {
  retries: 3,
  minTimeout: 0,
  factor: 1,
  onFailedAttempt: (error: Error) => {
    if (!error.message.startsWith("A rate limit was exceeded")) throw error;
  },
};

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  // Slack as the app is installed: with the manifest's scopes, so a method needing one the app lacks is refused.
  const fake = await LocalSlack.start({
    botToken: TEST_BOT_TOKEN,
    scopes: Object.keys(BOT_SCOPES),
    ...(options.now ? { now: options.now } : {}),
  });
  const database = await createTestDatabase();
  const prefix = testRedisPrefix();
  const config = loadConfig({
    ...testAppEnv({ fake, databaseUrl: database.url, prefix }),
    NODE_ENV: "test",
    ROLE: options.role ?? "all",
    LOG_LEVEL: "debug",
    ...options.env,
  });
  const logs = captureLogs("debug", secretsOf(config));
  let runtime: Runtime;
  try {
    runtime = await startRuntime({
      isSweepScheduled: false,
      slackClientOptions: { retryConfig: RETRY_ONLY_RATE_LIMITS },
      ...options,
      config,
      logger: logs.logger,
    });
  } catch (error) {
    await fake.stop();
    await database.drop();
    throw error;
  }
  const url = `http://127.0.0.1:${runtime.port}`;
  return {
    config,
    fake,
    database,
    runtime,
    logs,
    url,
    slack: new SlackRequests({ appUrl: url, signingSecret: TEST_SIGNING_SECRET, fake }),
    async stop() {
      try {
        await runtime.stop();
      } finally {
        await fake.stop();
        await database.drop();
        await deleteRedisKeys(prefix);
      }
      fake.assertNoViolations();
    },
  };
}
