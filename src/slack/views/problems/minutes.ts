// Words for problems with minutes: documents, imports and their review.
import path from "node:path";
import { formatDay } from "../../../dates";
import type { EarlierMinutesMet, MinutesImported, MinutesProblem } from "../../../errors";
import { said, unreachable, type Words } from "./words";

/** Said under every refused download: what the person can do instead. */
export const REFUSED_HINT = "Share the file in Slack again, or paste the text with /minutes.";

export function minutesWords(problem: MinutesProblem): Words {
  switch (problem.code) {
    case "minutes_too_short":
      return said(
        "That is too short to be minutes: nothing was imported.",
        "Paste the whole document, from its title to the date of the next meeting.",
      );
    case "import_taken_over":
      return said("Another reading of these minutes took over from this one.");
    case "import_not_found":
      return said("That import is no longer there. Nothing was imported.");
    case "import_not_pending":
      return said("These minutes have already been imported (or the import was cancelled). Nothing new was created.");
    case "import_board_gone":
      return said("The board these minutes were for no longer exists. Nothing was imported.");
    case "meeting_date_needed":
      return said("The minutes do not say when the meeting was: pick its date. Nothing was imported.");
    case "calendar_changed":
      return said(
        "The board's next meeting changed after you opened the review, so nothing was imported.",
        "Press Review and import again: the form asks about the calendar as it is now.",
      );
    case "minutes_already_imported":
      return said(
        `These minutes are already in: imported ${earlierImport(problem)} as the ${problem.boardCode} meeting of ${formatDay(problem.meetingStartsAt, problem.timeZone)}. Nothing new was created.`,
        "`/action list #" + problem.boardCode + "` shows the actions from them.",
      );
    case "minutes_imported_meanwhile":
      return said("These minutes have just been imported for this board. Nothing new was created.");
    case "file_import_under_way_elsewhere":
      return said(
        "This file is already being imported, so nothing new was started.",
        "Once that import is finished or cancelled, press Import again.",
      );
    case "meeting_has_minutes":
      return said(
        `The ${problem.boardCode} meeting of ${formatDay(problem.meetingStartsAt, problem.timeZone)} already has its minutes, imported ${earlierImport(problem)}. Nothing was imported.`,
        `A meeting's minutes are imported once. If these are another meeting's, check the date they give; to correct the earlier ones, edit their actions from \`/action list #${problem.boardCode}\`.`,
      );
    case "no_file":
      return said(
        "That message has no file to import. Nothing was imported.",
        "Use Import minutes on a message with a .txt, .md, .docx or .pdf file, or paste the text with `/minutes`.",
      );
    case "unsupported_document":
      return said(
        `I can't read ${problem.extension || "that kind of"} files. Nothing was imported.`,
        "Minutes can be .txt, .md, .docx or .pdf files.",
      );
    case "document_too_large": {
      const size = problem.byteCount === undefined ? "more than 10 MB" : `${megabytes(problem.byteCount)} MB`;
      return said(
        `${problem.fileName} is ${size}; minutes up to 10 MB can be imported.`,
        "Split it, or paste the minutes' text.",
      );
    }
    case "unreadable_document": {
      const format = path.extname(problem.fileName).slice(1).toUpperCase();
      return said(
        `I couldn't read ${problem.fileName}: it does not look like a valid ${format} file.`,
        "Open it, save it again (or as PDF), and import the new copy; or paste the text.",
      );
    }
    case "document_too_complex": {
      const { limit } = problem;
      const stopped =
        limit.kind === "time"
          ? `after ${limit.seconds} seconds`
          : limit.kind === "text"
            ? `at ${limit.megabytes} MB of text`
            : `at ${limit.megabytes} MB of memory`;
      return said(
        `I stopped reading ${problem.fileName} ${stopped}; a PDF of minutes takes far less.`,
        "Split it, or print it to a new PDF, and import that; or paste the minutes' text.",
      );
    }
    case "document_too_large_unpacked":
      return said(
        `${problem.fileName} would be ${megabytes(problem.byteCount)} MB once unpacked; Word minutes up to ${problem.maxBytes / 1024 / 1024} MB unpacked can be imported.`,
        "Save it as PDF, or as a Word file without its pictures, and import that; or paste the minutes' text.",
      );
    case "file_source_refused":
      return said(
        `${refusedDownload(problem.refusal)} Minutebook downloads files only from Slack's own file host, so nothing was imported.`,
        REFUSED_HINT,
      );
    default:
      return unreachable(problem);
  }
}

/** "on 3 Mar 2027 by you from minutes.pdf": who is named only when Slack knows them. */
export function importedWords(imported: MinutesImported, timeZone: string, readerSlackUserId: string | null): string {
  const by =
    imported.bySlackUserId && /^[UW][A-Z0-9]+$/.test(imported.bySlackUserId)
      ? imported.bySlackUserId === readerSlackUserId
        ? "you"
        : `<@${imported.bySlackUserId}>`
      : null;
  return [
    `on ${formatDay(imported.at, timeZone)}`,
    ...(by ? [`by ${by}`] : []),
    ...(imported.fileName ? [`from ${imported.fileName}`] : []),
  ].join(" ");
}

const earlierImport = (earlier: EarlierMinutesMet) =>
  importedWords(earlier.imported, earlier.timeZone, earlier.readerSlackUserId);

const megabytes = (byteCount: number) =>
  (byteCount / 1024 / 1024).toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function refusedDownload(refusal: Extract<MinutesProblem, { code: "file_source_refused" }>["refusal"]): string {
  switch (refusal.kind) {
    case "address":
      return `Slack said ${refusal.fileName} is at ${refusal.where}.`;
    case "redirect":
      return `Downloading ${refusal.fileName} was sent on to ${refusal.where}, away from where it started.`;
    case "lookup":
      return `${refusal.detail}.`;
    default:
      return unreachable(refusal);
  }
}
