import type { KnownBlock } from "@slack/types";
import { formatDay } from "../../../dates";
import type { ActionRecord } from "../../../domain/actions/action-record";
import type { WeeklyDigest } from "../../../domain/reminders/load-weekly-digest";
import { context, message, section, type MessageView } from "../blocks";
import { dueShort, escapeText, ownersText } from "../actions/describe-action";

const PER_GROUP = 10;

function group(title: string, list: readonly ActionRecord[], describe: (a: ActionRecord) => string): KnownBlock[] {
  if (list.length === 0) return [];
  const lines = list.slice(0, PER_GROUP).map((a) => `*${a.reference}*  ${escapeText(a.text)} · ${describe(a)}`);
  if (list.length > PER_GROUP) lines.push(`…and ${list.length - PER_GROUP} more`);
  return [section(`*${title}*\n${lines.join("\n")}`)];
}

/** Monday's digest to the board channel: the counts first, then what is late, due, and done. */
export function weeklyDigestMessage(digest: WeeklyDigest, now: Date): MessageView {
  const { board, openCount, overdue, dueThisWeek, doneLastWeek } = digest;
  const timeZone = board.timeZone;
  const title = `${board.code} actions · week of ${formatDay(now, timeZone)}`;
  const counts = `${openCount} open · ${overdue.length} overdue · ${dueThisWeek.length} due this week · ${doneLastWeek.length} done in the last 7 days`;
  const due = (a: ActionRecord) => `${ownersText(a)} · due ${escapeText(dueShort(a, timeZone))}`;
  const blocks: KnownBlock[] = [
    section(`*${escapeText(title)}*\n${counts}`),
    ...group("Overdue", overdue, due),
    ...group("Due this week", dueThisWeek, due),
    ...group(
      "Done in the last 7 days",
      doneLastWeek,
      (a) => `${ownersText(a)}${a.closedAt ? ` · ${formatDay(a.closedAt, timeZone)}` : ""}`,
    ),
    context(`\`/action list #${board.code}\` shows every open action.`),
  ];
  const late = overdue.map((a) => a.reference).join(", ");
  return message(`${title}: ${counts}.${late ? ` Overdue: ${late}.` : ""}`, blocks);
}
