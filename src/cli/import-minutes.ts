// `npm run import -- <files...> --board CODE [--team T…]`: imports a folder of historic
// minutes from the command line, each through the same path as /minutes (read, parse,
// store, confirm: meeting, actions with reminders, next meeting), with a progress bar,
// then a summary. A document already imported, or with no date in it, is skipped and said.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { applyMigrations, defaultMigrationsDir } from "../../prisma/migrate";
import { loadDotEnv } from "../config";
import { databaseUrlOf } from "../console/console-mode";
import { createDb } from "../db/client";
import { ensureDatabase } from "../db/ensure-database";
import { acceptEverything, confirmImport } from "../domain/minutes/confirm-import";
import { prepareImport } from "../domain/minutes/prepare-import";
import { isAppError } from "../errors";
import { readDocument } from "../minutes/read-document";
import { wordsFor } from "../slack/views/problems";

const USAGE = "Usage: npm run import -- <files...> --board CODE [--team T0LOCAL]";

function parseArgs(args: readonly string[]): { files: string[]; board: string; team: string } {
  const files: string[] = [];
  let board = "";
  let team = process.env.SEED_TEAM_ID ?? "T0LOCAL";
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--board") board = (args[++i] ?? "").replace(/^#/, "").toUpperCase();
    else if (arg === "--team") team = args[++i] ?? team;
    else files.push(arg);
  }
  if (!board || files.length === 0) throw new Error(`Give the files and the board. ${USAGE}`);
  return { files, board, team };
}

function progress(done: number, total: number, name: string): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(
    `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${name.slice(0, 40).padEnd(40)}`,
  );
  if (done === total) process.stderr.write("\n");
}

async function main(): Promise<void> {
  loadDotEnv();
  const { files, board: code, team } = parseArgs(process.argv.slice(2));
  const databaseUrl = databaseUrlOf(process.env);
  await ensureDatabase(databaseUrl);
  await applyMigrations({ databaseUrl, migrationsDir: defaultMigrationsDir() });
  const db = createDb({ databaseUrl, poolSize: 2 });
  const lines: string[] = [];
  let imported = 0;
  let actions = 0;
  try {
    const workspace = await db.workspace.findUnique({ where: { slackTeamId: team }, select: { id: true } });
    const board = workspace
      ? await db.board.findFirst({
          where: { workspaceId: workspace.id, code },
          select: { id: true, code: true, timeZone: true },
        })
      : null;
    if (!workspace || !board)
      throw new Error(
        `There is no board ${code} in workspace ${team}. Create it in Slack with /board create ${code} <name>, or load the samples with npm run seed.`,
      );
    for (const [i, file] of files.entries()) {
      const name = path.basename(file);
      progress(i, files.length, name);
      try {
        const text = await readDocument({ bytes: await readFile(file), fileName: name });
        const prepared = await prepareImport(db, {
          workspaceId: workspace.id,
          board,
          text,
          fileName: name,
          createdBySlackUserId: "import",
        });
        if (!prepared.extraction.meeting.date) {
          await db.minutesImport.update({ where: { id: prepared.importId }, data: { status: "cancelled" } });
          lines.push(`${name}: skipped, no meeting date in it (import it with /minutes and pick the date)`);
          continue;
        }
        const confirmed = await confirmImport(db, {
          workspaceId: workspace.id,
          importId: prepared.importId,
          choices: acceptEverything(prepared.extraction),
          actorSlackUserId: "import",
          now: new Date(),
        });
        imported++;
        actions += confirmed.actions.length;
        lines.push(
          `${name}: meeting of ${prepared.extraction.meeting.date}, ${confirmed.actions.length} actions (${confirmed.actions.map((a) => a.reference).join(", ") || "none"})${confirmed.nextMeetingId ? ", next meeting scheduled" : ""}`,
        );
      } catch (error) {
        lines.push(
          `${name}: skipped, ${isAppError(error) ? wordsFor(error.problem).text : error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    progress(files.length, files.length, "done");
  } finally {
    await db.$disconnect();
  }
  process.stdout.write(
    `${lines.join("\n")}\n${imported} of ${files.length} documents imported into ${code}: ${actions} actions.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
