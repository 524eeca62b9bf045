// The migration runner. `prisma migrate deploy` cannot run through the pg driver
// adapter offline (prisma/orm#27403), so this applies prisma/migrations itself and
// keeps _prisma_migrations exactly as Prisma's schema engine does (same table, same
// SHA-256 checksum of migration.sql, same lock), so `prisma migrate status` and
// `migrate deploy` agree with it wherever the engine is available.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { projectRoot } from "../src/project-root";

/** The advisory lock key Prisma's schema engine takes while migrating PostgreSQL. */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface LocalMigration {
  name: string;
  script: string;
  checksum: string;
}

export interface MigrationLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface MigrateOptions {
  databaseUrl: string;
  migrationsDir: string;
  logger?: MigrationLogger;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  readonly code = "migration_failed";
  constructor(
    message: string,
    readonly migrationName?: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

export function defaultMigrationsDir(): string {
  return path.join(projectRoot(__dirname), "prisma", "migrations");
}

/** SHA-256 of the script, lower-case hex, zero-padded: Prisma's checksum. */
export function checksumOf(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/** Prisma accepts a checksum taken with either line ending, since git may convert them. */
function matchesChecksum(script: string, checksum: string): boolean {
  return [script, script.replace(/\r\n/g, "\n"), script.replace(/\n/g, "\r\n")].some((s) => checksumOf(s) === checksum);
}

export function readMigrations(migrationsDir: string): LocalMigration[] {
  if (!existsSync(migrationsDir)) throw new MigrationError(`No migrations folder at ${migrationsDir}`);
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      if (!existsSync(file)) throw new MigrationError(`Migration ${name} has no migration.sql`, name);
      const script = readFileSync(file, "utf8");
      return { name, script, checksum: checksumOf(script) };
    });
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies every migration not yet recorded, each in its own transaction together
 * with its _prisma_migrations row: a migration that fails leaves neither its
 * changes nor a row behind, and the error names it. Running it again is a no-op.
 */
export async function applyMigrations({ databaseUrl, migrationsDir, logger }: MigrateOptions): Promise<MigrateResult> {
  const local = readMigrations(migrationsDir);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<MigrationRow>(
      `SELECT id, checksum, migration_name, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
    );
    const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
    if (failed) {
      throw new MigrationError(
        `Migration ${failed.migration_name} failed earlier and is recorded as unfinished. ` +
          `Fix the database by hand, then mark it with "prisma migrate resolve --rolled-back ${failed.migration_name}" ` +
          `or delete its row from _prisma_migrations.`,
        failed.migration_name,
      );
    }
    const done = new Map(rows.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row]));
    for (const name of done.keys()) {
      if (!local.some((m) => m.name === name)) {
        logger?.warn({ migration: name }, "migration recorded in the database is missing from prisma/migrations");
      }
    }
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const migration of local) {
      const row = done.get(migration.name);
      if (row) {
        if (!matchesChecksum(migration.script, row.checksum)) {
          logger?.warn({ migration: migration.name }, "migration was modified after it was applied");
        }
        result.alreadyApplied.push(migration.name);
        continue;
      }
      await applyOne(client, migration);
      logger?.info({ migration: migration.name }, "migration applied");
      result.applied.push(migration.name);
    }
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

async function applyOne(client: Client, migration: LocalMigration): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.script);
    // now() is the transaction's start, so finished_at would equal started_at; the
    // wall clock gives the real finishing time, as Prisma records it.
    await client.query(
      `UPDATE "_prisma_migrations" SET applied_steps_count = 1, finished_at = clock_timestamp() WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      `Migration ${migration.name} failed and was rolled back, nothing of it was applied: ${reason}`,
      migration.name,
    );
  }
}
