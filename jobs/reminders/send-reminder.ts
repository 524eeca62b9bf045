// reminder.send: delivers one reminder row exactly once in effect. BullMQ may run
// a job twice (a worker that dies loses its lock and the job runs again), so the
// row moves scheduled → sending → sent with conditional updates, and a row found
// in "sending" is checked against Slack (by the reminder id carried in the
// message's metadata) before anything is sent again.
import { ErrorCode } from "@slack/web-api";
import { z } from "zod";
import { daysUntil } from "../../src/dates";
import { ACTION_INCLUDE } from "../../src/domain/actions/action-record";
import { UPDATE_EVENT_TYPES } from "../../src/domain/actions/find-action";
import { parseRecipient } from "../../src/domain/reminders/recipients";
import { reminderMessage } from "../../src/slack/views/reminders/reminder-message";
import { defineJob, type JobContext } from "../define-job";
import { createConversationPacer } from "./pace";

export const REMINDER_METADATA_EVENT = "minutebook_reminder";
/** Reminders older than this when their turn comes are skipped, not sent late in a burst. */
export const DEFAULT_LATE_HORIZON_MS = 24 * 3_600_000;
/** Slack errors that no retry will cure. */
const PERMANENT = new Set(["channel_not_found", "user_not_found", "is_archived", "account_inactive", "not_in_channel", "cannot_dm_bot", "user_disabled", "invalid_auth", "token_revoked"]);

export type SendOutcome = "sent" | "already_sent" | "found_in_slack" | "cancelled" | "skipped_late" | "failed" | "missing";

export const sendReminderJob = defineJob({
  name: "reminder.send",
  queue: "reminders",
  payload: z.object({ reminderId: z.string().uuid() }),
  attempts: 8,
  backoff: { type: "exponential", delayMs: 2000 },
  keepCompleted: 1000,
  keepFailed: 5000,
  handle: ({ reminderId }, context) =>
    sendReminder(
      { ...context, paceMs: context.slackPaceMs, ...(context.slackPaceMs > 0 ? { pace: createConversationPacer(context.redis, context.redisKeyPrefix) } : {}) },
      reminderId,
    ),
});

export interface SendReminderOptions {
  lateHorizonMs?: number;
  /** Minimum gap between posts to one conversation (Slack allows about one a second). */
  paceMs?: number;
  /** Claims a conversation's next post slot; returns how long to wait if it is taken. */
  pace?: (conversation: string, ms: number) => Promise<number>;
}

