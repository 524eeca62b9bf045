// reminder.send: delivers one reminder row exactly once in effect. BullMQ may run
// a job twice (a worker that dies loses its lock and the job runs again), so the
// row moves scheduled → sending → sent with conditional updates, and a row found
// in "sending" is checked against Slack (by the reminder id carried in the
// message's metadata) before anything is sent again.
import { ErrorCode, type WebClient } from "@slack/web-api";
import { z } from "zod";
import { parseRecipient } from "../../src/domain/reminders/recipients";
import { NotInstalledError } from "../../src/slack/clients";
import type { MessageView } from "../../src/slack/views/blocks";
import { defineJob, type JobContext } from "../define-job";
import { createConversationPacer } from "./pace";
import { REMINDER_INCLUDE, subjectOf } from "./reminder-subjects";
import { claimReminder, markReminderSent } from "./reminder-state";

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

/** A job's context with the bot's client for the reminder's workspace. */
type SendContext = JobContext & SendReminderOptions & { slack: WebClient };

export async function sendReminder(jobContext: JobContext & SendReminderOptions, reminderId: string): Promise<SendOutcome> {
  const { db, logger } = jobContext;
  const now = jobContext.now();
  // One read for the row and everything it is about: the send path is CPU-bound on query count.
  const row = await db.reminder.findUnique({ where: { id: reminderId }, include: REMINDER_INCLUDE });
  if (!row) return "missing";
  if (row.state === "sent") return "already_sent";
  if (row.state === "cancelled" || row.state === "skipped" || row.state === "failed") return "cancelled";

  let slack: WebClient;
  try {
    slack = await jobContext.slackFor(row.workspaceId);
  } catch (error) {
    if (!(error instanceof NotInstalledError)) throw error;
    // The workspace uninstalled Minutebook: nothing may be sent there, now or later.
    await db.reminder.updateMany({ where: { id: row.id, state: { in: ["scheduled", "sending"] } }, data: { state: "cancelled", lastError: "Minutebook was uninstalled from the workspace" } });
    return "cancelled";
  }
  const context: SendContext = { ...jobContext, slack };
  const recipient = parseRecipient(row.recipient);
  const subject = subjectOf(row, now);
  if (!recipient || !subject.isLive) {
    await db.reminder.updateMany({ where: { id: row.id, state: { in: ["scheduled", "sending"] } }, data: { state: "cancelled" } });
    return "cancelled";
  }
  const conversation = recipient.kind === "user" ? await dmChannel(context, recipient.id) : recipient.id;

  if (row.state === "sending" && row.sendingStartedAt) {
    // An earlier run claimed it and may have posted before it died: look before posting again.
    const ts = await findPosted(context, conversation, row.id, row.sendingStartedAt);
    if (ts) {
      await markReminderSent(db, row.id, { at: now, channelId: conversation, ts });
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
  if (!(await claimReminder(db, row.id, now))) return "already_sent";
  const outcome = await post(context, row.id, conversation, await subject.compose(context, now));
  if (outcome === "sent") context.metrics.reminderLateness.observe({ kind: row.kind }, Math.max(0, context.now().getTime() - row.fireAt.getTime()) / 1000);
  return outcome;
}

async function post(context: SendContext, reminderId: string, conversation: string, view: MessageView): Promise<SendOutcome> {
  const { db, slack, logger } = context;
  try {
    const posted = await slack.chat.postMessage({
      channel: conversation,
      text: view.text,
      blocks: view.blocks,
      metadata: { event_type: REMINDER_METADATA_EVENT, event_payload: { reminder_id: reminderId } },
    });
    await markReminderSent(db, reminderId, { at: context.now(), channelId: posted.channel ?? conversation, ts: posted.ts ?? null });
    return "sent";
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === ErrorCode.RateLimitedError) {
      const retryAfter = (error as { retryAfter?: number }).retryAfter ?? 1;
      await db.reminder.updateMany({ where: { id: reminderId, state: "sending" }, data: { state: "scheduled", lastError: `rate limited: retrying after ${retryAfter} s` } });
      return context.deferFor(retryAfter * 1000);
    }
    const slackError = (error as { data?: { error?: string } }).data?.error;
    if (code === ErrorCode.PlatformError && slackError && PERMANENT.has(slackError)) {
      await db.reminder.updateMany({ where: { id: reminderId, state: "sending" }, data: { state: "failed", lastError: `Slack said ${slackError}` } });
      logger.warn({ reminderId: reminderId, slackError }, "reminder cannot be delivered");
      return "failed";
    }
    // Unknown: Slack may or may not have it. The row stays "sending"; the retry looks first.
    throw error;
  }
}

/** A person's DM channel never changes, so each worker asks Slack once per person (per client). */
const dmChannels = new WeakMap<WebClient, Map<string, string>>();
const DM_CACHE_SIZE = 10_000;

async function dmChannel(context: SendContext, slackUserId: string): Promise<string> {
  let known = dmChannels.get(context.slack);
  if (!known) dmChannels.set(context.slack, (known = new Map()));
  const cached = known.get(slackUserId);
  if (cached) return cached;
  const opened = await context.slack.conversations.open({ users: slackUserId });
  const channel = opened.channel?.id ?? slackUserId;
  if (known.size >= DM_CACHE_SIZE) known.delete(known.keys().next().value!);
  known.set(slackUserId, channel);
  return channel;
}

/** The ts of a message this reminder already put in the conversation, if any. */
async function findPosted(context: SendContext, conversation: string, reminderId: string, since: Date): Promise<string | undefined> {
  const oldest = String(Math.floor(since.getTime() / 1000) - 60);
  const history = await context.slack.conversations.history({ channel: conversation, oldest, limit: 200, include_all_metadata: true });
  const found = history.messages?.find((m) => {
    const metadata = (m as { metadata?: { event_type?: string; event_payload?: { reminder_id?: string } } }).metadata;
    return metadata?.event_type === REMINDER_METADATA_EVENT && metadata.event_payload?.reminder_id === reminderId;
  });
  return found?.ts;
}
