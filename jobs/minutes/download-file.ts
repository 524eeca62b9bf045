// Downloads a shared file with the bot token, only from where file-source.ts allows.
//
// node:http(s) rather than fetch, for two things fetch cannot promise here: the check
// that Slack's file host resolves to public addresses is made by the connection itself
// (its `lookup`), so the address checked is the address connected to; and redirects are
// never followed on their own. A redirect is followed only within the origin it came
// from (files.slack.com to files.slack.com), never to another host, where the token
// would go with it: Slack sends a token it does not accept to its sign-in page on
// another host, and the answer to that is to stop, not to follow.
import { lookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from "node:dns";
import type { IncomingMessage } from "node:http";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { AppError, type Problem } from "../../src/errors";
import { documentTooLarge } from "../../src/minutes/read-document";
import { checkFileAddress, isPublicAddress, type FileSource } from "./file-source";

/** Redirects followed within one origin before giving up (Slack's file host sends none, or one). */
export const MAX_REDIRECTS = 3;

export const FILE_SOURCE_REFUSED = "file_source_refused" as const;

type Refusal = Extract<Problem, { code: typeof FILE_SOURCE_REFUSED }>["refusal"];

function refused(refusal: Refusal): AppError {
  return new AppError({ code: FILE_SOURCE_REFUSED, refusal });
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A DNS lookup that fails rather than give a private, loopback or link-local address (any of them, if it has several). */
function publicOnlyLookup(
  hostname: string,
  options: LookupOneOptions | LookupAllOptions,
  callback: LookupCallback,
): void {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const notPublic = addresses.find((a) => !isPublicAddress(a.address));
    if (notPublic || addresses.length === 0) {
      const refusal: NodeJS.ErrnoException = new Error(
        `${hostname} resolves to ${notPublic?.address ?? "no address"}, which is not a public address`,
      );
      refusal.code = "EADDRNOTPUBLIC";
      return callback(refusal, []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

interface Answer {
  status: number;
  location: string | undefined;
  contentLength: number | undefined;
  body: IncomingMessage;
}

function get(url: URL, source: FileSource, token: string, signal: AbortSignal): Promise<Answer> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, {
      method: "GET",
      headers: { authorization: `Bearer ${token}` },
      // No pooled connection: each download connects, and so looks up, afresh.
      agent: false,
      signal,
      ...(source.isPublicOnly ? { lookup: publicOnlyLookup } : {}),
    });
    request.on("response", (body) => {
      const length = body.headers["content-length"];
      resolve({
        status: body.statusCode ?? 0,
        location: body.headers.location,
        contentLength: length === undefined ? undefined : Number(length),
        body,
      });
    });
    request.on("error", reject);
    request.end();
  });
}

/** A Location header as an absolute address ("" when it is not one, which no check accepts). */
function resolveAgainst(location: string, base: URL): string {
  try {
    return new URL(location, base).toString();
  } catch {
    return "";
  }
}

/** A body's bytes, or undefined as soon as more than `limit` of them have arrived (the rest is not read). */
async function readAtMost(body: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > limit) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

export interface DownloadOptions {
  /** What files.info gave: url_private_download, or url_private. */
  address: string;
  token: string;
  sources: readonly FileSource[];
  /** For what people are told. */
  fileName: string;
  fileId: string;
  maxBytes: number;
  signal: AbortSignal;
}

/**
 * The file's bytes, never more than `maxBytes` of them. Throws AppError
 * file_source_refused (nothing requested from the refused address), or document_too_large;
 * any other failure (the network, Slack's 5xx, a refusal by Slack) is a plain Error, worth trying again.
 */
export async function downloadFile({
  address,
  token,
  sources,
  fileName,
  fileId,
  maxBytes,
  signal,
}: DownloadOptions): Promise<Buffer> {
  const first = checkFileAddress(address, sources);
  if (!first.ok) throw refused({ kind: "address", fileName, where: first.reason });
  let { url } = first;
  const { source } = first;
  for (let redirects = 0; ; redirects += 1) {
    let answer: Answer;
    try {
      answer = await get(url, source, token, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EADDRNOTPUBLIC")
        throw refused({ kind: "lookup", detail: (error as Error).message });
      throw error;
    }
    const { status, body } = answer;
    if (status >= 300 && status < 400 && answer.location !== undefined) {
      body.destroy();
      const next = checkFileAddress(resolveAgainst(answer.location, url), [source]);
      if (!next.ok) throw refused({ kind: "redirect", fileName, where: next.reason });
      if (redirects >= MAX_REDIRECTS)
        throw new Error(`Downloading ${fileId} was redirected more than ${MAX_REDIRECTS} times`);
      url = next.url;
      continue;
    }
    if (status < 200 || status >= 300) {
      body.destroy();
      throw new Error(`Downloading ${fileId} failed: HTTP ${status}`);
    }
    if (answer.contentLength !== undefined && answer.contentLength > maxBytes) {
      body.destroy();
      throw documentTooLarge(fileName, answer.contentLength);
    }
    const bytes = await readAtMost(body, maxBytes);
    // Stopped part way: its real size is not known, only that it is too large.
    if (!bytes) throw documentTooLarge(fileName);
    return bytes;
  }
}
