// Slack sends some requests more than once: an event again when its acknowledgement
// came late (X-Slack-Retry-Num, up to three times over some minutes), a request resent
// whole, a button pressed twice before the first press is answered. Each is done once.
//
// The first delivery of each is claimed in Redis (SET NX, under the app's key prefix);
// a later one that finds the claim is acknowledged, so Slack stops sending it, and goes
// no further. Bolt acknowledges events itself before any middleware runs (HTTP and
// Socket Mode alike); commands, shortcuts and buttons are acknowledged here (or by the
// listener that took the claim itself, below).
//
// - Events: by event_id, for an hour (Slack's retries come within minutes).
// - Commands and shortcuts: by trigger_id, which Slack issues once per invocation, so a
//   second request with the same one is the same request again. An hour.
// - Buttons and menus: by who pressed what where (the message or view, the action and its
//   value), while the first press is being handled here. A press that comes after that is
//   taken: the person has seen the answer and means it (Undo pressed again is told it can no
//   longer be undone, Review again that the minutes are in). The claim lapses after a minute
//   if the process handling the first dies. Slack never resends a press, so what is left is
//   a double click: a button whose work is kept in Redis (keptButtonListener) is handled here
//   in the moment it takes to keep it, so its second click is kept too, and the work itself
//   must be, and is, harmless twice (Done on a done action says so; an import is one per
//   file, held by the database).
//
// A listener may take the claim itself, in one step with work of its own (`leavesClaimTo`):
// an /action read acknowledged before its answer claims in the same script that keeps its
// copy, one trip to Redis instead of two before the acknowledgement
// (jobs/commands/durable-work.ts). It is handed the claim in `context.deliveryClaim` and
// must take it before answering. A claim whose key holds its own token is its own (ioredis
// sends a command again after reconnecting, and the first send may have landed).
//
// Redis is an aid here, not a gate: if it does not answer at once, the request is let
// through (and the outage logged once), since a request dropped is worse than one done twice.
import { createHash, randomUUID } from "node:crypto";
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "../../logger";
import type { Redis } from "../../redis";
import { resolvesWithin } from "../../resolves-within";

/** How long a delivery is remembered: an event's or a command's for an hour; a press while it is handled, a minute at most. */
export const DEDUPE_SECONDS = { event: 3600, trigger: 3600, press: 60 } as const;

/** The longest a request waits on Redis before it is let through unchecked. */
const REDIS_WAIT_MS = 250;

/** Deletes the claim only if it is still this request's (compare-and-delete). */
const RELEASE = `
if redis.call("get", KEYS[1]) == ARGV[1] then
  return redis.call("del", KEYS[1])
end
return 0`;

export interface Delivery {
  kind: "event" | "trigger" | "press";
  /** Identifies the delivery: the same for a repeat of it, different for anything else. */
  id: string;
  seconds: number;
  /** Released once handled (a press); otherwise kept for its whole time. */
  isHeldWhileHandled: boolean;
}

type Json = Record<string, unknown>;
const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);
const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 32);

/** What a press is: the action as sent, less when it was pressed. */
function pressedAction(action: unknown): unknown {
  if (!action || typeof action !== "object") return action;
  const { action_ts: _at, ...rest } = action as Json;
  return rest;
}

/** The delivery a request body is, or undefined for what is never deduplicated (form submissions, menu options, url_verification). Pure. */
export function deliveryOf(body: unknown): Delivery | undefined {
  if (!body || typeof body !== "object") return undefined;
  const b = body as Json;
  const team =
    text(b.team_id) ?? text((b.team as Json | undefined)?.id) ?? text((b.enterprise as Json | undefined)?.id) ?? "-";
  if (b.type === "event_callback") {
    const eventId = text(b.event_id);
    return eventId
      ? { kind: "event", id: `${team}:${eventId}`, seconds: DEDUPE_SECONDS.event, isHeldWhileHandled: false }
      : undefined;
  }
  const isCommand = typeof b.command === "string";
  if (isCommand || b.type === "shortcut" || b.type === "message_action") {
    const trigger = text(b.trigger_id);
    return trigger
      ? { kind: "trigger", id: `${team}:${trigger}`, seconds: DEDUPE_SECONDS.trigger, isHeldWhileHandled: false }
      : undefined;
  }
  if (b.type === "block_actions" && Array.isArray(b.actions)) {
    const user = text((b.user as Json | undefined)?.id) ?? "-";
    const container = b.container ?? {
      view: (b.view as Json | undefined)?.id,
      message: (b.message as Json | undefined)?.ts,
    };
    const what = hash([container, b.actions.map(pressedAction)]);
    return { kind: "press", id: `${team}:${user}:${what}`, seconds: DEDUPE_SECONDS.press, isHeldWhileHandled: true };
  }
  return undefined;
}

