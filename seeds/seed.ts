// `npm run seed` (and Prisma's seed command): loads the sample boards and minutes.
// Twice is the same as once. Reminder rows are written; the worker's repair sweep
// queues their jobs the next time it runs.
import { loadDotEnv } from "../src/config";
import { applyMigrations, defaultMigrationsDir } from "../prisma/migrate";
import { databaseUrlOf } from "../src/console/console-mode";
import { createDb } from "../src/db/client";
import { ensureDatabase } from "../src/db/ensure-database";
import { seedSampleData } from "./sample-data";

async function main(): Promise<void> {
  loadDotEnv();
  const databaseUrl = databaseUrlOf(process.env);
  await ensureDatabase(databaseUrl);
  await applyMigrations({ databaseUrl, migrationsDir: defaultMigrationsDir() });
  const db = createDb({ databaseUrl, poolSize: 2 });
  try {
    const slackTeamId = process.env.SEED_TEAM_ID ?? "T0LOCAL";
    const summary = await seedSampleData(db, { slackTeamId, now: new Date() });
    for (const board of summary.boards) {
      process.stdout.write(
        `${board.code}: ${board.isNew ? "created" : "already there"}; ${board.isImported ? `minutes imported, ${board.actions} actions` : "minutes already imported"}\n`,
      );
    }
    process.stdout.write(`${summary.reminders.scheduled.length} reminders planned (workspace ${slackTeamId}).\n`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
