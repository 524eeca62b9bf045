// Slack's real refusals, met: forms open with the trigger before anything is looked up (a
// trigger lasts three seconds), what stops a form shows in it, a channel Minutebook cannot
// see never becomes a public board, and an answer whose response_url Slack no longer takes
// reaches the person by DM.
import { randomUUID } from "node:crypto";
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import type { RecordedCall } from "../../src/local-slack/server";
import { LOADING_CALLBACK_ID, PROBLEM_CALLBACK_ID } from "../../src/slack/open-form";
import { truncate } from "../../src/slack/views/blocks";
import { formShown } from "../support/forms";
import { startTestApp, type TestApp } from "../support/test-app";

type Json = Record<string, unknown>;

const SECRETARY = "U0SECRETARY";
const MEMBER = "U0MEMBER";
const OUTSIDER = "U0OUTSIDER";
const PUBLIC = "C0LCRB";

describe("forms, private channels and expired answers, as Slack has them", () => {
  let app: TestApp;
  let workspaceId: string;
  const db = () => app.runtime.db;
  const privateChannels = Array.from({ length: 5 }, (_, i) => `G0PRIV${i}`);

  beforeAll(async () => {
    app = await startTestApp();
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    app.fake.addChannel({ id: PUBLIC, name: "lcrb", members: [SECRETARY, MEMBER, OUTSIDER] });
    await db().board.create({
      data: {
        workspaceId,
        code: "LCRB",
        name: "London Crime Reduction Board",
        slackChannelId: PUBLIC,
        secretarySlackUserId: SECRETARY,
      },
    });
    for (const [i, channel] of privateChannels.entries()) {
      app.fake.addChannel({
        id: channel,
        name: `priv-${i}`,
        isPrivate: true,
        members: [app.fake.botUserId, SECRETARY, MEMBER],
      });
      await db().board.create({
        data: {
          workspaceId,
          code: `PRIV${i}`,
          name: `Private Panel ${i}`,
          slackChannelId: channel,
          isPrivate: true,
          secretarySlackUserId: SECRETARY,
        },
      });
    }
  });
  afterAll(async () => {
    await app.stop();
  });
  afterEach(() => app.fake.assertNoViolations());

  const callsSince = (from: number) => app.fake.calls.slice(from);
  const indexOf = (calls: RecordedCall[], method: string) => calls.findIndex((c) => c.method === method);

  it("opens the New action form with its trigger before asking Slack about any private channel, then fills it in", async () => {
    const from = app.fake.calls.length;
    await app.slack.command("/action", "", { userId: OUTSIDER, channelId: PUBLIC });
    const form = await formShown(app.fake, (c) => (c.args.view as Json).callback_id === "action.modal");
    const calls = callsSince(from);
    const opened = calls[indexOf(calls, "views.open")]!;
    expect((opened.args.view as Json).callback_id).toBe(LOADING_CALLBACK_ID);
    expect(opened.status).toBe(200);
    expect(opened.response.ok).toBe(true);
    // Every question about private channels came after the trigger was used.
    expect(indexOf(calls, "conversations.members")).toBeGreaterThan(indexOf(calls, "views.open"));
    expect(form.method).toBe("views.update");
    expect(form.args.view_id).toBe((opened.response.view as Json).id);
    // The outsider is offered the public board only.
    const shown = JSON.stringify(form.args.view);
    expect(shown).toContain("London Crime Reduction Board");
    expect(shown).not.toContain("Private Panel");
  });

  it("shows why a form cannot be had in the form itself, and changes nothing", async () => {
    const added = await (
      await app.slack.command("/action", `add Review the estates paper <@${MEMBER}> #LCRB`, {
        userId: SECRETARY,
        channelId: PUBLIC,
      })
    ).reply();
    const reference = String(added.text).split(" ")[0]!;
    const action = await db().action.findFirstOrThrow({ where: { reference } });
    const before = await db().actionEvent.count();
    await app.slack.button({ actionId: "action.edit", value: action.id, userId: OUTSIDER, channelId: PUBLIC });
    const refused = await formShown(
      app.fake,
      (c) =>
        (c.args.view as Json).callback_id === PROBLEM_CALLBACK_ID && JSON.stringify(c.args.view).includes(reference),
    );
    const view = refused.args.view as Json;
    expect(JSON.stringify(view)).toContain("Only");
    expect(view.submit).toBeUndefined();
    expect(await db().actionEvent.count()).toBe(before);
  });

  it("makes no board in a channel Minutebook cannot see, and says to invite it", async () => {
    // A private channel the bot was never invited to: Slack answers conversations.info channel_not_found.
    app.fake.addChannel({ id: "G0HIDDEN", name: "hidden", isPrivate: true, members: [SECRETARY] });
    const answer = await (
      await app.slack.command("/board", "create HID Hidden Panel", { userId: SECRETARY, channelId: "G0HIDDEN" })
    ).reply();
    expect(String(answer.text)).toContain("Minutebook can't see this channel");
    expect(String(answer.text)).toContain("/invite @Minutebook");
    expect(await db().board.count({ where: { workspaceId, code: "HID" } })).toBe(0);

    // Invited, the same command makes a private board.
    app.fake.addChannel({ id: "G0HIDDEN", name: "hidden", isPrivate: true, members: [SECRETARY, app.fake.botUserId] });
    const created = await (
      await app.slack.command("/board", "create HID Hidden Panel", { userId: SECRETARY, channelId: "G0HIDDEN" })
    ).reply();
    expect(String(created.text)).toContain("HID · Hidden Panel created");
    expect(await db().board.findFirstOrThrow({ where: { workspaceId, code: "HID" } })).toMatchObject({
      isPrivate: true,
    });
  });

  it("makes no board when Slack will not say whether the channel is private", async () => {
    app.fake.addChannel({ id: "C0FLAKY", name: "flaky", members: [SECRETARY] });
    app.fake.failNext("conversations.info", { status: 200, error: "internal_error" });
    const answer = await (
      await app.slack.command("/board", "create FLK Flaky Board", { userId: SECRETARY, channelId: "C0FLAKY" })
    ).reply();
    expect(String(answer.text)).toContain("Slack did not say whether this channel is private");
    expect(await db().board.count({ where: { workspaceId, code: "FLK" } })).toBe(0);
    // A mistyped command is answered as such, without asking Slack.
    const infoCalls = app.fake.callsTo("conversations.info").length;
    const mistyped = await (
      await app.slack.command("/board", "create 1X Bad code", { userId: SECRETARY, channelId: "C0FLAKY" })
    ).reply();
    expect(String(mistyped.text)).toContain(`"1X" can't be a board code`);
    expect(app.fake.callsTo("conversations.info").length).toBe(infoCalls);
  });

  it("answers by DM when Slack no longer takes the command's response_url", async () => {
    // Slack takes five answers through a response_url; this one has had them. (A write: a read
    // such as a list is answered in the acknowledgement, without the response_url.)
    const responseId = randomUUID();
    const responseUrl = app.fake.responseUrl(responseId);
    for (let i = 0; i < 5; i++)
      await fetch(responseUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: `answer ${i}` }),
      });
    const form = new URLSearchParams({
      token: "deprecated-verification-token",
      team_id: app.fake.teamId,
      team_domain: "minutebook-test",
      channel_id: PUBLIC,
      channel_name: "lcrb",
      user_id: SECRETARY,
      user_name: "secretary",
      command: "/action",
      text: "add Circulate the draft minutes #LCRB",
      api_app_id: "A0MINUTEBOOK",
      is_enterprise_install: "false",
      response_url: responseUrl,
      trigger_id: app.fake.issueTriggerId(),
    });
    const sent = await app.slack.post(form.toString(), "application/x-www-form-urlencoded");
    expect(sent.status).toBe(200);
    const dm = await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === SECRETARY && String(c.args.text).includes("logged: Circulate the draft minutes"),
    );
    expect(String(dm.args.text)).toContain("LCRB");
    const refusedAnswers = app.fake.calls.filter(
      (c) => c.method === "response_url" && c.args.__path === `/response/${responseId}` && c.status !== 200,
    );
    expect(refusedAnswers.length).toBeGreaterThanOrEqual(1);
  });
});

describe("text cut to Slack's limits", () => {
  it("never cuts a character in half", () => {
    const text = `${"a".repeat(2998)}😀😀 and more`;
    const cut = truncate(text, 3000);
    expect(cut.length).toBeLessThanOrEqual(3000);
    expect(cut.endsWith("…")).toBe(true);
    // No lone surrogate: the string survives a round trip through UTF-8.
    expect(Buffer.from(cut, "utf8").toString("utf8")).toBe(cut);
    expect(cut).toBe(`${"a".repeat(2998)}…`);
    // A flag (two code points) is kept whole or dropped whole.
    expect(truncate(`${"b".repeat(7)}🇬🇧🇬🇧`, 10)).toBe(`${"b".repeat(7)}…`);
    expect(truncate("short", 10)).toBe("short");
  });
});