export interface DedupeOptions {
  redis: Redis;
  prefix: string;
  logger: Logger;
  /**
   * Requests (of those claimed for their whole time, not presses) whose listener takes the
   * claim itself, from `context.deliveryClaim`, instead of this middleware.
   */
  leavesClaimTo?: (body: unknown) => boolean;
}

/** What a claim found: the first delivery, a repeat, or nothing (Redis did not answer in time). */
export type ClaimResult = "first" | "repeat" | "unchecked";

/** A claim a listener takes itself: SET key token EX seconds NX, alone (`claim`) or with its own work. */
export interface DeliveryClaim {
  key: string;
  token: string;
  seconds: number;
  /** Takes the claim alone (once: a second call says what the first found). Never rejects: Redis failing or slow is "unchecked", and logged. */
  claim(): Promise<ClaimResult>;
  /** Logs, as this middleware does, that the listener found a repeat and let it go (acknowledged, nothing more). */
  repeated(): void;
}

/** Resolves with `promise`'s value, or `fallback` if it takes longer than `ms` or fails. */
async function within<T>(promise: Promise<T>, ms: number, fallback: (error: unknown) => T): Promise<T> {
  try {
    return (await resolvesWithin(promise, ms))
      ? await promise
      : fallback(new Error(`Redis did not answer within ${ms} ms`));
  } catch (error) {
    return fallback(error);
  }
}

/** Global middleware: a repeated delivery is acknowledged and goes no further. Register it before any other. */
export function dedupeMiddleware({
  redis,
  prefix,
  logger,
  leavesClaimTo,
}: DedupeOptions): Middleware<AnyMiddlewareArgs> {
  let isRedisDown = false;
  const unchecked = (error: unknown): "unchecked" => {
    if (!isRedisDown)
      logger.warn({ err: error }, "could not check Slack requests for repeats in Redis; letting them through");
    isRedisDown = true;
    return "unchecked";
  };
  /** First if set now, or found holding this token (a resent SET NX whose first send landed). */
  const setOrOwn = async (key: string, token: string, seconds: number): Promise<"first" | "repeat"> => {
    if ((await redis.set(key, token, "EX", seconds, "NX")) === "OK") return "first";
    return (await redis.get(key)) === token ? "first" : "repeat";
  };
  const claim = async (key: string, token: string, seconds: number): Promise<ClaimResult> => {
    const claimed = await within(setOrOwn(key, token, seconds), REDIS_WAIT_MS, unchecked);
    if (claimed !== "unchecked" && isRedisDown) {
      isRedisDown = false;
      logger.info("checking Slack requests for repeats again");
    }
    return claimed;
  };
  return async (args) => {
    const delivery = deliveryOf(args.body);
    if (!delivery) return args.next();
    const key = `${prefix}:dedupe:${delivery.kind}:${delivery.id}`;
    const token = randomUUID();
    const repeated = () =>
      logger.info(
        { kind: delivery.kind, retryNum: args.context.retryNum, retryReason: args.context.retryReason },
        "ignored a repeated Slack request",
      );
    if (!delivery.isHeldWhileHandled && leavesClaimTo?.(args.body)) {
      let claimed: Promise<ClaimResult> | undefined;
      const left: DeliveryClaim = {
        key,
        token,
        seconds: delivery.seconds,
        claim: () => (claimed ??= claim(key, token, delivery.seconds)),
        repeated,
      };
      args.context.deliveryClaim = left;
      return args.next();
    }
    const claimed = await claim(key, token, delivery.seconds);
    if (claimed === "repeat") {
      repeated();
      // Events were acknowledged by Bolt before any middleware; the rest are acknowledged here, with nothing to say.
      if ("ack" in args && typeof args.ack === "function") await (args.ack as () => Promise<void>)();
      return;
    }
    try {
      await args.next();
    } finally {
      if (claimed === "first" && delivery.isHeldWhileHandled) {
        await within(redis.eval(RELEASE, 1, key, token), REDIS_WAIT_MS, () => 0);
      }
    }
  };
}
