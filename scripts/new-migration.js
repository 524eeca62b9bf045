#!/usr/bin/env node
// Writes the next migration from the change to prisma/schema.prisma:
//   npm run db:new-migration -- add_board_holiday_region
// Prisma's own `migrate dev` needs a native engine this machine cannot download, and
// `migrate diff --from-migrations` does not work through the driver adapter, so the
// change is diffed between two schema files: prisma/schema.migrated.prisma (the
// schema as the migrations leave it) and prisma/schema.prisma. The SQL goes to
// prisma/migrations/<UTC timestamp>_<name>/migration.sql, Prisma's layout, and the
// snapshot is moved on. Review the SQL before committing; add data moves by hand.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.join(__dirname, "..");
const schema = path.join(root, "prisma", "schema.prisma");
const snapshot = path.join(root, "prisma", "schema.migrated.prisma");
const migrations = path.join(root, "prisma", "migrations");
const SNAPSHOT_HEADER =
  "// The schema as the migrations in prisma/migrations leave it. Written by\n" +
  "// `npm run db:new-migration`, which diffs schema.prisma against it; do not edit by hand.\n";

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const name = process.argv[2];
if (!name || !/^[a-z][a-z0-9_]{0,80}$/.test(name)) {
  fail("usage: npm run db:new-migration -- <name>   (lower case, digits and _, e.g. add_board_holiday_region)");
}

// `migrate diff` connects even to compare two files; any reachable database will do.
const username = process.env.USER || os.userInfo().username;
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || `postgresql://${username}@127.0.0.1:5432/postgres`,
};
const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mb-migration-")), "migration.sql");
try {
  execFileSync(
    path.join(root, "node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--from-schema-datamodel", snapshot, "--to-schema-datamodel", schema, "--script", "-o", output],
    { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] },
  );
} catch {
  fail("prisma migrate diff failed (see above); is PostgreSQL running at DATABASE_URL?");
}
const sql = fs.readFileSync(output, "utf8");
if (/^\s*-- This is an empty migration\.\s*$/.test(sql))
  fail("schema.prisma has not changed since the last migration: nothing to write.");

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const directory = path.join(migrations, `${stamp}_${name}`);
fs.mkdirSync(directory);
fs.writeFileSync(path.join(directory, "migration.sql"), sql);
fs.writeFileSync(snapshot, SNAPSHOT_HEADER + fs.readFileSync(schema, "utf8"));
process.stdout.write(
  `wrote ${path.relative(root, path.join(directory, "migration.sql"))}; review it, then npm run db:migrate\n`,
);
