// When `npm start` runs the local console instead of connecting to Slack, and where
// the console keeps its data. The scripts that touch the database (seed, import,
// migrate) follow the same rule, so they reach the database `npm start` would use.
import { loadDatabaseUrl } from "../config";

type Env = Readonly<Record<string, string | undefined>>;

/** Never a real deployment's data, unless DATABASE_URL or REDIS_KEY_PREFIX say otherwise. */
export const CONSOLE_DATABASE_URL = "postgresql://127.0.0.1:5432/minutebook_console";
export const CONSOLE_REDIS_KEY_PREFIX = "minutebook-console";
export const CONSOLE_LOG_FILE = "minutebook-console.log";

/** Outside production, no Slack app's credentials at all means: run the console. */
export function wantsConsole(env: Env): boolean {
  const unset = (name: string) => !env[name];
  return (
    env.NODE_ENV !== "production" &&
    unset("SLACK_BOT_TOKEN") &&
    unset("SLACK_SIGNING_SECRET") &&
    unset("SLACK_APP_TOKEN") &&
    unset("SLACK_CLIENT_ID")
  );
}

/** DATABASE_URL, or the default of whichever `npm start` would run: the app or the console. */
export function databaseUrlOf(env: Env): string {
  return loadDatabaseUrl(wantsConsole(env) && !env.DATABASE_URL ? { ...env, DATABASE_URL: CONSOLE_DATABASE_URL } : env);
}
