// reminder.send: delivers one reminder row exactly once in effect. BullMQ may run
// a job twice (a worker that dies loses its lock and the job runs again), so the
// row moves scheduled → sending → sent with conditional updates, and a row found
// in "sending" is checked against Slack (by the reminder id carried in the
// message's metadata) before anything is sent again.
import { DelayedError } from "bullmq";
import { ErrorCode, type WebClient } from "@slack/web-api";
import { z } from "zod";
import { parseRecipient } from "../../src/domain/reminders/recipients";
import { NotInstalledError } from "../../src/slack/clients";
import type { MessageView } from "../../src/slack/views/blocks";
import { defineJob, type JobContext } from "../define-job";
import { finishTelling, giveUpReminder, type Undeliverable } from "./give-up-reminder";
import { createConversationPacer } from "./pace";
import { REMINDER_INCLUDE, subjectOf, type ReminderRow, type Subject } from "./reminder-subjects";
import { claimReminder, markReminderSent } from "./reminder-state";
import { slackFailureOf, type Recipient } from "./slack-failures";

export const REMINDER_METADATA_EVENT = "minutebook_reminder";
/** Reminders older than this when their turn comes are skipped, not sent late in a burst. */
export const DEFAULT_LATE_HORIZON_MS = 24 * 3_600_000;

export type SendOutcome =
  "sent" | "already_sent" | "found_in_slack" | "cancelled" | "skipped_late" | "failed" | "missing";

