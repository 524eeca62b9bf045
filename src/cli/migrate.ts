// `npm run db:migrate`: creates the database if needed and applies pending migrations.
import { loadDotEnv } from "../config";
import { applyMigrations, defaultMigrationsDir } from "../../prisma/migrate";
import { databaseUrlOf } from "../console/console-mode";
import { ensureDatabase } from "../db/ensure-database";

async function main(): Promise<void> {
  loadDotEnv();
  const databaseUrl = databaseUrlOf(process.env);
  if (await ensureDatabase(databaseUrl)) process.stdout.write("Created the database.\n");
  const result = await applyMigrations({ databaseUrl, migrationsDir: defaultMigrationsDir() });
  for (const name of result.applied) process.stdout.write(`Applied ${name}\n`);
  process.stdout.write(
    result.applied.length === 0
      ? `Database schema is up to date (${result.alreadyApplied.length} migrations).\n`
      : `${result.applied.length} migration(s) applied.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
