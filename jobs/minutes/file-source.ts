// Where a minutes file may be downloaded from with the bot token. files.info says where a
// file is (url_private_download, url_private), but the answer is only as good as the
// server that gave it: fetching whatever it names sent the token to any host and port,
// the local Redis included. So the address is checked first, and nothing is requested
// from one that fails.
//
// Slack serves a file's private URLs from its file host, https://files.slack.com/files-pri/
// <TEAM>-<FILE>/<name>, to a request with `Authorization: Bearer <token>` (the file object,
// https://docs.slack.dev/reference/objects/file-object: "url_private" and
// "url_private_download" need the token; Slack's own download examples and every file
// object it returns use that host). Older reference samples show https://slack.com/files-pri/…,
// which the second rule below allows: the origin of the Web API the app is configured with
// (https://slack.com by default) already receives the token on every call, so downloading
// from it exposes nothing new. That same rule lets tests and the local console use the
// Slack stand-in (SLACK_API_URL=http://127.0.0.1:<port>/api/), whatever path it serves files on.
import { BlockList, isIP } from "node:net";

/** Slack's file host: HTTPS on the default port, and nowhere else. */
export const SLACK_FILE_ORIGIN = "https://files.slack.com";

/** Where a file may come from: an origin, and whether its addresses must be public ones. */
export interface FileSource {
  origin: string;
  /** Refuse private, loopback and link-local addresses (Slack's host); the configured API's own origin is trusted as configured. */
  isPublicOnly: boolean;
}

/** The origins a download may use for a client of the Web API at `slackApiUrl`. */
export function fileSourcesFor(slackApiUrl: string): FileSource[] {
  const sources: FileSource[] = [{ origin: SLACK_FILE_ORIGIN, isPublicOnly: true }];
  const apiOrigin = originOf(slackApiUrl);
  if (apiOrigin && apiOrigin !== SLACK_FILE_ORIGIN) sources.push({ origin: apiOrigin, isPublicOnly: false });
  return sources;
}

function originOf(address: string): string | undefined {
  try {
    const url = new URL(address);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export type SourceCheck = { ok: true; url: URL; source: FileSource } | { ok: false; reason: string };

/**
 * Whether `address` is one a file may be downloaded from with the token: its origin
 * (scheme, host and port) one of `sources`, and no credentials of its own in it. Pure.
 */
export function checkFileAddress(address: string, sources: readonly FileSource[]): SourceCheck {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { ok: false, reason: "an address that is not a web address" };
  }
  if (url.username || url.password)
    return { ok: false, reason: `${url.origin === "null" ? url.protocol : url.origin} with a user name in it` };
  const source = sources.find((s) => s.origin === url.origin);
  if (!source) return { ok: false, reason: url.origin === "null" ? `a ${url.protocol} address` : url.origin };
  return { ok: true, url, source };
}

/** Addresses no download goes to: private, loopback, link-local, shared, reserved and multicast ranges (RFC 6890). */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  // IPv4-compatible (::a.b.c.d) and IPv4-translated (::ffff:0:a.b.c.d) addresses, which BlockList does not read as IPv4.
  ["::", 96],
  ["::ffff:0:0:0", 96],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  // 6to4 and the old site-local range: each can lead back to a private network.
  ["2002::", 16],
  ["fec0::", 10],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, "ipv6");
}

/** Whether an IP address is a public one (BlockList judges an IPv4 address written as IPv6, ::ffff:a.b.c.d, by the IPv4 ranges). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? "ipv4" : "ipv6");
}
