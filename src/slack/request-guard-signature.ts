// Slack's request signing, checked strictly: the timestamp is whole seconds written as Slack
// writes them and within five minutes of now either way, the signature is v0 and 64 hex
// digits, compared in constant time. Pure: the caller gives the clock.
import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a request's timestamp may be from now, either way (Slack's own advice). */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;

export type SignatureProblem =
  | "missing timestamp"
  | "malformed timestamp"
  | "stale timestamp"
  | "missing signature"
  | "malformed signature"
  | "signature mismatch";

export interface SignedRequest {
  /** The X-Slack-Request-Timestamp header as received (a repeated header arrives as an array). */
  timestamp: string | string[] | undefined;
  /** The X-Slack-Signature header as received. */
  signature: string | string[] | undefined;
  /** The body's bytes exactly as they arrived. */
  body: Buffer;
}

// Whole seconds, no sign, no leading zero, no decimals or exponent: the header is signed as
// written, so a second spelling of the same number would be a second signed message.
const TIMESTAMP = /^[1-9][0-9]{0,11}$/;
const SIGNATURE = /^v0=[0-9a-f]{64}$/;

/** What is wrong with a request's signature, or undefined when Slack signed it in the last five minutes. */
export function checkSlackSignature(
  request: SignedRequest,
  signingSecret: string,
  nowMs: number,
): SignatureProblem | undefined {
  const { timestamp, signature, body } = request;
  if (timestamp === undefined || timestamp === "") return "missing timestamp";
  if (typeof timestamp !== "string" || !TIMESTAMP.test(timestamp)) return "malformed timestamp";
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > MAX_REQUEST_AGE_SECONDS) return "stale timestamp";
  if (signature === undefined || signature === "") return "missing signature";
  if (typeof signature !== "string" || !SIGNATURE.test(signature)) return "malformed signature";
  const expected = createHmac("sha256", signingSecret).update(`v0:${timestamp}:`).update(body).digest();
  const given = Buffer.from(signature.slice(3), "hex");
  return timingSafeEqual(given, expected) ? undefined : "signature mismatch";
}
