import { formatDay, formatTime } from "../../../dates";
import type { ExportFormat } from "../../../domain/boards/export-action-log";
import { escapeText } from "../actions/describe-action";
import { context, message, section, type MessageView } from "../blocks";

export interface PostedExport {
  code: string;
  channelId: string;
  timeZone: string;
  fileName: string;
  format: ExportFormat;
  actionCount: number;
  historyCount: number;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
const counts = (e: Pick<PostedExport, "actionCount" | "historyCount">) =>
  `${count(e.actionCount, "action", "actions")}, ${count(e.historyCount, "history entry", "history entries")}`;

const SHAPES: Record<ExportFormat, string> = {
  csv: "CSV for Excel: one row per history entry, each with its action's columns (filter Entry to 1 for one row per action)",
  json: "JSON: one object per action, its history nested",
};

/** The initial comment the file is posted with in the board's channel: what it is, as of when, and who asked (mrkdwn). */
export function exportCommentText(
  e: Pick<PostedExport, "code" | "timeZone" | "actionCount" | "historyCount">,
  exportedBy: string,
  now: Date,
): string {
  const who = /^<@[UW][A-Z0-9]+>$/.test(exportedBy) ? exportedBy : escapeText(exportedBy);
  return `${e.code}'s action log as of ${formatDay(now, e.timeZone)} ${formatTime(now, e.timeZone)}, exported by ${who}: ${counts(e)}.`;
}

/** The title Slack shows on the file. */
export function exportTitle(e: Pick<PostedExport, "code" | "timeZone">, now: Date): string {
  return `${e.code} action log, ${formatDay(now, e.timeZone)}`;
}

/** The reply to whoever asked, once the file is in the channel. */
export function exportPostedView(e: PostedExport): MessageView {
  // Board codes and file names are letters, digits and dashes: nothing in them needs escaping.
  const said = `${e.code}'s action log (${counts(e)}) is in <#${e.channelId}> as ${e.fileName}.`;
  const about = `${SHAPES[e.format]}. Times in ${e.timeZone}, with their offset. Everyone in the channel can open it.`;
  return message(`${said} ${about}`, [section(said), context(escapeText(about))]);
}
