// A reminder that cannot be delivered ends as "failed" with the reason, and the board's
// secretary (else its chair, else whoever logged the action) is told by DM, once a day
// for one person (or channel) and board: ten reminders to a deactivated owner are one
// message, not ten.
//
// The order survives a worker dying at any step. 1. A claim in Redis, keyed on person and
// board, holding this reminder's id and what to suggest; 2. the row moved to failed; 3. the
// DM, after which the claim says "told". A run that finds its row failed and the claim still
// its own, untold, finishes step 3; one that finds another reminder's claim does not tell.
// A rate limit on the DM waits as Slack asks (the job comes back to step 3).
import type { WebClient } from "@slack/web-api";
import { formatDay } from "../../src/dates";
import { approversOf } from "../../src/domain/reminders/request-extension";
import {
  undeliveredReminderMessage,
  type UndeliveredReminder,
} from "../../src/slack/views/reminders/undelivered-reminder";
import type { JobContext } from "../define-job";
import type { ReminderRow } from "./reminder-subjects";
import { slackFailureOf, who, type Recipient } from "./slack-failures";

export type TellContext = JobContext & { slack: WebClient };

export interface Undeliverable {
  reason: string;
  next: string;
  /** Minutebook's own token was refused: the DM could not go either, so none is tried. */
  isTokenRefused: boolean;
}

const DAY_SECONDS = 24 * 3600;

interface Claim {
  reminderId: string;
  next: string;
  isTold: boolean;
}

/** scheduled|sending → failed with the reason. False if another run got there first or it was sent. */
export async function markReminderFailed(
  context: Pick<JobContext, "db">,
  id: string,
  reason: string,
): Promise<boolean> {
  const { count } = await context.db.reminder.updateMany({
    where: { id, state: { in: ["scheduled", "sending"] } },
    data: { state: "failed", lastError: reason },
  });
  return count === 1;
}

/** Ends the reminder as failed and tells whoever looks after its board (once a day per person and board). */
export async function giveUpReminder(
  context: TellContext,
  row: ReminderRow,
  to: Recipient,
  failure: Undeliverable,
): Promise<void> {
  const teller = tellerOf(row, to);
  const log = context.logger.child({ reminderId: row.id, recipient: row.recipient });
  if (failure.isTokenRefused || !teller) {
    await markReminderFailed(context, row.id, failure.reason);
    log.warn(
      { reason: failure.reason, isTokenRefused: failure.isTokenRefused },
      "reminder cannot be delivered; nobody can be told",
    );
    return;
  }
  const key = claimKey(context, row);
  const claim: Claim = { reminderId: row.id, next: failure.next, isTold: false };
  const isClaimed = (await context.redis.set(key, JSON.stringify(claim), "EX", DAY_SECONDS, "NX")) === "OK";
  const held = isClaimed ? claim : parseClaim(await context.redis.get(key));
  // Another run of this job got there first (or it was delivered after all): that run tells,
  // and a claim made here must not keep the board from hearing of this person today.
  if (!(await markReminderFailed(context, row.id, failure.reason))) {
    if (isClaimed) await context.redis.del(key);
    return;
  }
  log.warn({ reason: failure.reason }, "reminder cannot be delivered");
  if (held?.reminderId !== row.id || held.isTold) {
    log.info({ toldAbout: held?.reminderId }, "the board was already told about this recipient today");
    return;
  }
  await tell(context, row, to, teller, { reason: failure.reason, next: held.next }, key);
}

/** For a run that finds its row already failed: finishes telling if this reminder holds an untold claim. */
export async function finishTelling(context: TellContext, row: ReminderRow, to: Recipient): Promise<void> {
  const teller = tellerOf(row, to);
  if (!teller || !row.lastError) return;
  const key = claimKey(context, row);
  const held = parseClaim(await context.redis.get(key));
  if (held?.reminderId !== row.id || held.isTold) return;
  await tell(context, row, to, teller, { reason: row.lastError, next: held.next }, key);
}

async function tell(
  context: TellContext,
  row: ReminderRow,
  to: Recipient,
  teller: string,
  words: { reason: string; next: string },
  key: string,
): Promise<void> {
  const view = undeliveredReminderMessage(describe(row, to, words));
  const log = context.logger.child({ reminderId: row.id, teller });
  try {
    await context.slack.chat.postMessage({ channel: teller, text: view.text, blocks: view.blocks });
    log.info("told the board that a reminder could not be delivered");
  } catch (error) {
    const failure = slackFailureOf(error, { kind: "user", id: teller });
    // The claim stays this reminder's and untold: the job comes back and tells.
    if (failure?.kind === "rate_limited") return context.deferFor(failure.retryAfterMs);
    if (!failure && !context.isLastAttempt) throw error;
    // Telling cannot work either (or kept failing): the row keeps the reason; stop here.
    log.error(
      { err: error, slackError: failure?.kind === "permanent" ? failure.code : undefined },
      "could not tell the board that a reminder could not be delivered",
    );
  }
  const told: Claim = { reminderId: row.id, next: words.next, isTold: true };
  await context.redis.set(key, JSON.stringify(told), "EX", DAY_SECONDS);
}

/** The secretary, else the chair, else whoever logged the action; never the person who could not be reached. */
export function tellerOf(row: ReminderRow, to: Recipient): string | undefined {
  const board = row.board ?? row.action?.board ?? null;
  const candidates = [...approversOf(board), row.action?.createdBySlackUserId].filter((id): id is string =>
    Boolean(id),
  );
  return candidates.find((id) => !(to.kind === "user" && id === to.id));
}

function claimKey(context: Pick<JobContext, "redisKeyPrefix">, row: ReminderRow): string {
  const boardId = row.boardId ?? row.action?.board?.id ?? "none";
  return `${context.redisKeyPrefix}:reminder-undelivered:${row.workspaceId}:${boardId}:${row.recipient}`;
}

function parseClaim(text: string | null): Claim | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Claim>;
    return typeof value.reminderId === "string"
      ? { reminderId: value.reminderId, next: String(value.next ?? ""), isTold: Boolean(value.isTold) }
      : undefined;
  } catch {
    return undefined;
  }
}

const CHANNEL_POSTS: Record<string, string> = {
  papers_call: "the call for papers",
  papers_last_call: "the last call for papers",
  matters_arising: "matters arising",
};

function describe(row: ReminderRow, to: Recipient, words: { reason: string; next: string }): UndeliveredReminder {
  const action = row.action ? { id: row.action.id, reference: row.action.reference, text: row.action.text } : undefined;
  const board = row.board;
  let what: string | undefined;
  if (!action && board) {
    const meeting = row.meeting
      ? ` for ${board.code}'s meeting on ${formatDay(row.meeting.startsAt, board.timeZone)}`
      : "";
    what = CHANNEL_POSTS[row.kind]
      ? `${CHANNEL_POSTS[row.kind]}${meeting}`
      : row.kind === "weekly_digest"
        ? `${board.code}'s weekly digest`
        : `a reminder for ${board.code}`;
  }
  return { recipient: who(to), recipientKind: to.kind, action, what, reason: words.reason, next: words.next };
}
