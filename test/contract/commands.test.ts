// Minutebook's slash commands as Slack posts them (fixtures/command.json: every field of
// Slack's published sample, form-encoded), signed, over HTTP, to the real app: each
// answered as it should be, the forms opened with the request's own trigger while it was
// fresh, and the rows written.
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { runningClock } from "../../src/console/clock";
import { startTestApp, type TestApp } from "../support/test-app";
import { formShown, replyTo, sendCommand, type Json, type Sent } from "./contract-support";

const now = runningClock("2026-11-23T10:00:00Z");
const SECRETARY = "U0SECRETARY";
const OWNER = "U0OWNER";
const CHANNEL = "C0LCRB";

describe("slash commands, as Slack sends them", () => {
  let app: TestApp;
  let workspaceId: string;
  const db = () => app.runtime.db;
  const command = (
    COMMAND: string,
    TEXT: string,
    where: { CHANNEL_ID: string; CHANNEL_NAME: string } = { CHANNEL_ID: CHANNEL, CHANNEL_NAME: "lcrb" },
  ) => sendCommand(app, { COMMAND, TEXT, USER_ID: SECRETARY, USER_NAME: "secretary", ...where });
  /** The trigger the request carried opened a form, as Slack allows: once, within three seconds. */
  const openedWith = async (request: Sent) => {
    const opened = await app.fake.waitFor("views.open", (c) => c.args.trigger_id === request.triggerId);
    expect(opened.response.ok).toBe(true);
    expect(app.fake.callsTo("views.open").filter((c) => c.args.trigger_id === request.triggerId)).toHaveLength(1);
    return opened;
  };

  beforeAll(async () => {
    app = await startTestApp({ now });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    app.fake.addUser({ id: SECRETARY, name: "secretary" });
    app.fake.addUser({ id: OWNER, name: "owner" });
    app.fake.addChannel({ id: CHANNEL, name: "lcrb", members: [SECRETARY, OWNER] });
    app.fake.addChannel({ id: "C0AUDIT", name: "audit", members: [SECRETARY] });
    app.fake.addChannel({ id: "G0PANEL", name: "panel", isPrivate: true, members: [SECRETARY], botIsMember: true });
    await db().board.create({
      data: {
        workspaceId,
        code: "LCRB",
        name: "London Crime Reduction Board",
        slackChannelId: CHANNEL,
        secretarySlackUserId: SECRETARY,
        createdBySlackUserId: SECRETARY,
      },
    });
  });

  afterAll(async () => {
    await app.stop();
  });

  afterEach(() => app.fake.assertNoViolations());

  it("/action add: acknowledged at once, answered through response_url, the action saved with its owner", async () => {
    const sent = await command(
      "/action",
      `add Draft the CONTEST terms of reference <@${OWNER}|owner> by 30 November #LCRB`,
    );
    expect(sent.status).toBe(200);
    const reply = await replyTo(app, sent);
    expect(String(reply.text)).toMatch(/^LCRB-1 logged: Draft the CONTEST terms of reference/);
    const saved = await db().action.findUniqueOrThrow({
      where: { workspaceId_reference: { workspaceId, reference: "LCRB-1" } },
      include: { owners: true },
    });
    expect(saved).toMatchObject({ text: "Draft the CONTEST terms of reference", createdBySlackUserId: SECRETARY });
    expect(saved.owners.map((o) => o.slackUserId)).toEqual([OWNER]);
  });

  it("/action with no text: the New action form, opened with the command's trigger", async () => {
    const sent = await command("/action", "");
    expect(sent.status).toBe(200);
    await openedWith(sent);
    const form = await formShown(app, "action.modal");
    expect(JSON.parse(String(form.view.private_metadata))).toMatchObject({ mode: "new", channelId: CHANNEL });
  });

  it("/meeting next: the board's next meeting", async () => {
    const board = await db().board.findFirstOrThrow({ where: { workspaceId, code: "LCRB" } });
    await db().meeting.create({
      data: { workspaceId, boardId: board.id, startsAt: new Date("2026-12-08T15:30:00Z"), location: "City Hall" },
    });
    const reply = await replyTo(app, await command("/meeting", "next #LCRB"));
    expect(String(reply.text)).toContain("Tue 8 Dec 2026");
  });

  it("/minutes: the paste form, opened with the command's trigger", async () => {
    const sent = await command("/minutes", "#LCRB");
    await openedWith(sent);
    const form = await formShown(app, "minutes.paste");
    expect(JSON.stringify(form.view.blocks)).toContain("minutes_text");
  });

  it("/board create: a board for a public channel, and a private one for a private channel Minutebook was invited to", async () => {
    const publicReply = await replyTo(
      app,
      await command("/board", "create AUDIT Audit Committee", { CHANNEL_ID: "C0AUDIT", CHANNEL_NAME: "audit" }),
    );
    expect(String(publicReply.text)).toContain("AUDIT");
    expect(await db().board.findFirst({ where: { workspaceId, code: "AUDIT" } })).toMatchObject({
      slackChannelId: "C0AUDIT",
      isPrivate: false,
      createdBySlackUserId: SECRETARY,
    });

    await replyTo(
      app,
      await command("/board", "create PANEL Scrutiny Panel", { CHANNEL_ID: "G0PANEL", CHANNEL_NAME: "panel" }),
    );
    expect(await db().board.findFirst({ where: { workspaceId, code: "PANEL" } })).toMatchObject({
      slackChannelId: "G0PANEL",
      isPrivate: true,
    });
  });

  it("/board create in a group DM: never a public board, whether or not the app may describe group DMs (mpim:read)", async () => {
    app.fake.addChannel({
      id: "C0GROUPDM",
      name: "mpdm-secretary--owner-1",
      isMpim: true,
      members: [SECRETARY, OWNER],
    });
    await replyTo(
      app,
      await command("/board", "create GDM Group Chat Board", {
        CHANNEL_ID: "C0GROUPDM",
        CHANNEL_NAME: "mpdm-secretary--owner-1",
      }),
    );
    expect(app.fake.callsTo("conversations.info").at(-1)?.args.channel).toBe("C0GROUPDM");
    const board = await db().board.findFirst({ where: { workspaceId, code: "GDM" } });
    expect(board === null || board.isPrivate).toBe(true);
  });

  it("/board settings: the settings form, opened with the command's trigger", async () => {
    const sent = await command("/board", "settings");
    await openedWith(sent);
    const form = await formShown(app, "board.settings");
    expect(JSON.parse(String(form.view.private_metadata))).toMatchObject({ channelId: CHANNEL });
    expect((form.view.title as Json).text).toBe("LCRB settings");
  });
});
