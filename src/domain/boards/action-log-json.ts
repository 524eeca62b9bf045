// The action log as one JSON document: the board, then one object per action with
// its owners and its history nested, then the counts. Written an action at a time;
// the pieces join into one valid document.
import type { ActionLogContext, ActionLogEntry, ActionLogEvent, ActionLogWriter } from "./action-log";

type Person = { slackUserId: string; name: string | null };

function person(slackUserId: string | null, context: ActionLogContext): Person | null {
  return slackUserId ? { slackUserId, name: context.nameOf(slackUserId) ?? null } : null;
}

/** Who made a change: a person, or Minutebook acting for something ("import", "reminders", "meeting moved"). */
function actor(event: ActionLogEvent, context: ActionLogContext): Person | { minutebook: string | null } {
  return person(event.actorSlackUserId, context) ?? { minutebook: event.actorLabel };
}

export function actionLogJsonOf(entry: ActionLogEntry, context: ActionLogContext): Record<string, unknown> {
  const { zone } = context;
  return {
    reference: entry.reference,
    text: entry.text,
    status: entry.status,
    owners: entry.owners.map((o) => (o.slackUserId ? person(o.slackUserId, context) : { body: o.bodyName ?? "" })),
    due: entry.dueAt
      ? { date: zone.day(entry.dueAt), precision: entry.duePrecision ?? "day", written: entry.dueText }
      : null,
    board: context.board.code,
    agreedAt: entry.originMeeting
      ? {
          startsAt: zone.instant(entry.originMeeting.startsAt),
          title: entry.originMeeting.title,
          location: entry.originMeeting.location,
        }
      : null,
    createdBy: person(entry.createdBySlackUserId, context),
    createdAt: zone.instant(entry.createdAt),
    closedBy: person(entry.closedBySlackUserId, context),
    closedAt: entry.closedAt ? zone.instant(entry.closedAt) : null,
    history: entry.events.map((event) => ({
      at: zone.instant(event.createdAt),
      by: actor(event, context),
      type: event.type,
      before: event.before ?? null,
      after: event.after ?? null,
      note: event.note,
    })),
  };
}

/** Indented by `depth` levels past the first line, so a nested piece lines up. */
const indented = (value: unknown, depth: number) =>
  JSON.stringify(value, null, 2).replace(/\n/g, `\n${"  ".repeat(depth)}`);

export const ACTION_LOG_JSON: ActionLogWriter = {
  extension: "json",
  opening(context) {
    const { board } = context;
    const about = {
      board: { code: board.code, name: board.name, timeZone: board.timeZone, slackChannelId: board.slackChannelId },
      exportedAt: context.zone.instant(context.exportedAt),
      exportedBy: person(context.exportedBySlackUserId, context),
    };
    // The object's fields without its closing brace, so "actions" can follow.
    return `${JSON.stringify(about, null, 2).replace(/\n}$/, "")},\n  "actions": [`;
  },
  action: (entry, context, isFirst) => `${isFirst ? "" : ","}\n    ${indented(actionLogJsonOf(entry, context), 2)}`,
  closing: (counts, _context) => `${counts.actions > 0 ? "\n  " : ""}],\n  "counts": ${indented(counts, 1)}\n}\n`,
};
