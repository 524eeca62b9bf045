// The local Slack server's file uploads (files.getUploadURLExternal, the upload POST,
// files.completeUploadExternal), driven by the real WebClient's filesUploadV2, so the
// tests that export files can trust what it records and refuses.
import { ErrorCode, LogLevel, WebClient } from "@slack/web-api";
import { LocalSlack } from "../../src/local-slack/server";

const TOKEN = "xoxb-test";

describe("LocalSlack file uploads", () => {
  let fake: LocalSlack;
  const client = () =>
    new WebClient(TOKEN, { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });
  const bytes = Buffer.from('\uFEFFReference,Action\r\nLCRB-1,"Draft, then ""agree"""\r\n', "utf8");

  beforeAll(async () => {
    fake = await LocalSlack.start({ botToken: TOKEN });
  });
  beforeEach(() => fake.reset());
  afterAll(async () => {
    await fake.stop();
  });

  it("takes a file through Slack's three steps and shares it in the channel with its comment", async () => {
    const result = await client().filesUploadV2({
      channel_id: "C0LCRB",
      file: bytes,
      filename: "LCRB-actions-2026-11-23.csv",
      title: "LCRB action log",
      initial_comment: "LCRB's action log",
    });

    const reserved = fake.callsTo("files.getUploadURLExternal")[0]!;
    expect(reserved.args).toMatchObject({ filename: "LCRB-actions-2026-11-23.csv", length: String(bytes.length) });
    const { upload_url: uploadUrl, file_id: fileId } = reserved.response as { upload_url: string; file_id: string };
    // The upload URL is on the server's own host, as Slack's is on files.slack.com.
    expect(new URL(uploadUrl).origin).toBe(new URL(fake.apiUrl).origin);
    expect(fileId).toMatch(/^F\d{8}$/);
    // The bytes arrive exactly (the client sends them as a multipart form).
    const upload = fake.callsTo("file_upload")[0]!;
    expect(upload).toMatchObject({
      status: 200,
      args: { file: fileId, length: bytes.length },
      response: { body: `OK - ${bytes.length}` },
    });
    expect((upload.args.bytes as Buffer).equals(bytes)).toBe(true);
    expect(fake.callsTo("files.completeUploadExternal")[0]!.args).toMatchObject({
      channel_id: "C0LCRB",
      initial_comment: "LCRB's action log",
      files: [{ id: fileId, title: "LCRB action log" }],
    });

    expect(result.ok).toBe(true);
    const completed = (result.files as Array<{ files?: Array<Record<string, unknown>> }>)[0]!.files![0]!;
    expect(completed).toMatchObject({
      id: fileId,
      name: "LCRB-actions-2026-11-23.csv",
      title: "LCRB action log",
      size: bytes.length,
      channels: ["C0LCRB"],
    });

    const shared = fake.filesSharedIn("C0LCRB");
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({
      id: fileId,
      name: "LCRB-actions-2026-11-23.csv",
      title: "LCRB action log",
      channelId: "C0LCRB",
      initialComment: "LCRB's action log",
      isComplete: true,
    });
    expect(shared[0]!.bytes!.equals(bytes)).toBe(true);
    expect(fake.uploadedFile(fileId)).toBe(shared[0]);
    expect(fake.messagesIn("C0LCRB").at(-1)).toMatchObject({
      text: "LCRB's action log",
      ts: shared[0]!.ts,
      files: [{ id: fileId, name: "LCRB-actions-2026-11-23.csv", title: "LCRB action log" }],
    });

    // Once shared, it is a file like any other: described, and served to the bot token.
    const info = await client().files.info({ file: fileId });
    const download = await fetch(String(info.file?.url_private_download), {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect(fake.violations).toEqual([]);
  });

  it("answers missing_argument to an upload without a length, and file_not_found to a file not uploaded, unknown or already completed", async () => {
    const sharedBefore = fake.filesSharedIn("C0LCRB").length;
    await expect(client().files.getUploadURLExternal({ filename: "empty.csv", length: 0 })).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { error: "missing_argument" },
    });
    const reserved = await client().files.getUploadURLExternal({ filename: "log.csv", length: 3 });
    await expect(
      client().files.completeUploadExternal({ files: [{ id: reserved.file_id! }], channel_id: "C0LCRB" }),
    ).rejects.toMatchObject({ data: { error: "file_not_found" } });
    await expect(
      client().files.completeUploadExternal({ files: [{ id: "F99999999" }], channel_id: "C0LCRB" }),
    ).rejects.toMatchObject({ data: { error: "file_not_found" } });

    const uploaded = await fetch(reserved.upload_url!, { method: "POST", body: "abc" });
    expect(uploaded.status).toBe(200);
    expect(fake.uploadedFile(reserved.file_id!)!.bytes!.toString()).toBe("abc");
    await client().files.completeUploadExternal({ files: [{ id: reserved.file_id! }], channel_id: "C0LCRB" });
    await expect(
      client().files.completeUploadExternal({ files: [{ id: reserved.file_id! }], channel_id: "C0LCRB" }),
    ).rejects.toMatchObject({ data: { error: "file_not_found" } });
    // An upload URL that was never given out, or whose file is complete, is not found.
    expect((await fetch(reserved.upload_url!, { method: "POST", body: "again" })).status).toBe(404);
    expect(fake.filesSharedIn("C0LCRB").map((f) => f.id)).toEqual([
      ...fake
        .filesSharedIn("C0LCRB")
        .slice(0, sharedBefore)
        .map((f) => f.id),
      reserved.file_id,
    ]);
  });

  it("refuses on demand: Slack's answer to the completion, or a failed upload POST, and nothing is shared", async () => {
    fake.failNext("files.completeUploadExternal", { status: 200, error: "not_in_channel" });
    await expect(
      client().filesUploadV2({
        channel_id: "G0PRIV",
        file: bytes,
        filename: "PRIV-actions.csv",
        initial_comment: "PRIV's log",
      }),
    ).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: "not_in_channel" },
    });
    fake.failNext("file_upload", { status: 500 });
    await expect(
      client().filesUploadV2({
        channel_id: "G0PRIV",
        file: bytes,
        filename: "PRIV-actions.csv",
        initial_comment: "PRIV's log",
      }),
    ).rejects.toThrow(/statusCode = 500/);
    expect(fake.callsTo("file_upload").map((c) => c.status)).toEqual([200, 500]);
    expect(fake.filesSharedIn("G0PRIV")).toEqual([]);
    expect(fake.messagesIn("G0PRIV")).toEqual([]);
  });

  it("holds the message a completion posts to the same rules as any message", async () => {
    const reserved = await client().files.getUploadURLExternal({ filename: "log.csv", length: 3 });
    await fetch(reserved.upload_url!, { method: "POST", body: "abc" });
    // Blocks with no initial_comment: a message with no plain-text fallback.
    await expect(
      client().files.completeUploadExternal({
        files: [{ id: reserved.file_id! }],
        channel_id: "C0LCRB",
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "The log" } }],
      }),
    ).rejects.toMatchObject({ data: { error: "invalid_blocks" } });
    expect(fake.violations.map((v) => [v.method, v.problems])).toEqual([
      ["files.completeUploadExternal", ["message has no plain text fallback"]],
    ]);
    expect(() => fake.assertNoViolations()).toThrow(/files.completeUploadExternal: message has no plain text fallback/);
    fake.reset();
    // Shared without any message: allowed, as in Slack.
    await client().files.completeUploadExternal({ files: [{ id: reserved.file_id! }] });
    expect(fake.uploadedFile(reserved.file_id!)).toMatchObject({ isComplete: true, channelId: undefined });
  });
});
