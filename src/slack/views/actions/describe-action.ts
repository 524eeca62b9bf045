// Plain words for an action's parts, shared by every action view so a date or an
// owner reads the same in a reply, a list, a DM and the Home tab.
import { formatDay, formatDue } from "../../../dates";
import type { ActionRecord } from "../../../domain/actions/action-record";
import type { RagStatus } from "../../../domain/actions/rag";

export function ownersText(action: Pick<ActionRecord, "owners">): string {
  if (action.owners.length === 0) return "no owner";
  return action.owners.map((o) => (o.slackUserId ? `<@${o.slackUserId}>` : escapeText(o.bodyName ?? ""))).join(", ");
}

export function timeZoneOf(action: Pick<ActionRecord, "board">, workspaceTimeZone: string): string {
  return action.board?.timeZone ?? workspaceTimeZone;
}

/** "Tue 30 Jun 2015 (written: "May or June 2015")", or "no date". */
export function dueLong(action: Pick<ActionRecord, "dueAt" | "dueText" | "duePrecision">, timeZone: string): string {
  if (!action.dueAt) return "no date";
  const day = formatDay(action.dueAt, timeZone);
  return action.dueText && action.dueText.toLowerCase() !== day.toLowerCase()
    ? `${day} (written: "${action.dueText}")`
    : day;
}

/** A date asked for, with the words it was asked in: "Fri 29 Jan 2027 ("end of January")". */
export function dayWithWords(at: Date, words: string | null, timeZone: string): string {
  const day = formatDay(at, timeZone);
  return words ? `${day} ("${words}")` : day;
}

/** "by Jun 2015" in lists: the precision people gave. */
export function dueShort(action: Pick<ActionRecord, "dueAt" | "duePrecision">, timeZone: string): string {
  if (!action.dueAt) return "no date";
  return formatDue(action.dueAt, action.duePrecision ?? "day", timeZone);
}

export function boardText(action: Pick<ActionRecord, "board">): string {
  return action.board ? `${action.board.code} · ${action.board.name}` : "no board";
}

const RAG_WORDS: Record<RagStatus, string> = {
  red: "🔴 overdue",
  amber: "🟠 due soon, no recent update",
  green: "🟢 on track",
  done: "done",
  dropped: "dropped",
};

export function ragText(rag: RagStatus): string {
  return RAG_WORDS[rag];
}

/** The dot alone, for dense lists; closed actions get a word. */
export function ragMarker(rag: RagStatus): string {
  return rag === "red" ? "🔴" : rag === "amber" ? "🟠" : rag === "green" ? "🟢" : rag === "done" ? "Done" : "Dropped";
}

/** Slack mrkdwn needs &, < and > escaped in text people wrote. */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A link to a Slack message that works in any workspace the reader is in. */
export function messageLink(channelId: string, ts: string): string {
  return `https://slack.com/archives/${channelId}/p${ts.replace(".", "")}`;
}