export const sendReminderJob = defineJob({
  name: "reminder.send",
  queue: "reminders",
  payload: z.object({ reminderId: z.string().uuid() }),
  // Rate limits do not count (they wait as Slack asks); these are for Slack or the database
  // not answering: 2, 4 … 128 s apart, some four minutes in all.
  attempts: 8,
  backoff: { type: "exponential", delayMs: 2000 },
  keepCompleted: 1000,
  keepFailed: 5000,
  async handle({ reminderId }, context) {
    const options: JobContext & SendReminderOptions = {
      ...context,
      paceMs: context.slackPaceMs,
      ...(context.slackPaceMs > 0 ? { pace: createConversationPacer(context.redis, context.redisKeyPrefix) } : {}),
    };
    try {
      return await sendReminder(options, reminderId);
    } catch (error) {
      if (isDeferral(error) || !context.isLastAttempt) throw error;
      // Nothing follows a last attempt: the reminder ends failed, and the board is told,
      // rather than waiting behind a failed job for ever.
      await giveUpAfterLastAttempt(options, reminderId, error);
      throw error;
    }
  },
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

export async function sendReminder(
  jobContext: JobContext & SendReminderOptions,
  reminderId: string,
): Promise<SendOutcome> {
  const { db } = jobContext;
  const now = jobContext.now();
  // One read for the row and everything it is about: the send path is CPU-bound on query count.
  const row = await db.reminder.findUnique({ where: { id: reminderId }, include: REMINDER_INCLUDE });
  if (!row) return "missing";
  if (row.state === "sent") return "already_sent";
  if (row.state === "cancelled" || row.state === "skipped") return "cancelled";

  const context = await withSlack(jobContext, row);
  if (!context) return "cancelled";
  const recipient = parseRecipient(row.recipient);
  if (row.state === "failed") {
    // Given up by an earlier run, which may have stopped before the board was told.
    if (recipient) await finishTelling(context, row, recipient);
    return "failed";
  }
  const subject = subjectOf(row, now);
  if (!recipient || !subject.isLive) {
    await db.reminder.updateMany({
      where: { id: row.id, state: { in: ["scheduled", "sending"] } },
      data: { state: "cancelled" },
    });
    return "cancelled";
  }
  try {
    return await deliver(context, row, recipient, subject, now);
  } catch (error) {
    if (!(error instanceof UndeliverableError)) throw error;
    context.logger.warn(
      { reminderId: row.id, method: error.method, slackError: error.code },
      "Slack refused a reminder for good",
    );
    await giveUpReminder(context, row, recipient, error.failure);
    return "failed";
  }
}

/** The job's context with the bot's client for the row's workspace; undefined (and the row cancelled) if Minutebook was uninstalled there. */
async function withSlack(
  jobContext: JobContext & SendReminderOptions,
  row: ReminderRow,
): Promise<SendContext | undefined> {
  try {
    return { ...jobContext, slack: await jobContext.slackFor(row.workspaceId) };
  } catch (error) {
    if (!(error instanceof NotInstalledError)) throw error;
    // The workspace uninstalled Minutebook: nothing may be sent there, now or later.
    await jobContext.db.reminder.updateMany({
      where: { id: row.id, state: { in: ["scheduled", "sending"] } },
      data: { state: "cancelled", lastError: "Minutebook was uninstalled from the workspace" },
    });
    return undefined;
  }
}

async function deliver(
  context: SendContext,
  row: ReminderRow,
  recipient: Recipient,
  subject: Extract<Subject, { isLive: true }>,
  now: Date,
): Promise<SendOutcome> {
  const { db, logger } = context;
  // Too late is decided before Slack is asked anything.
  if (
    row.state === "scheduled" &&
    now.getTime() - row.fireAt.getTime() > (context.lateHorizonMs ?? DEFAULT_LATE_HORIZON_MS)
  ) {
    await db.reminder.updateMany({
      where: { id: row.id, state: "scheduled" },
      data: {
        state: "skipped",
        lastError: `skipped: ${Math.round((now.getTime() - row.fireAt.getTime()) / 60_000)} minutes late`,
      },
    });
    logger.warn({ reminderId: row.id, fireAt: row.fireAt }, "reminder skipped: too late to be useful");
    return "skipped_late";
  }
  const conversation = recipient.kind === "user" ? await dmChannel(context, row.id, recipient) : recipient.id;

  if (row.state === "sending" && row.sendingStartedAt) {
    // An earlier run claimed it and may have posted before it died: look before posting again.
    const ts = await findPosted(context, row.id, recipient, conversation, row.sendingStartedAt);
    if (ts) {
      await markReminderSent(db, row.id, { at: now, channelId: conversation, ts });
      logger.info({ reminderId: row.id }, "reminder was already delivered before a restart; not sending again");
      return "found_in_slack";
    }
  }
  if (context.pace) {
    const waitMs = await context.pace(conversation, context.paceMs ?? 1000);
    if (waitMs > 0) await context.deferFor(waitMs);
  }
  if (!(await claimReminder(db, row.id, now))) return "already_sent";
  const outcome = await post(context, row.id, recipient, conversation, await subject.compose(context, now));
  if (outcome === "sent")
    context.metrics.reminderLateness.observe(
      { kind: row.kind },
      Math.max(0, context.now().getTime() - row.fireAt.getTime()) / 1000,
    );
  return outcome;
}

async function post(
  context: SendContext,
  reminderId: string,
  to: Recipient,
  conversation: string,
  view: MessageView,
): Promise<SendOutcome> {
  const posted = await callSlack(context, reminderId, to, "chat.postMessage", () =>
    context.slack.chat.postMessage({
      channel: conversation,
      text: view.text,
      blocks: view.blocks,
      metadata: { event_type: REMINDER_METADATA_EVENT, event_payload: { reminder_id: reminderId } },
    }),
  );
  // An error other than a rate limit or a refusal: Slack may or may not have it. The row
  // stays "sending" (callSlack rethrows) and the retry looks first.
  await markReminderSent(context.db, reminderId, {
    at: context.now(),
    channelId: posted.channel ?? conversation,
    ts: posted.ts ?? null,
  });
  return "sent";
}

/** Slack refused for good: no retry will deliver it. */
class UndeliverableError extends Error {
  constructor(
    readonly failure: Undeliverable & { code: string },
    readonly method: string,
  ) {
    super(`${method}: ${failure.code}`);
  }
  get code() {
    return this.failure.code;
  }
}

/**
 * One Web API call for a reminder. A rate limit waits as Slack asks (Retry-After) without
 * using up an attempt, the row saying so; a permanent refusal throws UndeliverableError;
 * anything else is rethrown for the job to try again.
 */
async function callSlack<T>(
  context: SendContext,
  reminderId: string,
  to: Recipient,
  method: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const failure = slackFailureOf(error, to);
    if (!failure) throw error;
    if (failure.kind === "permanent") throw new UndeliverableError(failure, method);
    const waiting = `waiting: Slack asked Minutebook to wait ${Math.ceil(failure.retryAfterMs / 1000)} s before ${method}`;
    // A post Slack refused was not delivered: its row goes back to scheduled. A row found
    // "sending" is left so, for the next run to look in Slack before posting.
    if (method === "chat.postMessage")
      await context.db.reminder.updateMany({
        where: { id: reminderId, state: "sending" },
        data: { state: "scheduled", lastError: waiting },
      });
    else
      await context.db.reminder.updateMany({
        where: { id: reminderId, state: { in: ["scheduled", "sending"] } },
        data: { lastError: waiting },
      });
    context.logger.info(
      { reminderId, method, retryAfterMs: failure.retryAfterMs },
      "Slack rate limit: waiting as asked",
    );
    return context.deferFor(failure.retryAfterMs);
  }
}

/** A person's DM channel never changes, so each worker asks Slack once per person (per client). */
const dmChannels = new WeakMap<WebClient, Map<string, string>>();
const DM_CACHE_SIZE = 10_000;

async function dmChannel(context: SendContext, reminderId: string, to: Recipient): Promise<string> {
  let known = dmChannels.get(context.slack);
  if (!known) dmChannels.set(context.slack, (known = new Map()));
  const cached = known.get(to.id);
  if (cached) return cached;
  const opened = await callSlack(context, reminderId, to, "conversations.open", () =>
    context.slack.conversations.open({ users: to.id }),
  );
  const channel = opened.channel?.id ?? to.id;
  if (known.size >= DM_CACHE_SIZE) known.delete(known.keys().next().value!);
  known.set(to.id, channel);
  return channel;
}

/** The ts of a message this reminder already put in the conversation, if any. */
async function findPosted(
  context: SendContext,
  reminderId: string,
  to: Recipient,
  conversation: string,
  since: Date,
): Promise<string | undefined> {
  const oldest = String(Math.floor(since.getTime() / 1000) - 60);
  const history = await callSlack(context, reminderId, to, "conversations.history", () =>
    context.slack.conversations.history({ channel: conversation, oldest, limit: 200, include_all_metadata: true }),
  );
  const found = history.messages?.find((m) => {
    const metadata = (m as { metadata?: { event_type?: string; event_payload?: { reminder_id?: string } } }).metadata;
    return metadata?.event_type === REMINDER_METADATA_EVENT && metadata.event_payload?.reminder_id === reminderId;
  });
  return found?.ts;
}

function isDeferral(error: unknown): boolean {
  return error instanceof DelayedError || (error as { name?: string })?.name === "DelayedError";
}

/** The job's last attempt failed with something no rule above knew: fail the row and tell the board. */
async function giveUpAfterLastAttempt(jobContext: JobContext, reminderId: string, error: unknown): Promise<void> {
  const row = await jobContext.db.reminder.findUnique({ where: { id: reminderId }, include: REMINDER_INCLUDE });
  const recipient = row ? parseRecipient(row.recipient) : undefined;
  if (!row || !recipient || (row.state !== "scheduled" && row.state !== "sending")) return;
  const context = await withSlack(jobContext, row);
  if (!context) return;
  await giveUpReminder(context, row, recipient, {
    reason: `it could not be sent after ${jobContext.attempt} ${jobContext.attempt === 1 ? "try" : "tries"}: ${causeOf(error)}`,
    next: "Tell them another way; Minutebook will not try again.",
    isTokenRefused: false,
  });
}

/** Why the last attempt failed, briefly and without a stack. */
function causeOf(error: unknown): string {
  const e = error as { code?: string; statusCode?: number; data?: { error?: string }; message?: string };
  if (e?.code === ErrorCode.PlatformError) return `Slack kept answering "${e.data?.error ?? "error"}"`;
  if (e?.code === ErrorCode.HTTPError) return `Slack kept answering HTTP ${e.statusCode ?? "error"}`;
  if (e?.code === ErrorCode.RequestError) return "Slack could not be reached";
  return `Minutebook kept failing (${String(e?.message ?? error).slice(0, 120)})`;
}
