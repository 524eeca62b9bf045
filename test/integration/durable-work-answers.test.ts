// Work taken up again after its process died answers the person once: the first answer is
// marked in Redis (the real one) as soon as it leaves the process, and a rerun that finds the
// mark stays quiet.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { answeredOnce, type Answer } from "../../jobs/commands/durable-work";
import { postJson, RESPONSE_URL_CONNECTIONS } from "../../src/slack/response-url";
import type { Reply } from "../../src/slack/durable-work";
import { createLogger } from "../../src/logger";
import { deleteRedisKeys, TEST_REDIS_URL, testRedisPrefix } from "../support/redis";

describe("answers of work taken up again", () => {
  const prefix = testRedisPrefix();
  const redis = new Redis(TEST_REDIS_URL);
  const logger = createLogger({ level: "silent" });
  afterAll(async () => {
    await deleteRedisKeys(prefix);
    redis.disconnect();
  });

  const answering = (jobId: string, isRetaken: boolean, send?: Answer) => {
    const sent: Reply[] = [];
    const handOver: Answer = async (reply, onHandedOver) => {
      sent.push(reply);
      onHandedOver();
    };
    const respond = answeredOnce(send ?? handOver, {
      redis,
      redisKeyPrefix: prefix,
      jobId,
      isRetaken,
      logger,
    });
    return { respond, sent };
  };

  it("answers a rerun whose first run died before answering, and not one whose first run had answered", async () => {
    const first = answering("job-1", false);
    await first.respond({ text: "RCRB-4 logged" });
    expect(first.sent).toHaveLength(1);
    expect(await redis.exists(`${prefix}:answered:job-1`)).toBe(1);

    const rerun = answering("job-1", true);
    await rerun.respond({ text: "RCRB-4 logged" });
    expect(rerun.sent).toEqual([]);

    // Never answered before it died: the rerun answers.
    const unanswered = answering("job-2", true);
    await unanswered.respond({ text: "RCRB-5 logged" });
    expect(unanswered.sent).toHaveLength(1);
  });

  it("answers work that was not taken up again every time it asks, mark or not", async () => {
    const once = answering("job-3", false);
    await once.respond({ text: "first" });
    await once.respond({ text: "second" });
    expect(once.sent.map((r) => r.text)).toEqual(["first", "second"]);
  });

  it("marks an answer as soon as it has left the process, so a kill before Slack replies does not answer twice", async () => {
    // The first run hands its answer over, then dies while waiting for Slack's reply.
    const died = answering("job-4", false, (_reply, onHandedOver) => {
      onHandedOver();
      return new Promise<void>(() => undefined);
    });
    void died.respond({ text: "RCRB-6 logged" });
    await waitFor(async () => (await redis.exists(`${prefix}:answered:job-4`)) === 1);

    const rerun = answering("job-4", true);
    await rerun.respond({ text: "RCRB-6 logged" });
    expect(rerun.sent).toEqual([]);
  });

  it("does not mark an answer that never left the process", async () => {
    const failed = answering("job-5", false, async () => {
      throw new Error("connect ECONNREFUSED");
    });
    await expect(failed.respond({ text: "RCRB-7 logged" })).rejects.toThrow("ECONNREFUSED");
    expect(await redis.exists(`${prefix}:answered:job-5`)).toBe(0);
  });
});

describe("posting to a response_url", () => {
  it("says the answer has left the process before the server replies, and resolves with its status", async () => {
    const events: string[] = [];
    let release: (() => void) | undefined;
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        events.push(`received ${body}`);
        release = () => response.writeHead(404).end("expired_url");
      });
    });
    const url = await listeningAt(server);
    try {
      const posted = postJson(url, { text: "A-1 logged" }, { onHandedOver: () => events.push("handed over") });
      await waitFor(async () => release !== undefined);
      // The server holds its reply: the caller already knows the answer has gone.
      expect(events).toEqual(["handed over", 'received {"text":"A-1 logged"}']);
      release?.();
      expect(await posted).toBe(404);
    } finally {
      server.close();
    }
  });

  it("keeps a few connections to a host and sends the answers beyond them in turn on the same ones", async () => {
    // Three connections' worth of answers asked for in one turn: each would have a connection
    // of its own if the answers were not kept to a few.
    let connections = 0;
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      request.resume();
      request.on("end", () => response.writeHead(200).end("ok"));
    });
    server.on("connection", () => (connections += 1));
    const url = await listeningAt(server);
    try {
      const answers = Array.from({ length: RESPONSE_URL_CONNECTIONS * 3 }, (_, i) => postJson(url, { text: `A-${i}` }));
      expect(await Promise.all(answers)).toEqual(answers.map(() => 200));
      expect(connections).toBe(RESPONSE_URL_CONNECTIONS);
      // Kept open: the next answers reuse them.
      expect(await postJson(url, { text: "A-again" })).toBe(200);
      expect(connections).toBe(RESPONSE_URL_CONNECTIONS);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("gives up on an answer that waited for a connection as on one Slack did not answer, never handing it over", async () => {
    // Every kept connection holds an answer the server never replies to.
    const received: string[] = [];
    const server = createServer((request: IncomingMessage) => {
      request.resume();
      request.on("end", () => received.push(request.url ?? ""));
    });
    const url = await listeningAt(server);
    let stalledSettled = 0;
    const stalled = Array.from({ length: RESPONSE_URL_CONNECTIONS }, () =>
      postJson(url, { text: "held" })
        .catch((error: unknown) => error)
        .finally(() => (stalledSettled += 1)),
    );
    try {
      let isHandedOver = false;
      const waiting = postJson(url, { text: "waiting" }, { timeoutMs: 100, onHandedOver: () => (isHandedOver = true) });
      await expect(waiting).rejects.toThrow("No answer from 127.0.0.1");
      // Given up in its own time, not once the answers ahead of it were.
      expect(stalledSettled).toBe(0);
      expect(isHandedOver).toBe(false);
      expect(received).toHaveLength(RESPONSE_URL_CONNECTIONS);
    } finally {
      server.closeAllConnections();
      server.close();
      await Promise.all(stalled);
    }
  });

  it("gives up on a server that does not reply in time, and refuses addresses that are not http", async () => {
    const server = createServer(() => undefined);
    const url = await listeningAt(server, "/");
    try {
      await expect(postJson(url, {}, { timeoutMs: 50 })).rejects.toThrow("No answer from 127.0.0.1");
    } finally {
      server.closeAllConnections();
      server.close();
    }
    await expect(postJson("file:///etc/passwd", {})).rejects.toThrow("Cannot post to a file: address");
  });
});

async function waitFor(isTrue: () => Promise<boolean>): Promise<void> {
  while (!(await isTrue())) await new Promise((resolve) => setImmediate(resolve));
}

/** Starts `server` on a free local port; resolves with the address of `path` on it (a response_url by default). */
async function listeningAt(server: Server, path = "/hooks/T1/1/x"): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}${path}`;
}
