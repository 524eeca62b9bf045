// Answers through a response_url, saying the moment the answer has left this process.
//
// Work taken up again after its process died must not answer twice, so its first answer is
// marked in Redis. Marked when Slack's reply comes back, a kill during the round trip (some
// 150 ms under a burst here, longer to Slack itself) left every answer then in flight sent and
// unmarked: with twelve pieces of work at once, ten people were answered twice in one run of
// test/integration/process.test.ts. Node's ClientRequest emits "finish" once the request "has
// been handed off to the operating system for transmission over the network"
// (https://nodejs.org/api/http.html#event-finish), so the mark is written then, in the same
// turn of the event loop, and a kill can fall between the two only for microseconds. Past that
// point the kernel sends what it holds even if the process dies.
//
// Answers reuse a few kept-alive connections per host (RESPONSE_URL_CONNECTIONS) rather than
// opening one for each answer under way. Node's global agent opens a new connection whenever
// every kept one is busy: under a burst of 500 lists this process opened 14 to 29 new ones to
// the stand-in for Slack, and the answers that waited on them reached it 20 to 100 ms later
// than the rest (bench/answer.ts), which made the list's whole p99. To Slack itself a new
// connection is a TCP and TLS handshake, two or three round trips before the answer is sent.
// The cost: answers beyond the cap wait for a connection, so an answer's time limit counts
// from when it was asked for, waiting included (a read's copy in Redis relies on it: see
// READ_GIVES_UP_MS). Idle connections close after IDLE_CONNECTION_MS, the most recently used
// taken first, as Node's global agent does, so a server closing idle ones first is unlikely to
// be written to just as it does.
import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/**
 * Connections kept to each host for answers, at most: a chosen cap, the 12 pieces of work and
 * 4 reads a process does at once (src/slack-deps.ts). Answers of reads already done are sent
 * outside those places, so more can be under way; they wait for a connection, in order.
 */
export const RESPONSE_URL_CONNECTIONS = 16;
/** An idle kept connection is closed after this (Node's global agent keeps them 5 s). */
const IDLE_CONNECTION_MS = 4_000;

/** Slack answers a response_url at once; a post not answered this long after it was asked for, waiting for a connection included, is given up. */
const RESPONSE_URL_TIMEOUT_MS = 10_000;

export interface PostJsonOptions {
  /** Called once the whole request is with the operating system, before any reply. */
  onHandedOver?: () => void;
  timeoutMs?: number;
}

/** POSTs `body` as JSON to `url`; resolves with the HTTP status. */
export function postJson(url: string, body: unknown, options: PostJsonOptions = {}): Promise<number> {
  const target = new URL(url);
  const send = senders[target.protocol];
  if (!send) return Promise.reject(new Error(`Cannot post to a ${target.protocol} address`));
  const payload = Buffer.from(JSON.stringify(body));
  const timeoutMs = options.timeoutMs ?? RESPONSE_URL_TIMEOUT_MS;
  return new Promise<number>((resolve, reject) => {
    const request = send(
      target,
      {
        method: "POST",
        agent: agents[target.protocol],
        headers: { "content-type": "application/json", "content-length": String(payload.length) },
      },
      (response) => {
        // The body says nothing we use ("ok", or an error name already in the status).
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    // From now, not from when a connection is free: one that waited for a connection and was
    // never handed over is given up like one Slack did not answer (its copy answers instead).
    // A request still waiting is only dropped from the queue when a connection frees, so the
    // caller is told now.
    const deadline = setTimeout(() => {
      const error = new Error(`No answer from ${target.host} in ${String(timeoutMs)} ms`);
      request.destroy(error);
      reject(error);
    }, timeoutMs);
    // Answered, failed or given up: the request closes every way it ends.
    request.once("close", () => clearTimeout(deadline));
    if (options.onHandedOver) request.once("finish", options.onHandedOver);
    request.on("error", reject);
    request.end(payload);
  });
}

type Send = (url: URL, options: RequestOptions, onResponse: (response: IncomingMessage) => void) => ClientRequest;

const senders: Record<string, Send | undefined> = { "http:": httpRequest, "https:": httpsRequest };

const keptAlive = { keepAlive: true, maxSockets: RESPONSE_URL_CONNECTIONS, timeout: IDLE_CONNECTION_MS };
const agents: Record<string, HttpAgent | undefined> = {
  "http:": new HttpAgent(keptAlive),
  "https:": new HttpsAgent(keptAlive),
};
