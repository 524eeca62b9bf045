import { formatDay, formatTime } from "../../../dates";
import type { ActionRecord } from "../../../domain/actions/action-record";
import type { ActionLogEvent } from "../../../domain/boards/action-log";
import type { RagStatus } from "../../../domain/actions/rag";
import { actions, context, divider, header, message, section, type MessageView } from "../blocks";
import { ACTION_BUTTONS, button } from "./buttons";
import { boardText, dueLong, escapeText, messageLink, ownersText, ragText } from "./describe-action";

/** One entry of an action's history, as the export reads it too. */
export type HistoryEntry = ActionLogEvent;

const MAX_HISTORY = 40;

/** `/action show`: the action and its full history, newest last. */
/** A reminder Slack would not take, shown so the secretariat can chase it another way. */
export interface UndeliveredReminder {
  recipient: string;
  fireAt: Date;
  lastError: string | null;
}

export function actionDetailView(
  action: ActionRecord,
  history: readonly HistoryEntry[],
  rag: RagStatus,
  timeZone: string,
  undelivered: readonly UndeliveredReminder[] = [],
): MessageView {
  const shown = history.slice(-MAX_HISTORY);
  const lines = shown.map(
    (e) => `${formatDay(e.createdAt, timeZone)} ${formatTime(e.createdAt, timeZone)} · ${describeEvent(e, timeZone)}`,
  );
  const blocks = [
    header(`${action.reference} · ${action.text}`),
    {
      type: "section" as const,
      fields: [
        { type: "mrkdwn" as const, text: `*Status*\n${ragText(rag)}` },
        { type: "mrkdwn" as const, text: `*Due*\n${escapeText(dueLong(action, timeZone))}` },
        { type: "mrkdwn" as const, text: `*Owners*\n${ownersText(action)}` },
        { type: "mrkdwn" as const, text: `*Board*\n${escapeText(boardText(action))}` },
      ],
    },
    ...(action.sourceChannelId && action.sourceMessageTs
      ? [
          context(
            `Logged from <${messageLink(action.sourceChannelId, action.sourceMessageTs)}|a message> in <#${action.sourceChannelId}>`,
          ),
        ]
      : []),
    divider(),
    section(`*History*\n${lines.join("\n")}`),
    ...(history.length > shown.length
      ? [context(`Showing the last ${shown.length} of ${history.length} changes.`)]
      : []),
    ...(undelivered.length > 0
      ? [
          section(
            `*Reminders not delivered*\n${undelivered
              .slice(-10)
              .map(
                (r) =>
                  `${formatDay(r.fireAt, timeZone)} to ${recipientText(r.recipient)}: ${escapeText(r.lastError ?? "failed")}`,
              )
              .join("\n")}`,
          ),
        ]
      : []),
    ...(action.status === "open" ? [actions([button("Done", ACTION_BUTTONS.done, action.id, "primary")])] : []),
  ];
  return message(`${action.reference}: ${action.text} · ${ragText(rag)} · due ${dueLong(action, timeZone)}`, blocks);
}

function recipientText(recipient: string): string {
  const [kind, id] = recipient.split(":");
  return kind === "channel" ? `<#${id}>` : `<@${id}>`;
}

function who(e: HistoryEntry): string {
  if (e.actorSlackUserId) return `<@${e.actorSlackUserId}>`;
  return e.actorLabel === "import" ? "the minutes import" : (e.actorLabel ?? "Minutebook");
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * A date in a history entry as it was: the day, with the words written for it when there were
 * any ("Fri 18 Dec 2026 (written: "18 December")"); "no date" only when there was none. A date
 * picked in a form has no words.
 */
function dueOf(snapshot: unknown, timeZone: string): string {
  const at = field(snapshot, "dueAt");
  if (typeof at !== "string") return "no date";
  const text = field(snapshot, "dueText");
  return escapeText(
    dueLong({ dueAt: new Date(at), dueText: typeof text === "string" ? text : null, duePrecision: null }, timeZone),
  );
}

function describeEvent(e: HistoryEntry, timeZone: string): string {
  const note = e.note ? `: "${escapeText(e.note)}"` : "";
  switch (e.type) {
    case "created":
      return `logged by ${who(e)}`;
    case "imported":
      return "read from the minutes";
    case "note":
      return `update from ${who(e)}${note}`;
    case "done":
      return `marked done by ${who(e)}${note}`;
    case "dropped":
      return `dropped by ${who(e)}${note}`;
    case "reopened":
      return `reopened by ${who(e)}`;
    case "updated": {
      const changed = typeof e.after === "object" && e.after !== null ? Object.keys(e.after) : [];
      const words = changed
        .map((k) => ({ text: "text", owners: "owners", dueAt: "due date", originMeetingId: "meeting" })[k])
        .filter(Boolean);
      return `edited by ${who(e)}${words.length ? ` (${[...new Set(words)].join(", ")})` : ""}`;
    }
    case "withdrawn":
      return `withdrawn by ${who(e)} (undo)`;
    case "due_changed": {
      if (e.actorLabel === "meeting moved") return "due date moved with the meeting it is due at";
      return `due date changed by ${who(e)} from ${dueOf(e.before, timeZone)} to ${dueOf(e.after, timeZone)}`;
    }
    case "assigned": {
      const owners = field(e.after, "owners");
      return `owners changed by ${who(e)} to ${Array.isArray(owners) ? owners.map((o) => escapeText(String(o)).replace(/&lt;(@[UW][A-Z0-9]+)&gt;/g, "<$1>")).join(", ") : "?"}`;
    }
    default:
      return `${e.type.replace(/_/g, " ")} by ${who(e)}${note}`;
  }
}
