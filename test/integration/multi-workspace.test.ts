// Many workspaces through OAuth: installing (tokens encrypted at rest), answering each
// workspace with its own token, nothing of one workspace reachable from another, and
// uninstalling (reminders stop at once; data deleted after the grace period).
import { randomBytes } from "node:crypto";
import { isWithinJobHorizon } from "../../jobs/reminders/reminder-jobs";
import { runningClock } from "../../src/console/clock";
import { SlackRequests } from "../../src/local-slack/requests";
import { reencryptInstallations } from "../../src/slack/installation-store";
import { open, parseEncryptionKey } from "../../src/security/token-crypto";
import { ACTION_BUTTONS } from "../../src/slack/views/actions/buttons";
import { REMINDER_BUTTONS } from "../../src/slack/views/reminders/reminder-message";
import { MEETING_BUTTONS } from "../../src/slack/views/reminders/meeting-reminders";
import { IMPORT_BUTTONS } from "../../src/slack/views/minutes/import-progress";
import { MINUTES_MODALS } from "../../src/slack/views/minutes/import-modals";
import { ACTION_MODAL } from "../../src/slack/views/actions/action-modal";
import { BOARD_SETTINGS } from "../../src/slack/views/boards/board-views";
import { POST_UPDATE } from "../../src/slack/views/reminders/post-update";
import { NEW_DATE } from "../../src/slack/views/reminders/new-date";
import { formShown } from "../support/forms";
import { startTestApp, TEST_SIGNING_SECRET, type TestApp } from "../support/test-app";

const now = runningClock("2026-11-23T10:00:00Z");
const KEY = randomBytes(32).toString("hex");
const OAUTH_ENV = {
  SLACK_BOT_TOKEN: "",
  SLACK_CLIENT_ID: "1111111111.2222222222",
  SLACK_CLIENT_SECRET: "abcdef0123456789abcdef0123456789",
  SLACK_STATE_SECRET: "a-state-secret-of-more-than-thirty-two-characters",
  ENCRYPTION_KEY: KEY,
  DATA_RETENTION_DAYS: "30",
};

type Json = Record<string, unknown>;

interface Team {
  teamId: string;
  botToken: string;
  slack: SlackRequests;
  user: string;
  channel: string;
}

