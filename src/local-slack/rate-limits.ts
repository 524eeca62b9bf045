// Slack's Web API rate limits, as the stand-in applies them: each method's tier, per
// workspace (per token), and chat.postMessage's one message a second per channel.
// https://docs.slack.dev/apis/web-api/rate-limits: limits apply "per API method per
// workspace/team per app"; Tier 1 is 1+ a minute, Tier 2 20+, Tier 3 50+, Tier 4 100+,
// each "allowing for occasional bursts"; "Posting messages: 1 per second. Short bursts >1
// allowed." An app over a limit gets HTTP 429 with a Retry-After header in seconds.
//
// Modelled generously, since the tiers are minimums ("20+"): each (token, method) has a
// bucket holding a whole minute's allowance that refills at the tier's rate, so a burst of
// a minute's worth passes and only a sustained excess is refused. chat.postMessage has a
// bucket per channel holding POST_BURST messages, refilled at one a second. Slack's
// workspace-wide limit on posting ("several hundred a minute", not a figure) is not modelled.
// Time is real time: limits are about when requests arrive, whatever clock the app keeps.

/** A method's tier (the "Rate limits" line of its reference page, docs.slack.dev/reference/methods/<method>). */
const METHOD_TIERS: Readonly<Record<string, 1 | 2 | 3 | 4>> = {
  "chat.postEphemeral": 4,
  "chat.update": 3,
  "chat.scheduleMessage": 3,
  "conversations.history": 3,
  "conversations.info": 3,
  "conversations.members": 4,
  "conversations.open": 3,
  "files.info": 4,
  "files.getUploadURLExternal": 4,
  "files.completeUploadExternal": 4,
  "users.info": 4,
  "users.list": 2,
  "views.open": 4,
  "views.push": 4,
  "views.update": 4,
  "views.publish": 4,
};

const PER_MINUTE: Readonly<Record<1 | 2 | 3 | 4, number>> = { 1: 1, 2: 20, 3: 50, 4: 100 };

/** How many messages a channel takes at once before the one-a-second rule bites. */
export const POST_BURST = 10;

/** "slack": as above; "off": no limits (benchmarks, and tests about something else that post a lot). */
export type RateLimitMode = "slack" | "off";

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimits {
  mode: RateLimitMode = "slack";
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: () => number = () => Date.now()) {}

  /**
   * Takes one call from the right bucket: undefined when it may go ahead, else the seconds
   * Slack would put in Retry-After. auth.test ("Special", far above the tiers) and methods
   * with no tier here (oauth.v2.access, response_url posts) are not limited.
   */
  take(token: string, method: string, channel?: string): number | undefined {
    if (this.mode === "off") return undefined;
    if (method === "chat.postMessage")
      return this.takeFrom(`${token} ${method} ${channel ?? ""}`, POST_BURST, 1 / 1000);
    const tier = METHOD_TIERS[method];
    if (!tier) return undefined;
    const perMinute = PER_MINUTE[tier];
    return this.takeFrom(`${token} ${method}`, perMinute, perMinute / 60_000);
  }

  reset(): void {
    this.buckets.clear();
  }

  private takeFrom(key: string, capacity: number, perMs: number): number | undefined {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }
}
