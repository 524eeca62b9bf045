import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import {
  applyMigrations,
  checksumOf,
  defaultMigrationsDir,
  MigrationError,
  readMigrations,
} from "../../prisma/migrate";
import { projectRoot } from "../../src/project-root";
import { createTestDatabase, type TestDatabase } from "../support/database";

const run = promisify(execFile);

async function query<T extends Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function migrationsFolder(migrations: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "mb-migrations-"));
  for (const [name, sql] of Object.entries(migrations)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("the migration runner", () => {
  const databases: TestDatabase[] = [];
  const folders: string[] = [];
  const emptyDatabase = async () => {
    const db = await createTestDatabase({ isEmpty: true });
    databases.push(db);
    return db;
  };

  afterAll(async () => {
    await Promise.all(databases.map((db) => db.drop()));
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it("applies the project's migrations once and records them as Prisma does", async () => {
    const db = await emptyDatabase();
    const before = new Date();
    const first = await applyMigrations({ databaseUrl: db.url, migrationsDir: defaultMigrationsDir() });
    const local = readMigrations(defaultMigrationsDir());
    expect(first.applied).toEqual(local.map((m) => m.name));

    const rows = await query<{
      id: string;
      checksum: string;
      migration_name: string;
      started_at: Date;
      finished_at: Date | null;
      logs: string | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>(db.url, `SELECT * FROM "_prisma_migrations" ORDER BY started_at`);
    expect(rows).toHaveLength(local.length);
    for (const [i, row] of rows.entries()) {
      const file = path.join(defaultMigrationsDir(), row.migration_name, "migration.sql");
      expect(row.migration_name).toBe(local[i]?.name);
      // Prisma's checksum: SHA-256 of the file, 64 lower-case hex digits.
      expect(row.checksum).toBe(checksumOf(readFileSync(file, "utf8")));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.started_at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }

    const second = await applyMigrations({ databaseUrl: db.url, migrationsDir: defaultMigrationsDir() });
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);
    expect(await query(db.url, `SELECT 1 FROM "_prisma_migrations"`)).toHaveLength(local.length);
  });

  it("matches the checksum Prisma documents for a known script", () => {
    // The schema engine's own test vector: sha256("hello"), zero-padded hex.
    expect(checksumOf("hello")).toBe("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  });

  it("serialises concurrent runners (web and worker booting together) so each migration runs once", async () => {
    const db = await emptyDatabase();
    const results = await Promise.all(
      [1, 2, 3].map(() => applyMigrations({ databaseUrl: db.url, migrationsDir: defaultMigrationsDir() })),
    );
    const applied = results.flatMap((r) => r.applied);
    expect(applied).toEqual(readMigrations(defaultMigrationsDir()).map((m) => m.name));
  });

  it("rolls a failing migration back whole, names it, and applies it once fixed", async () => {
    const db = await emptyDatabase();
    const dir = migrationsFolder({
      "20260101000000_first": `CREATE TABLE "First" ("id" INTEGER PRIMARY KEY);`,
      "20260102000000_broken": `CREATE TABLE "Second" ("id" INTEGER PRIMARY KEY);\nALTER TABLE "Nope" ADD COLUMN "x" INTEGER;`,
    });
    folders.push(dir);
    await expect(applyMigrations({ databaseUrl: db.url, migrationsDir: dir })).rejects.toThrow(
      /Migration 20260102000000_broken failed and was rolled back, nothing of it was applied: relation "Nope" does not exist/,
    );
    await expect(applyMigrations({ databaseUrl: db.url, migrationsDir: dir })).rejects.toBeInstanceOf(MigrationError);
    const tables = await query<{ table_name: string }>(
      db.url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    // The first migration stands; nothing of the second does, not even its first statement or a row.
    expect(tables.map((t) => t.table_name)).toEqual(["First", "_prisma_migrations"]);
    expect(
      (await query<{ migration_name: string }>(db.url, `SELECT migration_name FROM "_prisma_migrations"`)).map(
        (r) => r.migration_name,
      ),
    ).toEqual(["20260101000000_first"]);

    writeFileSync(
      path.join(dir, "20260102000000_broken", "migration.sql"),
      `CREATE TABLE "Second" ("id" INTEGER PRIMARY KEY);`,
    );
    const fixed = await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    expect(fixed.applied).toEqual(["20260102000000_broken"]);
  });

  it("refuses to go on past a migration Prisma recorded as failed, and says how to resolve it", async () => {
    const db = await emptyDatabase();
    const dir = migrationsFolder({ "20260101000000_first": `CREATE TABLE "First" ("id" INTEGER PRIMARY KEY);` });
    folders.push(dir);
    await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    await query(db.url, `UPDATE "_prisma_migrations" SET finished_at = NULL, logs = 'boom'`);
    await expect(applyMigrations({ databaseUrl: db.url, migrationsDir: dir })).rejects.toThrow(
      /20260101000000_first failed earlier.*prisma migrate resolve --rolled-back 20260101000000_first/,
    );
  });

  it("warns when an applied migration's file was changed afterwards", async () => {
    const db = await emptyDatabase();
    const dir = migrationsFolder({ "20260101000000_first": `CREATE TABLE "First" ("id" INTEGER PRIMARY KEY);\n` });
    folders.push(dir);
    await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    const warnings: string[] = [];
    const logger = { info: () => undefined, warn: (_: object, msg: string) => void warnings.push(msg) };
    // A line-ending change alone is not a modification, as in Prisma.
    writeFileSync(
      path.join(dir, "20260101000000_first", "migration.sql"),
      `CREATE TABLE "First" ("id" INTEGER PRIMARY KEY);\r\n`,
    );
    await applyMigrations({ databaseUrl: db.url, migrationsDir: dir, logger });
    expect(warnings).toEqual([]);
    writeFileSync(
      path.join(dir, "20260101000000_first", "migration.sql"),
      `CREATE TABLE "First" ("id" BIGINT PRIMARY KEY);\n`,
    );
    await applyMigrations({ databaseUrl: db.url, migrationsDir: dir, logger });
    expect(warnings).toEqual(["migration was modified after it was applied"]);
  });

  it("keeps ActionEvent append-only: a recorded event cannot be changed", async () => {
    const db = await createTestDatabase();
    databases.push(db);
    await query(
      db.url,
      `INSERT INTO "Workspace" (id, "slackTeamId", "updatedAt") VALUES ('00000000-0000-0000-0000-000000000001', 'T1', now())`,
    );
    await query(
      db.url,
      `INSERT INTO "Action" (id, "workspaceId", number, reference, text, "updatedAt")
       VALUES ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 1, 'A-1', 'x', now())`,
    );
    await query(
      db.url,
      `INSERT INTO "ActionEvent" (id, "workspaceId", "actionId", type) VALUES
       ('00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', 'created')`,
    );
    await expect(query(db.url, `UPDATE "ActionEvent" SET type = 'done'`)).rejects.toThrow(/append-only/);
  });
});

describe("prisma/migrations and prisma/schema.prisma", () => {
  // The database the migrations build must be the one schema.prisma describes.
  // Prisma cannot introspect through the driver adapter offline, so compare catalogs:
  // one database from the migrations, one from the schema's own from-empty script.
  const catalog = async (url: string) => ({
    columns: await query(
      url,
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        ORDER BY table_name, column_name`,
    ),
    indexes: await query(
      url,
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
    ),
    constraints: await query(
      url,
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid <> '"_prisma_migrations"'::regclass ORDER BY conname`,
    ),
    enums: await query(
      url,
      `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY 1, 3`,
    ),
  });

  it("describe the same database (no drift)", async () => {
    const fromMigrations = await createTestDatabase();
    const fromSchema = await createTestDatabase({ isEmpty: true });
    const scratch = mkdtempSync(path.join(tmpdir(), "mb-drift-"));
    try {
      const script = path.join(scratch, "schema.sql");
      const prisma = path.join(projectRoot(), "node_modules", ".bin", "prisma");
      const env = { ...process.env, DATABASE_URL: fromSchema.url };
      const options = { cwd: projectRoot(), env };
      await run(
        prisma,
        ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script", "-o", script],
        options,
      );
      const migrations = path.join(scratch, "migrations", "00000000000000_schema");
      mkdirSync(migrations, { recursive: true });
      cpSync(script, path.join(migrations, "migration.sql"));
      await applyMigrations({ databaseUrl: fromSchema.url, migrationsDir: path.dirname(migrations) });
      expect(await catalog(fromMigrations.url)).toEqual(await catalog(fromSchema.url));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
      await fromMigrations.drop();
      await fromSchema.drop();
    }
  });
});
