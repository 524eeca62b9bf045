// Buttons pressed where Minutebook puts them, as Slack reports the press (block_actions,
// fixtures/README.md): on a message in a DM, on an ephemeral reply, on the Home tab, and
// inside a modal. Each press is made with the button exactly as the app drew it.
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { runningClock } from "../../src/console/clock";
import { startTestApp, type TestApp } from "../support/test-app";
import {
  buttonsIn,
  fixture,
  formShown,
  replyTo,
  sendCommand,
  sendEvent,
  sendInteraction,
  submittedState,
  type Json,
} from "./contract-support";

const now = runningClock("2026-11-23T10:00:00Z");
const SECRETARY = "U0SECRETARY";
const OWNER = "U0OWNER";
const CHANNEL = "C0LCRB";
const secretary = { USER_ID: SECRETARY, USER_NAME: "secretary" };
const owner = { USER_ID: OWNER, USER_NAME: "owner" };

describe("block_actions, as Slack sends them", () => {
  let app: TestApp;
  let workspaceId: string;
  const db = () => app.runtime.db;
  const statusOf = async (reference: string) =>
    (await db().action.findUniqueOrThrow({ where: { workspaceId_reference: { workspaceId, reference } } })).status;
  /** Logs an action owned by OWNER; resolves with its reference once the owner's DM is posted. */
  const logAction = async (text: string) => {
    const reply = await replyTo(
      app,
      await sendCommand(app, {
        COMMAND: "/action",
        TEXT: `add ${text} <@${OWNER}|owner> by 30 November #LCRB`,
        ...secretary,
        CHANNEL_ID: CHANNEL,
        CHANNEL_NAME: "lcrb",
      }),
    );
    const reference = String(reply.text).split(" ")[0]!;
    const dm = await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === OWNER && String(c.args.text).includes(`${reference}:`),
    );
    return { reference, reply, dm };
  };
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await check()).toBe(true);
  };

  beforeAll(async () => {
    app = await startTestApp({ now });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    app.fake.addUser({ id: SECRETARY, name: "secretary" });
    app.fake.addUser({ id: OWNER, name: "owner" });
    app.fake.addChannel({ id: CHANNEL, name: "lcrb", members: [SECRETARY, OWNER] });
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

  it("from a message: Done on the owner's DM closes the action and answers through response_url", async () => {
    const { reference, dm } = await logAction("Draft the CONTEST terms");
    const done = buttonsIn(dm.args.blocks).find((b) => b.actionId === "action.done")!;
    const posted = dm.response as { channel: string; ts: string; message: Json };
    // The message as Slack keeps it: the bot's post, with its ts and blocks.
    const message = { ...posted.message, user: app.fake.botUserId, team: app.fake.teamId, app_id: "A0MINUTEBOOK" };

    const sent = await sendInteraction(app, "block-actions-message.json", {
      ...owner,
      CHANNEL_ID: posted.channel,
      CHANNEL_NAME: "directmessage",
      MESSAGE_TS: posted.ts,
      MESSAGE: message,
      ACTION_ID: done.actionId,
      BLOCK_ID: done.blockId || "Zx1q",
      BUTTON_TEXT: done.text,
      VALUE: done.value,
    });
    expect(sent.status).toBe(200);
    const reply = await replyTo(app, sent);
    expect(String(reply.text)).toContain(reference);
    expect(await statusOf(reference)).toBe("done");
  });

  it("from an ephemeral reply: Undo under /action done reopens the action", async () => {
    const { reference } = await logAction("Book the auditors");
    const closed = await replyTo(
      app,
      await sendCommand(app, {
        COMMAND: "/action",
        TEXT: `done ${reference}`,
        ...secretary,
        CHANNEL_ID: CHANNEL,
        CHANNEL_NAME: "lcrb",
      }),
    );
    expect(await statusOf(reference)).toBe("done");
    const undo = buttonsIn(closed.blocks).find((b) => b.actionId === "action.undo")!;

    const sent = await sendInteraction(app, "block-actions-ephemeral.json", {
      ...secretary,
      CHANNEL_ID: CHANNEL,
      CHANNEL_NAME: "lcrb",
      MESSAGE_TS: "1796000000.000200",
      ACTION_ID: undo.actionId,
      BLOCK_ID: undo.blockId || "Qw7r",
      BUTTON_TEXT: undo.text,
      VALUE: undo.value,
    });
    expect(sent.status).toBe(200);
    await replyTo(app, sent);
    expect(await statusOf(reference)).toBe("open");
  });

  it("from the Home tab: Done closes the action and answers by DM, there being no response_url", async () => {
    const { reference } = await logAction("Publish the crime plan");
    const since = app.fake.calls.length;
    await sendEvent(app, "app-home-opened.json", { USER_ID: OWNER, DM_CHANNEL_ID: "D0OWNER", TAB: "home" });
    const home = await app.fake.waitFor(
      "views.publish",
      (c) =>
        c.args.user_id === OWNER &&
        app.fake.calls.indexOf(c) >= since &&
        JSON.stringify(c.args.view).includes(reference),
    );
    const view = home.response.view as Json;
    const action = await db().action.findUniqueOrThrow({
      where: { workspaceId_reference: { workspaceId, reference } },
    });
    const done = buttonsIn(view.blocks).find((b) => b.actionId === "action.done" && b.value === action.id)!;
    expect(done).toBeDefined();

    const sent = await sendInteraction(app, "block-actions-home.json", {
      ...owner,
      VIEW_ID: view.id,
      BLOCKS: view.blocks,
      ACTION_ID: done.actionId,
      BLOCK_ID: done.blockId,
      BUTTON_TEXT: done.text,
      VALUE: done.value,
    });
    expect(sent.status).toBe(200);
    expect(sent.responsePath).toBeUndefined();
    await app.fake.waitFor(
      "chat.postMessage",
      (c) =>
        c.args.channel === OWNER &&
        app.fake.calls.indexOf(c) >= since &&
        String(c.args.text).includes(reference) &&
        /done/i.test(String(c.args.text)),
    );
    await until(async () => (await statusOf(reference)) === "done");
  });

  it("from a modal: none is sent, as no field of the form dispatches actions; one forged changes nothing", async () => {
    await sendCommand(app, { COMMAND: "/action", TEXT: "", ...secretary, CHANNEL_ID: CHANNEL, CHANNEL_NAME: "lcrb" });
    const form = await formShown(app, "action.modal");
    // Slack sends block_actions from a modal only for buttons and the like, or inputs with dispatch_action.
    const blocks = form.view.blocks as Array<{ type: string; element?: Json; accessory?: Json }>;
    expect(
      blocks.filter((b) => b.type === "actions" || b.accessory !== undefined || b.element?.dispatch_action === true),
    ).toEqual([]);
    const boardBlock = (
      form.view.blocks as Array<{ block_id: string; element: { action_id: string; options: Json[] } }>
    ).find((b) => b.block_id === "board")!;
    const view = fixture("view.json", {
      TEAM_ID: app.fake.teamId,
      VIEW_ID: form.viewId,
      BLOCKS: form.view.blocks,
      PRIVATE_METADATA: form.view.private_metadata,
      CALLBACK_ID: form.view.callback_id,
      STATE_VALUES: submittedState(form.view),
      TITLE: form.view.title,
      CLOSE: form.view.close,
      SUBMIT: form.view.submit,
    });
    const actionsBefore = await db().action.count();
    const callsBefore = app.fake.calls.length;

    const sent = await sendInteraction(app, "block-actions-modal.json", {
      ...secretary,
      VIEW_ID: form.viewId,
      VIEW: view,
      ACTION_ID: boardBlock.element.action_id,
      BLOCK_ID: boardBlock.block_id,
      SELECTED_OPTION: boardBlock.element.options[0],
    });
    // Bolt finds no listener and, after its three seconds, answers 404 (Slack would show the person an error).
    expect(sent.status).toBe(404);
    expect(await db().action.count()).toBe(actionsBefore);
    // Nothing but the Home tabs earlier presses still redraw.
    expect(app.fake.calls.slice(callsBefore).filter((c) => c.method !== "views.publish")).toEqual([]);
  });
});