describe("multi-workspace installs", () => {
  let app: TestApp;
  let a: Team;
  let b: Team;

  /** The OAuth dance as a browser does it: the install page sets a state cookie; Slack redirects back with a code. */
  async function install(teamId: string, installerUserId: string): Promise<Team> {
    const botToken = `xoxb-${teamId.toLowerCase()}-${randomBytes(8).toString("hex")}`;
    const code = `code-${teamId}`;
    app.fake.addInstallCode(code, {
      teamId,
      teamName: `Team ${teamId}`,
      botToken,
      botUserId: `U0BOT${teamId}`,
      botId: `B0${teamId}`,
      installerUserId,
    });
    const page = await fetch(`${app.url}/slack/install`, { redirect: "manual" });
    expect(page.status).toBe(200);
    const html = await page.text();
    const state = /state=([^"&]+)/.exec(html)?.[1];
    expect(state).toBeDefined();
    const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0]!;
    const back = await fetch(`${app.url}/slack/oauth_redirect?code=${code}&state=${state}`, {
      headers: { cookie },
      redirect: "manual",
    });
    if (back.status !== 200)
      throw new Error(
        `redirect ${back.status}: ${await back.text()}\n${app.logs.lines
          .filter((l) => /"level":(40|50)/.test(l))
          .slice(-5)
          .join("\n")}`,
      );
    const slack = new SlackRequests({ appUrl: app.url, signingSecret: TEST_SIGNING_SECRET, fake: app.fake, teamId });
    return { teamId, botToken, slack, user: installerUserId, channel: `C0${teamId}` };
  }

  const db = () => app.runtime.db;
  const command = async (team: Team, command: string, text: string) =>
    (await team.slack.command(command, text, { userId: team.user, channelId: team.channel })).reply();
  const workspaceOf = async (team: Team) => db().workspace.findUniqueOrThrow({ where: { slackTeamId: team.teamId } });

  beforeAll(async () => {
    app = await startTestApp({ now, env: OAUTH_ENV });
    a = await install("T0AAAA", "U0ADA");
    b = await install("T0BBBB", "U0BEN");
    app.fake.addUser({ id: "U0ADA", name: "ada" });
    app.fake.addUser({ id: "U0BEN", name: "ben" });
    app.fake.addUser({ id: "U0AMY", name: "amy" });
    app.fake.addUser({ id: "U0BOB", name: "bob" });
    app.fake.addChannel({ id: a.channel, name: "lcrb", members: ["U0ADA"] });
    app.fake.addChannel({ id: b.channel, name: "other", members: ["U0BEN"] });
  });

  afterAll(async () => {
    await app.stop();
  });

  it("stores each installation encrypted, linked to its workspace, and answers each workspace with its own token", async () => {
    const rows = await db().installation.findMany({ orderBy: { teamId: "asc" } });
    expect(rows.map((r) => r.teamId)).toEqual(["T0AAAA", "T0BBBB"]);
    for (const [row, team] of [
      [rows[0]!, a],
      [rows[1]!, b],
    ] as const) {
      expect(row.payloadCiphertext).not.toContain(team.botToken);
      expect(row.payloadCiphertext).not.toContain("xoxb-");
      expect(row.encryptionKeyId).toBe(parseEncryptionKey(KEY)!.id);
      expect(
        JSON.parse(
          open(
            { current: parseEncryptionKey(KEY)! },
            { keyId: row.encryptionKeyId, ciphertext: row.payloadCiphertext },
          ),
        ).bot.token,
      ).toBe(team.botToken);
      expect(row.workspaceId).toBe((await workspaceOf(team)).id);
    }
    // A's owner is told with A's token, B's with B's.
    await command(a, "/action", "add Draft the CONTEST terms <@U0AMY> by 30 November");
    await command(b, "/action", "add Book the room <@U0BOB> by 30 November");
    const dmA = await app.fake.waitFor("chat.postMessage", (c) => c.args.channel === "U0AMY");
    const dmB = await app.fake.waitFor("chat.postMessage", (c) => c.args.channel === "U0BOB");
    expect(dmA.token).toBe(a.botToken);
    expect(dmB.token).toBe(b.botToken);
    // Installation secrets never reach the logs.
    expect(app.logs.text()).not.toContain(a.botToken);
    expect(app.logs.text()).not.toContain(KEY);
  });

  it("keeps every entry point of one workspace away from another's data, even with guessed references and ids", async () => {
    // A's board, its action, reminder and pending import: the things B will try to reach.
    const workspaceA = await workspaceOf(a);
    await command(a, "/board", "create LCRB London Crime Reduction Board");
    const added = await command(a, "/action", "add Circulate the burglary figures <@U0ADA> by 30 November #LCRB");
    const reference = String(added.text).split(" ")[0]!;
    expect(reference).toBe("LCRB-1");
    const action = await db().action.findFirstOrThrow({ where: { workspaceId: workspaceA.id, reference } });
    const reminder = await db().reminder.findFirstOrThrow({ where: { actionId: action.id, state: "scheduled" } });
    const board = await db().board.findFirstOrThrow({ where: { workspaceId: workspaceA.id, code: "LCRB" } });
    const pendingImport = await db().minutesImport.create({
      data: {
        workspaceId: workspaceA.id,
        boardId: board.id,
        status: "previewed",
        fileName: "a.txt",
        result: {},
        createdBySlackUserId: "U0ADA",
      },
    });
    const before = JSON.stringify(
      await db().action.findUniqueOrThrow({ where: { id: action.id }, include: { events: true, owners: true } }),
    );

    // Commands naming A's board or reference, from B.
    const commands: Array<[string, string]> = [
      ["/action", `show ${reference}`],
      ["/action", `done ${reference}`],
      ["/action", `update ${reference} a note from elsewhere`],
      ["/action", `due ${reference} 1 December`],
      ["/action", `drop ${reference} not ours`],
      ["/action", "list overdue #LCRB"],
      ["/action", "add Sneak in <@U0BEN> by 30 November #LCRB"],
      ["/board", "#LCRB"],
      ["/board", "settings #LCRB"],
      ["/meeting", "next #LCRB"],
      ["/meeting", "schedule #LCRB 9 December 2026 15:30"],
      ["/minutes", "#LCRB"],
    ];
    for (const [name, text] of commands) {
      // Forms open at once and say in the form what stops them; everything else replies.
      const isForm = name === "/minutes" || (name === "/board" && text.startsWith("settings"));
      const triggerId = `T${Math.random()}`;
      const sent = await b.slack.command(name, text, { userId: b.user, channelId: b.channel, triggerId });
      const reply = isForm
        ? (await formShown(app.fake, (c) => c.args.trigger_id === triggerId)).args.view
        : await sent.reply();
      const shown = JSON.stringify(reply);
      expect({
        command: `${name} ${text}`,
        leaks: shown.includes("Circulate the burglary figures") || shown.includes("London Crime Reduction Board"),
      }).toEqual({ command: `${name} ${text}`, leaks: false });
    }
    expect(await db().action.count({ where: { workspaceId: (await workspaceOf(b)).id, boardId: board.id } })).toBe(0);
    expect(await db().meeting.count({ where: { boardId: board.id } })).toBe(0);
    expect(
      app.fake.calls.filter(
        (c) =>
          (c.method === "views.open" || c.method === "views.update") &&
          c.token === b.botToken &&
          JSON.stringify(c.args).includes(board.id),
      ),
    ).toEqual([]);

    // Buttons carrying A's ids, pressed in B.
    const presses: Array<[string, string]> = [
      [ACTION_BUTTONS.done, action.id],
      [ACTION_BUTTONS.undo, `${action.id}:${action.version}`],
      [ACTION_BUTTONS.open, action.id],
      [ACTION_BUTTONS.edit, action.id],
      [ACTION_BUTTONS.snooze, action.id],
      [REMINDER_BUTTONS.done, reminder.id],
      [REMINDER_BUTTONS.snoozeDay, reminder.id],
      [REMINDER_BUTTONS.snoozeWeek, reminder.id],
      [REMINDER_BUTTONS.newDate, reminder.id],
      [MEETING_BUTTONS.postUpdate, action.id],
      [IMPORT_BUTTONS.review, pendingImport.id],
    ];
    for (const [actionId, value] of presses) {
      const sent = await b.slack.button({ actionId, value, userId: b.user, channelId: b.channel });
      expect(sent.status).toBe(200);
      const replies = await Promise.race([
        sent.reply(2000).then((r) => [r]),
        new Promise<Json[]>((resolve) => setTimeout(() => resolve(sent.replies()), 2000)),
      ]).catch(() => sent.replies());
      expect({ actionId, leaks: JSON.stringify(replies).includes("Circulate the burglary figures") }).toEqual({
        actionId,
        leaks: false,
      });
    }
    expect(
      app.fake.calls.filter(
        (c) =>
          (c.method === "views.open" || c.method === "views.update") &&
          c.token === b.botToken &&
          JSON.stringify(c.args).includes("Circulate the burglary figures"),
      ),
    ).toEqual([]);

    // View submissions carrying A's ids in their metadata, from B.
    const submissions: Json[] = [
      {
        callback_id: ACTION_MODAL.callbackId,
        private_metadata: JSON.stringify({ mode: "edit", actionId: action.id, version: action.version }),
        state: { values: { text: { value: { type: "plain_text_input", value: "Hijacked" } } } },
      },
      {
        callback_id: BOARD_SETTINGS.callbackId,
        private_metadata: JSON.stringify({ boardId: board.id }),
        state: { values: {} },
      },
      {
        callback_id: MINUTES_MODALS.preview,
        private_metadata: JSON.stringify({ importId: pendingImport.id }),
        state: { values: {} },
      },
      {
        callback_id: POST_UPDATE.callbackId,
        private_metadata: JSON.stringify({ actionId: action.id, version: action.version }),
        state: { values: { note: { value: { type: "plain_text_input", value: "Hijacked" } } } },
      },
      {
        callback_id: NEW_DATE.callbackId,
        private_metadata: JSON.stringify({ actionId: action.id, reminderId: reminder.id }),
        state: { values: { date: { value: { type: "datepicker", selected_date: "2027-01-01" } } } },
      },
    ];
    for (const view of submissions) {
      const sent = await b.slack.interaction({
        type: "view_submission",
        user: { id: b.user, team_id: b.teamId },
        view: { id: "V0FORGED", type: "modal", ...view },
      });
      expect(sent.status).toBe(200);
    }

    // Nothing of A's changed.
    expect(
      JSON.stringify(
        await db().action.findUniqueOrThrow({ where: { id: action.id }, include: { events: true, owners: true } }),
      ),
    ).toBe(before);
    expect((await db().reminder.findUniqueOrThrow({ where: { id: reminder.id } })).state).toBe("scheduled");
    expect((await db().minutesImport.findUniqueOrThrow({ where: { id: pendingImport.id } })).status).toBe("previewed");
    expect((await db().board.findUniqueOrThrow({ where: { id: board.id } })).updatedAt).toEqual(board.updatedAt);
  });

  it("plans a workspace's reminders again when it installs again within the grace period", async () => {
    const c = await install("T0CCCC", "U0CAL");
    app.fake.addUser({ id: "U0CAL", name: "cal" });
    app.fake.addUser({ id: "U0CAT", name: "cat" });
    await command(c, "/action", "add Check the rota <@U0CAT> by tomorrow");
    const workspaceC = await workspaceOf(c);
    const scheduled = () => db().reminder.count({ where: { workspaceId: workspaceC.id, state: "scheduled" } });
    const before = await scheduled();
    expect(before).toBeGreaterThan(0);
    await c.slack.event({ type: "app_uninstalled" });
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && (await scheduled()) > 0) await new Promise((r) => setTimeout(r, 50));
    expect(await scheduled()).toBe(0);
    await install("T0CCCC", "U0CAL");
    expect((await workspaceOf(c)).uninstalledAt).toBeNull();
    expect(await scheduled()).toBe(before);
    const queue = app.runtime.queues.queue("reminders");
    const rows = await db().reminder.findMany({
      where: { workspaceId: workspaceC.id, state: "scheduled" },
      select: { id: true, fireAt: true },
    });
    // Jobs for the reminders due within three days (REMINDER_JOB_HORIZON_MS); the repair sweep queues the rest later.
    expect(rows.filter((row) => isWithinJobHorizon(row.fireAt, now())).length).toBeGreaterThan(0);
    for (const row of rows)
      expect([row.fireAt, await queue.getJobState(row.id)]).toEqual([
        row.fireAt,
        isWithinJobHorizon(row.fireAt, now()) ? "delayed" : "unknown",
      ]);
  });

  it("answers a command waiting in Redis when its workspace uninstalled meanwhile, and does nothing", async () => {
    const d = await install("T0DDDD", "U0DAN");
    app.fake.addUser({ id: "U0DAN", name: "dan" });
    const commands = app.runtime.queues.queue("commands");
    await commands.pause();
    let sent;
    try {
      sent = await d.slack.command("/action", "add Circulate the draft before it is withdrawn", {
        userId: d.user,
        channelId: d.channel,
      });
      expect(sent.text).toBe("");
      await d.slack.event({ type: "app_uninstalled" });
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && !(await workspaceOf(d)).uninstalledAt)
        await new Promise((r) => setTimeout(r, 50));
    } finally {
      await commands.resume();
    }
    expect(String((await sent.reply()).text)).toBe(
      "Minutebook has been removed from this workspace, so this was not done. Nothing was saved.",
    );
    expect(await db().action.count({ where: { workspaceId: (await workspaceOf(d)).id } })).toBe(0);
  });

  it("stops a workspace's reminders at once when it uninstalls, refuses its requests, and deletes its data after the grace period", async () => {
    const workspaceA = await workspaceOf(a);
    // An action due tomorrow: its reminders within three days have jobs in Redis for the uninstall to remove.
    await command(a, "/action", "add Confirm the CONTEST panel <@U0AMY> by tomorrow");
    const queue = app.runtime.queues.queue("reminders");
    const soon = (
      await db().reminder.findMany({
        where: { workspaceId: workspaceA.id, state: "scheduled" },
        select: { id: true, fireAt: true },
      })
    ).filter((row) => isWithinJobHorizon(row.fireAt, now()));
    expect(soon.length).toBeGreaterThan(0);
    for (const row of soon) {
      for (let i = 0; i < 100 && !(await queue.getJob(row.id)); i++) await new Promise((r) => setTimeout(r, 20));
      expect(await queue.getJobState(row.id)).toBe("delayed");
    }
    const pending = await db().reminder.count({ where: { workspaceId: workspaceA.id, state: "scheduled" } });
    expect(pending).toBeGreaterThan(0);
    const response = await a.slack.event({ type: "app_uninstalled" });
    expect(response.status).toBe(200);
    const deadline = Date.now() + 5000;
    while (
      Date.now() < deadline &&
      (await db().reminder.count({ where: { workspaceId: workspaceA.id, state: "scheduled" } })) > 0
    )
      await new Promise((r) => setTimeout(r, 50));
    expect(await db().reminder.count({ where: { workspaceId: workspaceA.id, state: "scheduled" } })).toBe(0);
    expect((await workspaceOf(a)).uninstalledAt).not.toBeNull();
    expect((await db().installation.findFirstOrThrow({ where: { teamId: a.teamId } })).revokedAt).not.toBeNull();
    const cancelled = await db().reminder.findMany({
      where: { workspaceId: workspaceA.id, state: "cancelled" },
      select: { id: true },
    });
    for (const row of cancelled) expect(await queue.getJob(row.id)).toBeUndefined();
    expect(
      app.logs
        .records()
        .some(
          (r) =>
            r.msg ===
              "Minutebook was uninstalled from a workspace; its reminders are stopped and its data will be deleted" &&
            r.teamId === a.teamId,
        ),
    ).toBe(true);

    // A's requests are no longer served; B's still are.
    const actionsBefore = await db().action.count({ where: { workspaceId: workspaceA.id } });
    await a.slack.command("/action", "add After uninstalling by 30 November", { userId: a.user, channelId: a.channel });
    await new Promise((r) => setTimeout(r, 300));
    expect(await db().action.count({ where: { workspaceId: workspaceA.id } })).toBe(actionsBefore);
    expect(String((await command(b, "/action", "add Still here by 30 November")).text)).toMatch(/logged/);

    // Before the grace period ends the data stays; after it, A is deleted and B is not.
    await app.runtime.sweeps!.runNow("workspaces.purge");
    expect(await db().workspace.count({ where: { slackTeamId: a.teamId } })).toBe(1);
    now.advance(31 * 86_400_000);
    await app.runtime.sweeps!.runNow("workspaces.purge");
    expect(await db().workspace.count({ where: { slackTeamId: a.teamId } })).toBe(0);
    expect(await db().action.count({ where: { workspaceId: workspaceA.id } })).toBe(0);
    expect(await db().workspace.count({ where: { slackTeamId: b.teamId } })).toBe(1);
    expect(
      app.logs
        .records()
        .some((r) => r.msg === "deleted the data of a workspace that uninstalled Minutebook" && r.teamId === a.teamId),
    ).toBe(true);
  });

  it("rotates the encryption key: the previous key still opens old rows, and re-encrypting moves them to the new key", async () => {
    const next = {
      current: parseEncryptionKey(randomBytes(32).toString("base64"))!,
      previous: parseEncryptionKey(KEY)!,
    };
    const result = await reencryptInstallations(db(), next);
    expect(result.reencrypted).toBeGreaterThanOrEqual(1);
    const row = await db().installation.findFirstOrThrow({ where: { teamId: b.teamId } });
    expect(row.encryptionKeyId).toBe(next.current.id);
    expect(
      JSON.parse(open({ current: next.current }, { keyId: row.encryptionKeyId, ciphertext: row.payloadCiphertext })).bot
        .token,
    ).toBe(b.botToken);
    expect(await reencryptInstallations(db(), next)).toEqual({
      reencrypted: 0,
      current: result.reencrypted + result.current,
    });
  });
});
