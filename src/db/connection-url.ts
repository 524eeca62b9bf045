import { userInfo } from "node:os";

/**
 * PostgreSQL URLs without a user name rely on libpq taking the login name from
 * the environment; the pg driver does that only when USER is set, which it is not
 * under every service manager or CI runner. Fill it in from the OS instead.
 */
export function withDefaultUser(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.username) return databaseUrl;
  url.username = userInfo().username;
  return url.toString();
}
