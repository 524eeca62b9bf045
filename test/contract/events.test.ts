// The Events API requests Minutebook subscribes to (manifest.yml), in the shape Slack
// publishes them (fixtures/README.md), signed and sent over HTTP to the real app: the
// URL handshake, the Home tab opened, a file shared, and the app uninstalled or its
// token revoked.
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { runningClock } from "../../src/console/clock";
import { startTestApp, type TestApp } from "../support/test-app";
import { buttonsIn, fixture, sendEvent, type Json } from "./contract-support";

const now = runningClock("2026-11-23T10:00:00Z");
const SECRETARY = "U0SECRETARY";
const OWNER = "U0OWNER";
const CHANNEL = "C0LCRB";

describe("events, as Slack sends them", () => {
  let app: TestApp;
  let workspaceId: string;
  const db = () => app.runtime.db;

  beforeAll(async () => {
    app = await startTestApp({ now });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    app.fake.addUser({ id: SECRETARY, name: "secretary" });
    app.fake.addUser({ id: OWNER, name: "owner" });
    app.fake.addChannel({ id: CHANNEL, name: "lcrb", members: [SECRETARY, OWNER] });
    app.fake.addChannel({ id: "C0GENERAL", name: "general", members: [SECRETARY, OWNER] });
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

  it("answers the url_verification handshake with its challenge", async () => {
    const handshake = fixture("url-verification.json", {});
    const response = await app.slack.post(JSON.stringify(handshake), "application/json");
    expect(response.status).toBe(200);
    expect(response.json?.challenge ?? response.text).toBe(handshake.challenge);
  });

  it("draws the Home tab when it is opened, and not for the Messages tab", async () => {
    const logged = await (
      await app.slack.command("/action", `add Draft the CONTEST terms <@${OWNER}> by 30 November #LCRB`, {
        userId: SECRETARY,
        channelId: CHANNEL,
      })
    ).reply();
    const reference = String(logged.text).split(" ")[0]!;
    // Logging it redraws both Home tabs; those are not what this test is about.
    await Promise.all(
      [OWNER, SECRETARY].map((user) => app.fake.waitFor("views.publish", (c) => c.args.user_id === user)),
    );
    const since = app.fake.calls.length;

    const response = await sendEvent(app, "app-home-opened.json", {
      USER_ID: OWNER,
      DM_CHANNEL_ID: "D0OWNER",
      TAB: "home",
    });
    expect(response.status).toBe(200);
    const published = await app.fake.waitFor(
      "views.publish",
      (c) => c.args.user_id === OWNER && app.fake.calls.indexOf(c) >= since,
    );
    expect((published.args.view as Json).type).toBe("home");
    expect(JSON.stringify(published.args.view)).toContain(reference);

    // The same event for the Messages tab: nothing is drawn.
    const after = app.fake.callsTo("views.publish").length;
    expect(
      (await sendEvent(app, "app-home-opened.json", { USER_ID: OWNER, DM_CHANNEL_ID: "D0OWNER", TAB: "messages" }))
        .status,
    ).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.fake.callsTo("views.publish")).toHaveLength(after);
  });

  it("offers to import a document shared in a board's channel, to its sharer only, and nothing elsewhere", async () => {
    const { fileId } = app.fake.shareFile({
      channelId: CHANNEL,
      userId: SECRETARY,
      name: "lcrb-minutes.txt",
      bytes: Buffer.from("LCRB minutes"),
    });
    expect(
      (await sendEvent(app, "file-shared.json", { CHANNEL_ID: CHANNEL, FILE_ID: fileId, USER_ID: SECRETARY })).status,
    ).toBe(200);
    const offer = await app.fake.waitFor(
      "chat.postEphemeral",
      (c) => c.args.user === SECRETARY && c.args.channel === CHANNEL,
    );
    expect(String(offer.args.text)).toBe("Import lcrb-minutes.txt as minutes of LCRB?");
    expect(buttonsIn(offer.args.blocks)).toEqual([
      expect.objectContaining({ actionId: "minutes.import_file", value: fileId }),
    ]);

    const elsewhere = app.fake.shareFile({
      channelId: "C0GENERAL",
      userId: SECRETARY,
      name: "notes.txt",
      bytes: Buffer.from("notes"),
    });
    const offers = app.fake.callsTo("chat.postEphemeral").length;
    expect(
      (
        await sendEvent(app, "file-shared.json", {
          CHANNEL_ID: "C0GENERAL",
          FILE_ID: elsewhere.fileId,
          USER_ID: SECRETARY,
        })
      ).status,
    ).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.fake.callsTo("chat.postEphemeral")).toHaveLength(offers);
  });

  describe("the app leaving the workspace", () => {
    const workspace = () => db().workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    const waitUntilUninstalled = async () => {
      for (let i = 0; i < 100; i++) {
        const found = await workspace();
        if (found.uninstalledAt) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error("the workspace was never marked uninstalled");
    };

    it("ignores tokens_revoked for people's tokens only, and retires the workspace when the bot's is revoked", async () => {
      expect((await sendEvent(app, "tokens-revoked.json", { USER_TOKENS: [SECRETARY], BOT_TOKENS: [] })).status).toBe(
        200,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await workspace()).uninstalledAt).toBeNull();

      expect(
        (await sendEvent(app, "tokens-revoked.json", { USER_TOKENS: [], BOT_TOKENS: [app.fake.botUserId] })).status,
      ).toBe(200);
      expect((await waitUntilUninstalled()).uninstalledAt).toBeInstanceOf(Date);
    });

    it("retires the workspace on app_uninstalled: its reminders stop", async () => {
      // Installed again since the last test; an action with reminders to come.
      await db().workspace.update({ where: { id: workspaceId }, data: { uninstalledAt: null } });
      const action = await db().action.findFirstOrThrow({ where: { workspaceId } });
      const reminder = await db().reminder.create({
        data: {
          workspaceId,
          actionId: action.id,
          subject: `action:${action.id}`,
          kind: "due_day",
          recipient: `user:${OWNER}`,
          fireAt: new Date(now().getTime() + 86_400_000),
        },
      });

      expect((await sendEvent(app, "app-uninstalled.json", {})).status).toBe(200);
      await waitUntilUninstalled();
      expect(await db().reminder.findUniqueOrThrow({ where: { id: reminder.id } })).toMatchObject({
        state: "cancelled",
        lastError: "Minutebook was uninstalled from the workspace",
      });
    });
  });
});
