// What a command or an interaction hands the app besides its payload, with the limits
// Slack puts on each: a trigger_id (one form, within three seconds) and a response_url
// (five replies, within thirty minutes). The stand-in issues them as it sends requests
// (requests.ts) and refuses their use as Slack does.
import { randomBytes, randomInt } from "node:crypto";

/**
 * A trigger_id opens one form within three seconds: "Pass a valid trigger_id within 3 seconds
 * of receiving it" (https://docs.slack.dev/tools/bolt-js/concepts/creating-modals); views.open
 * and views.push answer expired_trigger_id ("The trigger_id is expired"), exchanged_trigger_id
 * ("already exchanged in a previous call") or invalid_trigger_id
 * (https://docs.slack.dev/reference/methods/views.open, Errors).
 */
export const TRIGGER_VALID_MS = 3_000;

/** "You can use response_url to publish up to 5 times within 30 minutes of receiving the payload" (https://docs.slack.dev/interactivity/handling-user-interaction). */
export const RESPONSE_URL_VALID_MS = 30 * 60_000;
export const RESPONSE_URL_USES = 5;

export type TriggerRefusal = "invalid_trigger_id" | "expired_trigger_id" | "exchanged_trigger_id";

/**
 * A response_url's answer once it cannot be used: HTTP 404 with `expired_url` (too old) or
 * `used_url` (five replies made). Slack documents the limits, not these words; they are what
 * its hooks host is reported to answer. `no_service` (an incoming webhook's 404 for a URL that
 * is not one, https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks) for
 * a URL the stand-in never gave out.
 */
export type ResponseUrlRefusal = "expired_url" | "used_url" | "no_service";

/** A trigger id shaped like Slack's ("12345.98765.abcd2358fdea"): seconds, a number, hex. */
export function newTriggerId(nowMs = Date.now()): string {
  return `${Math.floor(nowMs / 1000)}${randomInt(100, 999)}.${randomInt(1e9, 1e10 - 1)}.${randomBytes(16).toString("hex")}`;
}

export class TriggerIds {
  private readonly issued = new Map<string, { issuedAt: number; isUsed: boolean }>();

  /** Real time, not the app's: a trigger's life is about how long ago the request was sent. */
  constructor(private readonly clock: () => number = () => Date.now()) {}

  /** A trigger id carried by a request being sent now; one already issued (a redelivery) keeps its first moment. */
  issue(id: string = newTriggerId(this.clock())): string {
    if (!this.issued.has(id)) this.issued.set(id, { issuedAt: this.clock(), isUsed: false });
    return id;
  }

  /** Why views.open or views.push would refuse this trigger now; undefined if it may be used. */
  refusal(id: unknown): TriggerRefusal | undefined {
    const trigger = typeof id === "string" ? this.issued.get(id) : undefined;
    if (!trigger) return "invalid_trigger_id";
    if (trigger.isUsed) return "exchanged_trigger_id";
    if (this.clock() - trigger.issuedAt > TRIGGER_VALID_MS) return "expired_trigger_id";
    return undefined;
  }

  /** The form opened: the trigger is spent. */
  spend(id: string): void {
    const trigger = this.issued.get(id);
    if (trigger) trigger.isUsed = true;
  }

  /** How long ago a trigger was issued, in ms (for tests that want to see the margin). */
  ageOf(id: string): number | undefined {
    const trigger = this.issued.get(id);
    return trigger ? this.clock() - trigger.issuedAt : undefined;
  }
}

export class ResponseUrls {
  private readonly issued = new Map<string, { issuedAt: number; uses: number }>();

  /** Slack's clock (the app's, when a test moves it): half an hour later is as Slack would count it. */
  constructor(private readonly clock: () => number) {}

  issue(id: string): void {
    if (!this.issued.has(id)) this.issued.set(id, { issuedAt: this.clock(), uses: 0 });
  }

  /** Why a post to this response_url would be refused now; undefined if it may be used. */
  refusal(id: string): ResponseUrlRefusal | undefined {
    const url = this.issued.get(id);
    if (!url) return "no_service";
    if (this.clock() - url.issuedAt > RESPONSE_URL_VALID_MS) return "expired_url";
    if (url.uses >= RESPONSE_URL_USES) return "used_url";
    return undefined;
  }

  /** A reply was accepted: one of its five uses is gone. */
  use(id: string): void {
    const url = this.issued.get(id);
    if (url) url.uses += 1;
  }
}
