// `npm run --silent minutes:parse -- <file> [--meeting-date YYYY-MM-DD]`: prints
// what the parser finds in a minutes document as one JSON object on stdout.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { isAppError } from "../errors";
import { parseMinutes, toPrintedJson } from "../minutes/parse-minutes";
import { readDocument } from "../minutes/read-document";
import { plainWordsFor } from "../slack/views/problems";

const USAGE = "Usage: npm run --silent minutes:parse -- <file.txt|.md|.docx|.pdf> [--meeting-date YYYY-MM-DD]";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let meetingDate: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--meeting-date") meetingDate = args[++i];
    else if (arg.startsWith("--meeting-date=")) meetingDate = arg.slice("--meeting-date=".length);
    else if (arg === "--help" || arg === "-h") return void process.stdout.write(`${USAGE}\n`);
    else files.push(arg);
  }
  if (files.length !== 1) throw new Error(`Give one minutes file. ${USAGE}`);
  if (meetingDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(meetingDate))
    throw new Error(`--meeting-date must look like 2015-03-10, not "${meetingDate}".`);
  const file = files[0]!;
  const bytes = await readFile(file).catch(() => {
    throw new Error(`There is no file ${file}.`);
  });
  const text = await readDocument({ bytes, fileName: path.basename(file) });
  process.stdout.write(`${JSON.stringify(toPrintedJson(parseMinutes(text, meetingDate ? { meetingDate } : {})))}\n`);
}

main().catch((error: unknown) => {
  const message = isAppError(error)
    ? plainWordsFor(error.problem)
    : error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
