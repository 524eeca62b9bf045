// Per-test-file PostgreSQL databases. Global setup builds a template database with
// every migration applied (named by a hash of the migrations, so it is rebuilt only
// when they change); each test file then gets its own copy, made in milliseconds
// with CREATE DATABASE ... TEMPLATE, and dropped when the file is done.
import { createHash, randomBytes } from "node:crypto";
import { Client } from "pg";
import { withDefaultUser } from "../../src/db/connection-url";
import { applyMigrations, defaultMigrationsDir, readMigrations } from "../../prisma/migrate";

export const ADMIN_URL = withDefaultUser(process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://127.0.0.1:5432/postgres");
export const TEST_DATABASE_PREFIX = "mb_t_";
/** Serialises template builds between parallel jest runs on one machine. */
const TEMPLATE_LOCK_KEY = 8_675_309;

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function templateName(): string {
  const hash = createHash("sha256");
  for (const m of readMigrations(defaultMigrationsDir())) hash.update(`${m.name}:${m.checksum}\n`);
  return `mb_tpl_${hash.digest("hex").slice(0, 12)}`;
}

/** A short-lived connection to the admin database (creating and dropping databases). */
export async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Builds the template if this set of migrations has none yet; drops leftovers of killed runs. */
export async function prepareTemplate(): Promise<string> {
  const name = templateName();
  await withAdmin(async (admin) => {
    await admin.query("SELECT pg_advisory_lock($1)", [TEMPLATE_LOCK_KEY]);
    try {
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database d
          WHERE (datname LIKE 'mb\\_t\\_%' OR (datname LIKE 'mb\\_tpl\\_%' AND datname <> $1))
            AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
        [name],
      );
      // Leftovers of runs that died: an hour old or more (or named before names carried a time).
      const isStale = (datname: string) => {
        const created = /^mb_t_([0-9a-z]+)_/.exec(datname)?.[1];
        return !created || Date.now() - parseInt(created, 36) > 3_600_000;
      };
      for (const row of rows)
        if (!row.datname.startsWith(TEST_DATABASE_PREFIX) || isStale(row.datname))
          await admin.query(`DROP DATABASE IF EXISTS "${row.datname}"`);
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (exists.rowCount === 0) {
        const building = `${name}_building`;
        await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
        await admin.query(`CREATE DATABASE "${building}"`);
        await applyMigrations({ databaseUrl: databaseUrl(building), migrationsDir: defaultMigrationsDir() });
        await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      }
    } finally {
      await admin.query("SELECT pg_advisory_unlock($1)", [TEMPLATE_LOCK_KEY]);
    }
  });
  return name;
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database with the schema applied, for one test file. */
export async function createTestDatabase(options: { isEmpty?: boolean } = {}): Promise<TestDatabase> {
  // Named with its creation time, so another test run on this machine clears only leftovers, not ours.
  const name = `${TEST_DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdmin(async (admin) => {
        if (options.isEmpty) await admin.query(`CREATE DATABASE "${name}"`);
        else await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName()}"`);
      });
      break;
    } catch (error) {
      // Another checkout's run on this PostgreSQL (other migrations, so another template)
      // drops templates not its own while no one is copying them: build ours again.
      if ((error as { code?: string }).code !== "3D000" || attempt >= 3) throw error;
      await prepareTemplate();
    }
  }
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin(async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}
