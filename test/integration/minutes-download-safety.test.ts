// A minutes file is downloaded with the bot token only from Slack's file host (or, in
// tests and the local console, the Slack stand-in's own origin): whatever address
// files.info gives, nothing is sent anywhere else, redirects included, and the importer
// is told what went wrong and what to do. Real app, PostgreSQL, Redis and worker; the
// addresses that must get nothing are servers of the test's own that record every request.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { downloadFile, FILE_SOURCE_REFUSED } from "../../jobs/minutes/download-file";
import { fileSourcesFor } from "../../jobs/minutes/file-source";
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import type { RecordedCall } from "../../src/local-slack/server";
import { REFUSED_HINT } from "../../src/slack/views/problems";
import { refusalOf } from "../support/problem-words";
import { TEST_REDIS_URL } from "../support/redis";
import { startTestApp, type TestApp } from "../support/test-app";

const SECRETARY = "U0SECRETARY";
const CHANNEL = "C0LCRB";
const TOKEN = "xoxb-9999-8888-downloadsafetytoken";

const MINUTES = [
  "London Crime Reduction Board",
  "Minutes of Meeting",
  "Thursday 19 November 2026, 3:30pm Committee Room 4, City Hall",
  "",
  "Present",
  "Jo Marsh\tChair",
  "",
  "ITEM 1. Knife crime",
  "Action 1: MOPAC to publish the knife crime partnership plan by the end of January 2027.",
  "",
  "Date of next LCRB meeting: 11 March 2027. 12:00pm at City Hall",
].join("\n");

interface Received {
  method: string;
  path: string;
  authorization: string | undefined;
}

interface Recorder {
  origin: string;
  requests: Received[];
  stop(): Promise<void>;
}

/** An HTTP server on a port of its own that records every request and answers as `answer` says (404 by default). */
async function startRecorder(
  answer: (req: IncomingMessage, res: ServerResponse, origin: string) => void = (_req, res) =>
    void res.writeHead(404).end(),
): Promise<Recorder> {
  const requests: Received[] = [];
  let origin = "";
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization });
    answer(req, res, origin);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const shortId = () => randomUUID().replace(/-/g, "").slice(0, 9).toUpperCase();

describe("downloading a minutes file through the app", () => {
  let app: TestApp;
  let trap: Recorder;
  const db = () => app.runtime.db;
  const redisOrigin = `http://${new URL(TEST_REDIS_URL).host}`;

  beforeAll(async () => {
    app = await startTestApp();
    trap = await startRecorder();
    const workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" }))
      .id;
    await db().board.create({
      data: {
        workspaceId,
        code: "LCRB",
        name: "London Crime Reduction Board",
        slackChannelId: CHANNEL,
        secretarySlackUserId: SECRETARY,
      },
    });
  });
  afterAll(async () => {
    await trap.stop();
    await app.stop();
  });
  afterEach(() => app.fake.assertNoViolations());

  /**
   * A file shared in Slack, whose files.info answer gives `address` as its download
   * address (url_private and url_private_download) when one is given: the stand-in's
   * answer, changed before it is sent.
   */
  const shareFile = (address?: (fileId: string, fileName: string) => string) => {
    const fileId = `F0${shortId()}`;
    const fileName = `lcrb-${fileId.toLowerCase()}.txt`;
    app.fake.addFile({
      id: fileId,
      name: fileName,
      bytes: Buffer.from(MINUTES.replace("Knife crime", `Knife crime ${fileId}`)),
    });
    const stop = address
      ? app.fake.onCall((call: RecordedCall) => {
          const file = (call.response as { file?: Record<string, unknown> }).file;
          if (call.method !== "files.info" || call.args.file !== fileId || !file) return;
          file.url_private = address(fileId, fileName);
          file.url_private_download = address(fileId, fileName);
        })
      : () => undefined;
    return { fileId, fileName, stop };
  };
  const pressImport = (fileId: string) =>
    app.slack.button({ actionId: "minutes.import_file", value: fileId, userId: SECRETARY, channelId: CHANNEL });
  /** What the "Reading …" message in the importer's DM turned into. */
  const answerFor = (fileName: string) =>
    app.fake.waitFor("chat.update", (c) => String(c.args.text).startsWith(fileName), 15_000);

  it("downloads from the Slack stand-in's own origin, with the token, whatever the path", async () => {
    const { fileId, fileName, stop } = shareFile();
    await pressImport(fileId);
    const answer = await answerFor(fileName);
    stop();
    expect(String(answer.args.text)).toContain(`${fileName}: minutes of LCRB (Thu 19 Nov 2026) read: 1 action`);
    expect(
      app.fake
        .callsTo("file_download")
        .filter((c) => c.args.file === fileId)
        .map((c) => c.status),
    ).toEqual([200]);
  });

  it.each([
    [
      "another port on this machine",
      (fileId: string, name: string) => `${trap.origin}/files-pri/T0-${fileId}/${name}`,
      () => trap.origin,
    ],
    ["the Redis the app uses", () => `${redisOrigin}/`, () => redisOrigin],
    [
      "the cloud metadata address",
      () => "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      () => "http://169.254.169.254",
    ],
    [
      "a host named like Slack's",
      (fileId: string, name: string) => `https://files.slack.com.example.net/files-pri/T0-${fileId}/${name}`,
      () => "https://files.slack.com.example.net",
    ],
    [
      "Slack's file host on another port",
      (fileId: string, name: string) => `https://files.slack.com:8443/files-pri/T0-${fileId}/${name}`,
      () => "https://files.slack.com:8443",
    ],
    [
      "Slack's file host over plain HTTP",
      (fileId: string, name: string) => `http://files.slack.com/files-pri/T0-${fileId}/${name}`,
      () => "http://files.slack.com",
    ],
    ["a file: address", () => "file:///etc/passwd", () => "a file: address"],
  ])(
    "refuses an address on %s: nothing is requested there, and the importer is told what happened and what to do",
    async (_where, address, named) => {
      const { fileId, fileName, stop } = shareFile(address);
      await pressImport(fileId);
      const answer = await answerFor(fileName);
      stop();

      const problem = `Slack said ${fileName} is at ${named()}. Minutebook downloads files only from Slack's own file host, so nothing was imported.`;
      expect(answer.args.text).toBe(`${fileName} could not be imported: ${problem}`);
      expect(JSON.stringify(answer.args.blocks)).toContain(REFUSED_HINT);
      const row = await db().minutesImport.findFirstOrThrow({ where: { slackFileId: fileId } });
      // Refused for good: read once, not tried again.
      expect(row).toMatchObject({ status: "failed", error: problem, readAttempts: 1 });
      expect(trap.requests).toEqual([]);
      expect(app.fake.callsTo("file_download").filter((c) => c.args.file === fileId)).toEqual([]);
    },
  );
});

