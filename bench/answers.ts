// What a person sees after a slash command is its answer, not its acknowledgement: a
// command is acknowledged at once and answered later through its response_url (a read
// may be answered in the acknowledgement itself, when it is ready in time). This times
// both for each command, from the moment it is sent (or was due, open loop): the
// acknowledgement as the HTTP response arrives, the answer as the stand-in for Slack
// receives the post to that command's own response_url (SlackRequests gives every
// command a response_url of its own), or with the acknowledgement if it holds a
// message; both on this process's clock.
import type { Actor, SlackRequests } from "../src/local-slack/requests";
import type { LocalSlack } from "../src/local-slack/server";
import { isBusy } from "./load-harness";

/** How long a command's answer is waited for before it counts as unanswered. */
const ANSWER_LIMIT_MS = 120_000;

export interface Answer {
  ms: number;
  text: string;
}

export interface TimedCommand {
  status: number;
  ackMs: number;
  /** Refused in the acknowledgement as busy: nothing saved, and no answer will follow. */
  isBusy: boolean;
  /** Answered in the acknowledgement itself (a message in the HTTP response). */
  isAnsweredInAck: boolean;
  /** Undefined if none came within the limit (or the clock was stopped first). */
  answer: Promise<Answer | undefined>;
}

export interface Arrival {
  at: number;
  text: string;
}

/** An HTTP response body that is a message for the person (not a bare acknowledgement). */
const isMessage = (json: Record<string, unknown> | undefined) =>
  json !== undefined && (json.text !== undefined || json.blocks !== undefined);

/** An answer that says the work failed. */
export const isWentWrong = (text: string) => /went wrong/i.test(text);

export class AnswerClock {
  /** Answers not yet claimed, by response_url path: one may come before its acknowledgement. */
  private readonly arrived = new Map<string, Arrival>();
  private readonly waiting = new Map<string, (arrival: Arrival | undefined) => void>();
  private readonly stopListening: () => void;

  constructor(
    private readonly slack: SlackRequests,
    fake: LocalSlack,
  ) {
    this.stopListening = fake.onCall((call) => {
      if (call.method !== "response_url") return;
      const path = String(call.args.__path);
      const arrival = { at: performance.now(), text: String(call.args.text ?? "") };
      const resolve = this.waiting.get(path);
      if (!resolve) {
        // Only the first answer to a command counts.
        if (!this.arrived.has(path)) this.arrived.set(path, arrival);
        return;
      }
      this.waiting.delete(path);
      resolve(arrival);
    });
  }

  /** Sends a command; resolves with its acknowledgement, its answer to follow. `from`: when it counts from (default now). */
  async command(text: string, actor: Actor, from = performance.now()): Promise<TimedCommand> {
    const sent = await this.slack.command("/action", text, actor);
    const ackedAt = performance.now();
    const busy = isBusy(sent.json);
    const inAck = !busy && sent.status === 200 && isMessage(sent.json);
    const answer =
      busy || sent.status !== 200
        ? Promise.resolve(undefined)
        : inAck
          ? Promise.resolve({ at: ackedAt, text: String(sent.json?.text ?? "") })
          : this.answerTo(new URL(sent.responseUrl).pathname);
    return {
      status: sent.status,
      ackMs: ackedAt - from,
      isBusy: busy,
      isAnsweredInAck: inAck,
      answer: answer.then((arrival) => arrival && { ms: arrival.at - from, text: arrival.text }),
    };
  }

  /** Gives up on every answer still awaited: each counts as unanswered. */
  abandon(): void {
    for (const resolve of this.waiting.values()) resolve(undefined);
    this.waiting.clear();
  }

  stop(): void {
    this.abandon();
    this.stopListening();
    this.arrived.clear();
  }

  private answerTo(path: string): Promise<Arrival | undefined> {
    const early = this.arrived.get(path);
    if (early) {
      this.arrived.delete(path);
      return Promise.resolve(early);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(path);
        resolve(undefined);
      }, ANSWER_LIMIT_MS);
      this.waiting.set(path, (arrival) => {
        clearTimeout(timer);
        resolve(arrival);
      });
    });
  }
}

/** What became of a run of commands. */
export interface AnswerTally {
  sent: number;
  acks: number[];
  answers: number[];
  busy: number;
  /** Answered in the acknowledgement itself: no response_url post. */
  answeredInAck: number;
  wentWrong: number;
  unanswered: number;
  /** Acknowledged with a status other than 200, or not at all (connection error). */
  failed: number;
}

export const emptyTally = (): AnswerTally => ({
  sent: 0,
  acks: [],
  answers: [],
  busy: 0,
  answeredInAck: 0,
  wentWrong: 0,
  unanswered: 0,
  failed: 0,
});

/** Adds one command's fate to `tally`, once its answer has come (or not). */
export async function recordCommand(tally: AnswerTally, command: Promise<TimedCommand>): Promise<void> {
  tally.sent += 1;
  let timed: TimedCommand;
  try {
    timed = await command;
  } catch {
    tally.failed += 1;
    return;
  }
  if (timed.status !== 200) {
    tally.failed += 1;
    return;
  }
  tally.acks.push(timed.ackMs);
  if (timed.isBusy) {
    tally.busy += 1;
    return;
  }
  if (timed.isAnsweredInAck) tally.answeredInAck += 1;
  const answer = await timed.answer;
  if (!answer) tally.unanswered += 1;
  else {
    tally.answers.push(answer.ms);
    if (isWentWrong(answer.text)) tally.wentWrong += 1;
  }
}

/**
 * `total` commands with `concurrency` always in flight, closed loop on the answer: the
 * next is sent when one is answered (or refused, or given up on).
 */
export async function answeredConcurrently(
  total: number,
  concurrency: number,
  send: (i: number) => Promise<TimedCommand>,
): Promise<AnswerTally & { wallMs: number }> {
  const tally = emptyTally();
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < total) await recordCommand(tally, send(next++));
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { ...tally, wallMs: performance.now() - started };
}

/** `unansweredWithin`: how long answers were waited for, as words ("within 120 s"). */
export function describeErrors(t: AnswerTally, unansweredWithin = `within ${ANSWER_LIMIT_MS / 1000} s`): string {
  return `${t.wentWrong} answers said something went wrong, ${t.busy} refused as busy, ${t.unanswered} unanswered ${unansweredWithin}, ${t.failed} not acknowledged with 200`;
}

export const errorCount = (t: AnswerTally) => t.wentWrong + t.busy + t.unanswered + t.failed;
