// Minutes: parsing a 30 KB document (target p99 under 50 ms), beside a baseline
// in the same run that only cleans the text and splits it into blocks (the least
// any reading of it must do); then every fixture document imported end to end
// (read, parse, store the preview, confirm into meeting, actions and reminders)
// against a real PostgreSQL, beside parsing alone.
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createDb } from "../src/db/client";
import { acceptEverything, confirmImport } from "../src/domain/minutes/confirm-import";
import { prepareImport } from "../src/domain/minutes/prepare-import";
import { toBlocks } from "../src/minutes/blocks";
import { cleanText } from "../src/minutes/clean-text";
import { evaluationSets } from "../src/minutes/evaluation-sets";
import { parseMinutes } from "../src/minutes/parse-minutes";
import { readDocument } from "../src/minutes/read-document";
import { createTestDatabase, prepareTemplate } from "../test/support/database";
import { formatRow, summarise } from "./stats";

const TARGET_BYTES = 30 * 1024;
const RUNS = 300;
const TARGET_P99_MS = 50;

function timeEach(runs: number, fn: () => unknown): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

/**
 * The language model's cost, in a process of its own so nothing else is loaded: the time to
 * load wink-nlp and its English model and tag a first sentence, and the memory it then holds.
 */
function measureModelLoad(): { loadMs: number; rssMb: number; heapMb: number } {
  const language = path.join(__dirname, "..", "src", "minutes", "language.js");
  const script = `
    const before = process.memoryUsage();
    const t0 = performance.now();
    require(${JSON.stringify(language)}).tagWords("The Clerk to write to the landowner.");
    const loadMs = performance.now() - t0;
    global.gc?.();
    const after = process.memoryUsage();
    process.stdout.write(JSON.stringify({ loadMs, rssMb: (after.rss - before.rss) / 1e6, heapMb: (after.heapUsed - before.heapUsed) / 1e6 }));`;
  return JSON.parse(execFileSync(process.execPath, ["--expose-gc", "-e", script], { encoding: "utf8" })) as {
    loadMs: number;
    rssMb: number;
    heapMb: number;
  };
}

export async function benchMinutesImport(): Promise<boolean> {
  const loads = [measureModelLoad(), measureModelLoad(), measureModelLoad()];
  const load = loads.sort((a, b) => a.loadMs - b.loadMs)[1]!;
  console.log(
    `\nLanguage model (wink-nlp + wink-eng-lite-web-model), loaded once per process: ${load.loadMs.toFixed(0)} ms to load and tag a first sentence (median of 3 fresh processes); it then holds ${load.heapMb.toFixed(0)} MB of heap, ${load.rssMb.toFixed(0)} MB of resident memory`,
  );
  const documents = evaluationSets().flatMap((s) => s.documents.filter((d) => d.isAvailable));
  const texts = await Promise.all(
    documents.map(async (d) => ({
      name: d.name,
      file: d.file,
      text: await readDocument({ bytes: await readFile(d.file), fileName: path.basename(d.file) }),
    })),
  );
  // A 30 KB document made of real minutes, the largest first (the longest real one is 26 KB).
  const bySize = [...texts].sort((a, b) => b.text.length - a.text.length);
  let big = "";
  for (const t of bySize) if (big.length < TARGET_BYTES) big += `${t.text}\n\n`;
  big = big.slice(0, TARGET_BYTES);

  timeEach(30, () => parseMinutes(big)); // warm up
  const baseline = summarise(timeEach(RUNS, () => toBlocks(cleanText(big).lines)));
  const parse = summarise(timeEach(RUNS, () => parseMinutes(big)));
  console.log(
    `\nMinutes parsing: a ${(big.length / 1024).toFixed(0)} KB document made of the ${documents.length} fixture documents, ${RUNS} runs`,
  );
  console.log(formatRow("baseline: clean + blocks only", baseline, baseline.mean * RUNS));
  console.log(formatRow("parseMinutes (everything)", parse, parse.mean * RUNS));
  console.log(
    `ratio to baseline: p50 ${(parse.p50 / baseline.p50).toFixed(1)}x, p99 ${(parse.p99 / baseline.p99).toFixed(1)}x; target p99 < ${TARGET_P99_MS} ms: ${parse.p99 < TARGET_P99_MS ? "met" : "NOT met"}`,
  );

  await prepareTemplate();
  const database = await createTestDatabase();
  const db = createDb({ databaseUrl: database.url, poolSize: 4 });
  try {
    const workspace = await db.workspace.create({ data: { slackTeamId: "T0BENCH" } });
    const parseOnly: number[] = [];
    const endToEnd: number[] = [];
    let actions = 0;
    for (const [i, t] of texts.entries()) {
      const t0 = performance.now();
      parseMinutes(await readDocument({ bytes: await readFile(t.file), fileName: path.basename(t.file) }));
      parseOnly.push(performance.now() - t0);
      const board = await db.board.create({
        data: { workspaceId: workspace.id, code: `B${i}`, name: t.name, slackChannelId: `C0B${i}` },
        select: { id: true, code: true, timeZone: true },
      });
      const t1 = performance.now();
      const text = await readDocument({ bytes: await readFile(t.file), fileName: path.basename(t.file) });
      const prepared = await prepareImport(db, {
        workspaceId: workspace.id,
        board,
        text,
        fileName: path.basename(t.file),
        createdBySlackUserId: "U0BENCH",
      });
      const confirmed = await confirmImport(db, {
        workspaceId: workspace.id,
        importId: prepared.importId,
        choices: acceptEverything(prepared.extraction, prepared.extraction.meeting.date ? null : "2024-01-15"),
        actorSlackUserId: "U0BENCH",
        now: new Date(),
      });
      endToEnd.push(performance.now() - t1);
      actions += confirmed.actions.length;
    }
    const e = summarise(endToEnd);
    const p = summarise(parseOnly);
    const total = endToEnd.reduce((a, b) => a + b, 0);
    console.log(
      `\nMinutes import end to end: ${texts.length} fixture documents (txt, md, docx, pdf) into meetings, ${actions} actions and their reminders`,
    );
    console.log(
      formatRow(
        "baseline: read + parse only",
        p,
        parseOnly.reduce((a, b) => a + b, 0),
      ),
    );
    console.log(formatRow("read, parse, preview, confirm", e, total));
    console.log(
      `all ${texts.length} imported in ${(total / 1000).toFixed(2)} s; ratio to parsing alone: ${(total / parseOnly.reduce((a, b) => a + b, 0)).toFixed(1)}x`,
    );
    return parse.p99 < TARGET_P99_MS;
  } finally {
    await db.$disconnect();
    await database.drop();
  }
}
