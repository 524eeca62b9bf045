import { Client } from "pg";

/** Postgres error code for "database already exists" (another process won the race). */
const DUPLICATE_DATABASE = "42P04";
const INVALID_CATALOG = "3D000";

function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ""));
  if (!name) throw new Error("DATABASE_URL names no database: add one, as in postgresql://host:5432/minutebook");
  return name;
}

function withDatabase(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Creates the database named in the URL if it does not exist yet, by connecting to
 * the server's maintenance database. Returns true when it created it.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const probe = new Client({ connectionString: databaseUrl });
  try {
    await probe.connect();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_CATALOG) throw error;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const name = databaseName(databaseUrl);
  for (const maintenance of ["postgres", "template1"]) {
    const admin = new Client({ connectionString: withDatabase(databaseUrl, maintenance) });
    try {
      await admin.connect();
    } catch (error) {
      await admin.end().catch(() => undefined);
      if ((error as { code?: string }).code === INVALID_CATALOG) continue;
      throw error;
    }
    try {
      await admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === DUPLICATE_DATABASE) return false;
      throw error;
    } finally {
      await admin.end();
    }
  }
  throw new Error(`Database ${name} does not exist and neither postgres nor template1 could be reached to create it`);
}
