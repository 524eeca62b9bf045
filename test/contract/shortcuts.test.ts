// The message shortcuts (manifest.yml) as Slack sends them (message_action,
// fixtures/README.md), on a message as Slack keeps it: Log as action opens the New action
// form filled in from the message, with the shortcut's trigger; Import minutes reads the
// file in the message, fetched from where files.info says Slack keeps it.
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { runningClock } from "../../src/console/clock";
import { startTestApp, type TestApp } from "../support/test-app";
import { formShown, replyTo, sendInteraction, type Json } from "./contract-support";

const now = runningClock("2026-11-23T10:00:00Z");
const SECRETARY = "U0SECRETARY";
const CHAIR = "U0CHAIR";
const OWNER = "U0OWNER";
const CHANNEL = "C0LCRB";
const secretary = { USER_ID: SECRETARY, USER_NAME: "secretary" };

const MINUTES = [
  "London Crime Reduction Board",
  "Minutes of Meeting",
  "Thursday 19 November 2026, 3:30pm Committee Room 4, City Hall",
  "",
  "ITEM 1. Knife crime",
  "Action 1: London Councils to publish the knife crime partnership plan by the end of January 2027.",
].join("\n");

/** A person's message as Slack keeps it and sends it in message_action (rich_text blocks as the client writes them). */
function personMessage(user: string, ts: string, text: string, extra: Json = {}): Json {
  return {
    client_msg_id: "4f1b6a9e-3c2d-4b8e-9f10-2a6c8d7e5b41",
    type: "message",
    text,
    user,
    ts,
    team: "T0MINUTES",
    blocks: [
      {
        type: "rich_text",
        block_id: "d7eJ",
        elements: [{ type: "rich_text_section", elements: [{ type: "text", text }] }],
      },
    ],
    ...extra,
  };
}

describe("message shortcuts, as Slack sends them", () => {
  let app: TestApp;
  let workspaceId: string;
  const db = () => app.runtime.db;

  beforeAll(async () => {
    app = await startTestApp({ now });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    for (const [id, name] of [
      [SECRETARY, "secretary"],
      [CHAIR, "chair"],
      [OWNER, "owner"],
    ] as const)
      app.fake.addUser({ id, name });
    app.fake.addChannel({ id: CHANNEL, name: "lcrb", members: [SECRETARY, CHAIR, OWNER] });
    await db().board.create({
      data: {
        workspaceId,
        code: "LCRB",
        name: "London Crime Reduction Board",
        slackChannelId: CHANNEL,
        secretarySlackUserId: SECRETARY,
        chairSlackUserId: CHAIR,
        createdBySlackUserId: SECRETARY,
      },
    });
  });

  afterAll(async () => {
    await app.stop();
  });

  afterEach(() => app.fake.assertNoViolations());

  it("Log as action: the New action form, with the shortcut's trigger, filled in from the message", async () => {
    const ts = "1795950000.000100";
    const sent = await sendInteraction(app, "message-action.json", {
      ...secretary,
      CHANNEL_ID: CHANNEL,
      CHANNEL_NAME: "lcrb",
      CALLBACK_ID: "log_as_action",
      MESSAGE_TS: ts,
      MESSAGE: personMessage(CHAIR, ts, `<@${OWNER}> to chase the auditors for the draft accounts`),
    });
    expect(sent.status).toBe(200);
    const opened = await app.fake.waitFor("views.open", (c) => c.args.trigger_id === sent.triggerId);
    expect(opened.response.ok).toBe(true);
    const form = await formShown(app, "action.modal");
    const blocks = form.view.blocks as Array<{
      block_id: string;
      element: { initial_value?: string; initial_users?: string[]; initial_option?: Json };
    }>;
    const field = (id: string) => blocks.find((b) => b.block_id === id)!.element;
    expect(field("text").initial_value).toBe("to chase the auditors for the draft accounts");
    expect(field("owner_users").initial_users).toEqual([OWNER]);
    expect(field("board").initial_option).toMatchObject({ text: { text: "LCRB · London Crime Reduction Board" } });
    expect(JSON.parse(String(form.view.private_metadata))).toMatchObject({
      sourceChannelId: CHANNEL,
      sourceMessageTs: ts,
    });
  });

  it("Import minutes: reads the message's file from Slack's file host and offers the review", async () => {
    const { fileId, ts } = app.fake.shareFile({
      channelId: CHANNEL,
      userId: SECRETARY,
      name: "lcrb-november.txt",
      bytes: Buffer.from(MINUTES),
    });
    const sent = await sendInteraction(app, "message-action.json", {
      ...secretary,
      CHANNEL_ID: CHANNEL,
      CHANNEL_NAME: "lcrb",
      CALLBACK_ID: "import_minutes",
      MESSAGE_TS: ts,
      MESSAGE: personMessage(SECRETARY, ts, "November's minutes", {
        files: [
          {
            id: fileId,
            name: "lcrb-november.txt",
            mimetype: "text/plain",
            filetype: "text",
            url_private: "https://files.slack.com/files-pri/T0MINUTES-F0/lcrb-november.txt",
          },
        ],
      }),
    });
    expect(sent.status).toBe(200);
    const started = await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === SECRETARY && String(c.args.text).includes("lcrb-november.txt"),
    );
    // The worker downloads it with the bot token from where files.info says it is, and says what it found.
    const download = await app.fake.waitFor("file_download", (c) => c.args.file === fileId, 20_000);
    expect(download.status).toBe(200);
    const ready = await app.fake.waitFor(
      "chat.update",
      (c) =>
        c.args.ts === (started.response as { ts: string }).ts &&
        JSON.stringify(c.args.blocks).includes("minutes.review"),
      20_000,
    );
    expect(String(ready.args.text)).toContain("lcrb-november.txt");
    expect(await db().minutesImport.findFirstOrThrow({ where: { workspaceId, slackFileId: fileId } })).toMatchObject({
      createdBySlackUserId: SECRETARY,
      fileName: "lcrb-november.txt",
    });
  });

  it("Import minutes on a message without a file: says so, through the shortcut's response_url", async () => {
    const ts = "1795950100.000200";
    const sent = await sendInteraction(app, "message-action.json", {
      ...secretary,
      CHANNEL_ID: CHANNEL,
      CHANNEL_NAME: "lcrb",
      CALLBACK_ID: "import_minutes",
      MESSAGE_TS: ts,
      MESSAGE: personMessage(CHAIR, ts, "Thanks all"),
    });
    expect(sent.status).toBe(200);
    expect(String((await replyTo(app, sent)).text)).toMatch(
      /^That message has no file to import. Nothing was imported./,
    );
  });
});