describe("downloadFile", () => {
  /** The stand-in's part: an origin the app is configured with, serving as `answer` says. */
  let standIn: Recorder;
  let trap: Recorder;
  let answer: (req: IncomingMessage, res: ServerResponse, origin: string) => void;

  beforeAll(async () => {
    standIn = await startRecorder((req, res, origin) => answer(req, res, origin));
    trap = await startRecorder((_req, res) => void res.writeHead(200).end("stolen"));
  });
  afterAll(async () => {
    await standIn.stop();
    await trap.stop();
  });
  beforeEach(() => {
    standIn.requests.length = 0;
    trap.requests.length = 0;
  });

  const download = (address: string, sources = fileSourcesFor(`${standIn.origin}/api/`)) =>
    downloadFile({
      address,
      token: TOKEN,
      sources,
      fileName: "minutes.txt",
      fileId: "F0MINUTES",
      maxBytes: 1024,
      signal: AbortSignal.timeout(5000),
    });

  it.each([
    ["another host and port", () => `${trap.origin}/steal`],
    ["Slack's file host", () => "https://files.slack.com/files-pri/T0-F0MINUTES/minutes.txt"],
    ["a relative address that leaves the origin", () => `//127.0.0.1:${new URL(trap.origin).port}/steal`],
  ])("never follows a redirect to %s, where the token would go with it", async (_where, target) => {
    answer = (_req, res) => void res.writeHead(302, { location: target() }).end();
    const refused = download(`${standIn.origin}/files-pri/T0-F0MINUTES/minutes.txt`);
    const words = await refusalOf(refused);
    expect(words).toMatchObject({ code: FILE_SOURCE_REFUSED, hint: REFUSED_HINT });
    expect(words.text).toMatch(
      /^Downloading minutes\.txt was sent on to .+, away from where it started\. Minutebook downloads files only from Slack's own file host/,
    );
    // Asked once, with the token; the place it was sent on to got nothing.
    expect(standIn.requests).toEqual([
      { method: "GET", path: "/files-pri/T0-F0MINUTES/minutes.txt", authorization: `Bearer ${TOKEN}` },
    ]);
    expect(trap.requests).toEqual([]);
  });

  it("follows a redirect within the same origin, and stops after three", async () => {
    answer = (req, res) => {
      if (req.url === "/files-pri/T0-F0MINUTES/minutes.txt")
        return void res.writeHead(302, { location: "/files-pri/T0-F0MINUTES/download/minutes.txt" }).end();
      if (req.url === "/files-pri/T0-F0MINUTES/download/minutes.txt")
        return void res.writeHead(200, { "content-type": "text/plain" }).end("The minutes");
      res.writeHead(307, { location: req.url ?? "/" }).end();
    };
    const bytes = await download(`${standIn.origin}/files-pri/T0-F0MINUTES/minutes.txt`);
    expect(bytes.toString()).toBe("The minutes");
    expect(standIn.requests.map((r) => [r.path, r.authorization])).toEqual([
      ["/files-pri/T0-F0MINUTES/minutes.txt", `Bearer ${TOKEN}`],
      ["/files-pri/T0-F0MINUTES/download/minutes.txt", `Bearer ${TOKEN}`],
    ]);

    standIn.requests.length = 0;
    await expect(download(`${standIn.origin}/loop`)).rejects.toThrow(
      "Downloading F0MINUTES was redirected more than 3 times",
    );
    expect(standIn.requests).toHaveLength(4);
  });

  it("refuses a file host that resolves to a private address, before connecting", async () => {
    // As Slack's host is judged: an origin whose addresses must be public, here one that resolves to loopback.
    const sources = [{ origin: `http://localhost:${new URL(trap.origin).port}`, isPublicOnly: true }];
    const refused = download(
      `http://localhost:${new URL(trap.origin).port}/files-pri/T0-F0MINUTES/minutes.txt`,
      sources,
    );
    const words = await refusalOf(refused);
    expect(words).toMatchObject({ code: FILE_SOURCE_REFUSED });
    expect(words.text).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), which is not a public address\./);
    expect(trap.requests).toEqual([]);
  });

  it("stops reading a file larger than allowed", async () => {
    answer = (_req, res) => {
      res.writeHead(200);
      res.end(Buffer.alloc(4096, 65));
    };
    await expect(download(`${standIn.origin}/files-pri/T0-F0MINUTES/minutes.txt`)).rejects.toMatchObject({
      code: "document_too_large",
    });
  });
});
