// Headers every answer of Minutebook's own HTTP server carries: nothing says what it runs on,
// no page of it can be framed by another site (clickjacking the queue dashboard's Retry and
// Clean buttons), no response is sniffed into another type, no address leaks in a Referer.
import type { ServerResponse } from "node:http";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": "frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/** Sets the headers on a response not yet started, and keeps any X-Powered-By off it. */
export function setSecurityHeaders(res: ServerResponse): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  res.removeHeader("x-powered-by");
}