export async function sendReminder(context: JobContext & SendReminderOptions, reminderId: string): Promise<SendOutcome> {
  const { db, slack, logger } = context;
  const now = context.now();
  // One read for the row and its action: the send path is CPU-bound on query count.
  const row = await db.reminder.findUnique({ where: { id: reminderId }, include: { action: { include: ACTION_INCLUDE } } });
  if (!row) return "missing";
  if (row.state === "sent") return "already_sent";
  if (row.state === "cancelled" || row.state === "skipped" || row.state === "failed") return "cancelled";

  const recipient = parseRecipient(row.recipient);
  const action = row.action && row.action.workspaceId === row.workspaceId ? row.action : null;
  if (!recipient || !action || action.status !== "open") {
    await db.reminder.updateMany({ where: { id: row.id, state: { in: ["scheduled", "sending"] } }, data: { state: "cancelled" } });
    return "cancelled";
  }
  const conversation = recipient.kind === "user" ? await dmChannel(context, recipient.id) : recipient.id;

  if (row.state === "sending" && row.sendingStartedAt) {
    // An earlier run claimed it and may have posted before it died: look before posting again.
    const ts = await findPosted(context, conversation, row.id, row.sendingStartedAt);
    if (ts) {
      await db.reminder.updateMany({ where: { id: row.id, state: "sending" }, data: { state: "sent", sentAt: now, slackChannelId: conversation, slackMessageTs: ts } });
      logger.info({ reminderId: row.id }, "reminder was already delivered before a restart; not sending again");
      return "found_in_slack";
    }
  }
  if (row.state === "scheduled" && now.getTime() - row.fireAt.getTime() > (context.lateHorizonMs ?? DEFAULT_LATE_HORIZON_MS)) {
    await db.reminder.updateMany({ where: { id: row.id, state: "scheduled" }, data: { state: "skipped", lastError: `skipped: ${Math.round((now.getTime() - row.fireAt.getTime()) / 60_000)} minutes late` } });
    logger.warn({ reminderId: row.id, fireAt: row.fireAt }, "reminder skipped: too late to be useful");
    return "skipped_late";
  }

  if (context.pace) {
    const waitMs = await context.pace(conversation, context.paceMs ?? 1000);
    if (waitMs > 0) await context.deferFor(waitMs);
  }
  const claimed = await db.reminder.updateMany({
    where: { id: row.id, state: { in: ["scheduled", "sending"] } },
    data: { state: "sending", sendingStartedAt: now, attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return "already_sent";

  const timeZone = action.board?.timeZone ?? (await db.workspace.findUniqueOrThrow({ where: { id: row.workspaceId }, select: { timeZone: true } })).timeZone;
  const [lastUpdate, origin] = await Promise.all([
    db.actionEvent.findFirst({ where: { actionId: action.id, type: { in: [...UPDATE_EVENT_TYPES] }, note: { not: null } }, orderBy: { createdAt: "desc" } }),
    action.originMeetingId ? db.meeting.findUnique({ where: { id: action.originMeetingId }, select: { startsAt: true, board: { select: { code: true } } } }) : null,
  ]);
  const view = reminderMessage({
    reminderId: row.id,
    kind: row.kind,
    action,
    timeZone,
    now,
    daysToDue: action.dueAt ? daysUntil(action.dueAt, now, timeZone) : 0,
    lastUpdate: lastUpdate?.note ? { at: lastUpdate.createdAt, note: lastUpdate.note } : undefined,
    originMeeting: origin ? { boardCode: origin.board.code, startsAt: origin.startsAt } : undefined,
  });
  try {
    const posted = await slack.chat.postMessage({
      channel: conversation,
      text: view.text,
      blocks: view.blocks,
      metadata: { event_type: REMINDER_METADATA_EVENT, event_payload: { reminder_id: row.id } },
    });
    await db.reminder.updateMany({
      where: { id: row.id, state: "sending" },
      data: { state: "sent", sentAt: context.now(), slackChannelId: posted.channel ?? conversation, slackMessageTs: posted.ts ?? null, lastError: null },
    });
    return "sent";
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === ErrorCode.RateLimitedError) {
      const retryAfter = (error as { retryAfter?: number }).retryAfter ?? 1;
      await db.reminder.updateMany({ where: { id: row.id, state: "sending" }, data: { state: "scheduled", lastError: `rate limited: retrying after ${retryAfter} s` } });
      return context.deferFor(retryAfter * 1000);
    }
    const slackError = (error as { data?: { error?: string } }).data?.error;
    if (code === ErrorCode.PlatformError && slackError && PERMANENT.has(slackError)) {
      await db.reminder.updateMany({ where: { id: row.id, state: "sending" }, data: { state: "failed", lastError: `Slack said ${slackError}` } });
      logger.warn({ reminderId: row.id, slackError }, "reminder cannot be delivered");
      return "failed";
    }
    // Unknown: Slack may or may not have it. The row stays "sending"; the retry looks first.
    throw error;
  }
}

async function dmChannel(context: JobContext, slackUserId: string): Promise<string> {
  const opened = await context.slack.conversations.open({ users: slackUserId });
  return opened.channel?.id ?? slackUserId;
}

/** The ts of a message this reminder already put in the conversation, if any. */
async function findPosted(context: JobContext, conversation: string, reminderId: string, since: Date): Promise<string | undefined> {
  const oldest = String(Math.floor(since.getTime() / 1000) - 60);
  const history = await context.slack.conversations.history({ channel: conversation, oldest, limit: 200, include_all_metadata: true });
  const found = history.messages?.find((m) => {
    const metadata = (m as { metadata?: { event_type?: string; event_payload?: { reminder_id?: string } } }).metadata;
    return metadata?.event_type === REMINDER_METADATA_EVENT && metadata.event_payload?.reminder_id === reminderId;
  });
  return found?.ts;
}
