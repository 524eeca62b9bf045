// What the log may and may not hold, with the app at its most talkative (trace) doing
// real work: commands, buttons, forms, a reminder sent by the worker, a minutes file
// read by the worker and imported, failures. Tokens, the signing secret and request
// signatures never appear; neither does anything written on a private board (an
// action's text, a note, the minutes). The same work on a public board may be logged
// by its ids, and is: the log stays useful for finding what happened.
import { LocalSlack } from "../../src/local-slack/server";
import { SlackRequests } from "../../src/local-slack/requests";
import { loadConfig } from "../../src/config";
import { startRuntime, type Runtime } from "../../src/runtime";
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { runningClock } from "../../src/console/clock";
import { ACTION_MODAL } from "../../src/slack/views/actions/action-modal";
import { MINUTES_MODALS } from "../../src/slack/views/minutes/import-modals";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { captureLogs, type CapturedLogs } from "../support/logs";
import { toBoltLogger } from "../../src/logger";
import { deleteRedisKeys, testRedisPrefix } from "../support/redis";
import { waitForReminderState } from "../support/reminders";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET, testAppEnv } from "../support/test-app";
import { formShown } from "../support/forms";

type Json = Record<string, unknown>;

// Mon 23 Nov 2026, a few seconds before 09:00 London, when the day's reminders go out.
const now = runningClock("2026-11-23T08:59:40Z");

const SECRETARY = "U0SECRETARY";
const OWNER = "U0OWNER";
const PRIVATE_CHANNEL = "G0PRIV";
const PUBLIC_CHANNEL = "C0PUB";

/** What is written on a board in a day: an action, a note on it, one from the form, one the database refuses, a minutes item and a minutes action. */
type Words = readonly [string, string, string, string, string, string];
/** Written only on the private board: none may reach the log, in any form. */
const PRIVATE_WORDS: Words = [
  "Quarantined informant ledger",
  "Kestrel payments reconciled",
  "Harbourview warrants audit",
  "Nightjar source register",
  "Osprey covert tasking",
  "Merlin handler vetting",
];
const PUBLIC_WORDS: Words = [
  "Publish the estates plan",
  "Draft shared with boroughs",
  "Book the hall",
  "Print the agenda",
  "Library opening hours",
  "Consult on the parks strategy",
];

const minutesOf = (code: string, words: Words) =>
  [
    `${code} Panel`,
    "Minutes of Meeting",
    "Thursday 19 November 2026, 3:30pm Committee Room 4, City Hall",
    "",
    "Present",
    "Jo Marsh\tChair",
    "",
    `ITEM 1. ${words[4]}`,
    "The Panel noted the report.",
    `Action 1: MOPAC to complete the ${words[5]} by the end of January 2027.`,
    "",
    "Date of next meeting: 11 March 2027. 12:00pm at City Hall",
  ].join("\n");

describe("log safety", () => {
  let fake: LocalSlack;
  let database: TestDatabase;
  let runtime: Runtime;
  let slack: SlackRequests;
  let logs: CapturedLogs;
  let prefix: string;
  let workspaceId: string;
  /** Every X-Slack-Signature this test sent. */
  const signatures: string[] = [];
  const db = () => runtime.db;

  beforeAll(async () => {
    fake = await LocalSlack.start({ botToken: TEST_BOT_TOKEN, now });
    database = await createTestDatabase();
    prefix = testRedisPrefix();
    const config = loadConfig({
      ...testAppEnv({ fake, databaseUrl: database.url, prefix }),
      NODE_ENV: "test",
      ROLE: "all",
      LOG_LEVEL: "trace",
    });
    // No list of secrets to scrub by value: what is checked here is that nothing writes them at all.
    logs = captureLogs("trace");
    runtime = await startRuntime({
      config,
      logger: logs.logger,
      now,
      isSweepScheduled: false,
      slackClientOptions: { retryConfig: { retries: 0 } },
    });
    slack = new SlackRequests({
      appUrl: `http://127.0.0.1:${runtime.port}`,
      signingSecret: TEST_SIGNING_SECRET,
      fake,
      // Signatures are made inside SlackRequests: note each one on its way out.
      onSend: (headers) => {
        const signature = headers["x-slack-signature"];
        if (signature) signatures.push(signature);
      },
    });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: fake.teamId, timeZone: "Europe/London" })).id;
    fake.addUser({ id: SECRETARY, name: "secretary" });
    fake.addUser({ id: OWNER, name: "owner" });
    fake.addChannel({
      id: PRIVATE_CHANNEL,
      name: "priv",
      isPrivate: true,
      members: [SECRETARY, OWNER],
      botIsMember: true,
    });
    fake.addChannel({ id: PUBLIC_CHANNEL, name: "pub", members: [SECRETARY, OWNER] });
    for (const [code, name, channel, isPrivate] of [
      ["PRIV", "Private Oversight Panel", PRIVATE_CHANNEL, true],
      ["PUB", "Public Scrutiny Board", PUBLIC_CHANNEL, false],
    ] as const) {
      await db().board.create({
        data: {
          workspaceId,
          code,
          name,
          slackChannelId: channel,
          isPrivate,
          secretarySlackUserId: SECRETARY,
          chairSlackUserId: SECRETARY,
          createdBySlackUserId: SECRETARY,
        },
      });
    }
  });
  afterAll(async () => {
    try {
      await runtime.stop();
    } finally {
      await fake.stop();
      await database.drop();
      await deleteRedisKeys(prefix);
    }
    fake.assertNoViolations();
  });

  const command = async (name: string, text: string, userId = SECRETARY, channelId = PRIVATE_CHANNEL) =>
    (await slack.command(name, text, { userId, channelId })).reply();

  /** The same day's work on a board: logging, a note, a reminder sent by the worker and answered, a form, minutes read from a file and imported. */
  async function dayOfWork(code: "PRIV" | "PUB", channel: string, words: Words) {
    const board = await db().board.findFirstOrThrow({ where: { workspaceId, code } });
    now.set("2026-11-23T08:59:58Z");
    // Due in seven days: its first reminder goes out at 09:00 today, seconds from now.
    const logged = await command("/action", `add ${words[0]} <@${OWNER}> by 30 November #${code}`, SECRETARY, channel);
    const reference = String(logged.text).split(" ")[0]!;
    expect(reference).toMatch(new RegExp(`^${code}-\\d+$`));
    await command("/action", `update ${reference} ${words[1]}`, OWNER, channel);
    const action = await db().action.findFirstOrThrow({ where: { workspaceId, reference } });
    const reminder = await db().reminder.findFirstOrThrow({ where: { actionId: action.id, kind: "due_7d" } });
    await waitForReminderState(db(), reminder.id, "sent", { timeoutMs: 15_000 });
    const pressed = await (
      await slack.button({
        actionId: "reminder.done",
        value: reminder.id,
        userId: OWNER,
        channelId: `D${OWNER.slice(1)}`,
      })
    ).reply();
    expect(String(pressed.text)).toContain("Marked done");

    // The New action form, and one whose text the database cannot store (a NUL): a failure logged as an error.
    const form = (text: string) =>
      slack.interaction({
        type: "view_submission",
        user: { id: SECRETARY, username: "secretary", team_id: fake.teamId },
        view: {
          id: `V${Date.now()}`,
          type: "modal",
          callback_id: ACTION_MODAL.callbackId,
          private_metadata: JSON.stringify({ mode: "new", channelId: channel }),
          state: {
            values: {
              [ACTION_MODAL.text]: { value: { value: text } },
              [ACTION_MODAL.board]: { value: { selected_option: { value: board.id } } },
            },
          },
        },
      });
    await form(`${words[2]} for ${code}`);
    await fake.waitFor("chat.postEphemeral", (c) => String(c.args.text).includes(`${words[2]} for ${code}`));
    await form(`${words[3]} \u0000 for ${code}`);
    await fake.waitFor(
      "chat.postEphemeral",
      (c) => c.args.channel === channel && String(c.args.text).includes("Something went wrong on our side"),
    );

    // Minutes shared as a file, read by the worker, reviewed and imported.
    const fileId = `F0${code}`;
    fake.addFile({ id: fileId, name: `minutes-${code.toLowerCase()}.txt`, bytes: Buffer.from(minutesOf(code, words)) });
    await slack.button({ actionId: "minutes.import_file", value: fileId, userId: SECRETARY, channelId: channel });
    const ready = await fake.waitFor(
      "chat.update",
      (c) =>
        String(c.args.text).startsWith(`minutes-${code.toLowerCase()}.txt`) && String(c.args.text).includes("read:"),
      15_000,
    );
    const importId = JSON.stringify(ready.args.blocks).match(/"action_id":"minutes.review","value":"([^"]+)"/)![1]!;
    await slack.button({
      actionId: "minutes.review",
      value: importId,
      userId: SECRETARY,
      channelId: `D${SECRETARY.slice(1)}`,
    });
    const review = (
      await formShown(
        fake,
        (c) =>
          (c.args.view as Json).callback_id === MINUTES_MODALS.preview &&
          JSON.stringify(c.args.view).includes(importId),
      )
    ).args.view as Json;
    await slack.interaction({
      type: "view_submission",
      user: { id: SECRETARY, username: "secretary", team_id: fake.teamId },
      view: {
        id: `V${Date.now()}`,
        type: "modal",
        callback_id: MINUTES_MODALS.preview,
        private_metadata: review.private_metadata,
        state: { values: { action_0_include: { value: { selected_options: [{ value: "include" }] } } } },
      },
    });
    const digest = await fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === channel && String(c.args.text).startsWith(`${code} · Thu 19 Nov 2026`),
    );

    // The next day's minutes (the same words, and a line more) pasted: the review replaces the form in the HTTP answer.
    await slack.command("/minutes", "", { userId: SECRETARY, channelId: channel });
    const paste = (
      await formShown(
        fake,
        (c) =>
          (c.args.view as Json).callback_id === MINUTES_MODALS.paste && JSON.stringify(c.args.view).includes(board.id),
      )
    ).args.view as Json;
    const read = await slack.interaction({
      type: "view_submission",
      user: { id: SECRETARY, username: "secretary", team_id: fake.teamId },
      view: {
        id: `V${Date.now()}`,
        type: "modal",
        callback_id: MINUTES_MODALS.paste,
        private_metadata: paste.private_metadata,
        state: {
          values: {
            [MINUTES_MODALS.text]: {
              value: {
                value: `${minutesOf(code, words).replace("Thursday 19 November", "Friday 20 November")}\nAppendix`,
              },
            },
          },
        },
      },
    });
    expect(read.json?.response_action).toBe("update");
    expect(JSON.stringify(read.json)).toContain(words[5]);
    return { reference, digestTs: String(digest.response.ts) };
  }

  it("logs ids and never a token, the signing secret, a request signature or a private board's words", async () => {
    const publicWork = await dayOfWork("PUB", PUBLIC_CHANNEL, PUBLIC_WORDS);
    const privateWork = await dayOfWork("PRIV", PRIVATE_CHANNEL, PRIVATE_WORDS);

    // Failures: Slack refusing to open a form, and a request with a forged signature carrying private words.
    fake.failNext("views.open", { status: 200, error: "expired_trigger_id" });
    const action = await db().action.findFirstOrThrow({ where: { workspaceId, reference: privateWork.reference } });
    await slack.button({ actionId: "action.open", value: action.id, userId: SECRETARY, channelId: PRIVATE_CHANNEL });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const forged = await slack.post(
      new URLSearchParams({
        command: "/action",
        text: `add ${PRIVATE_WORDS[0]} #PRIV`,
        team_id: fake.teamId,
        user_id: SECRETARY,
      }).toString(),
      "application/x-www-form-urlencoded",
      {
        signature: `v0=${"0".repeat(64)}`,
      },
    );
    expect(forged.status).toBe(401);

    const lines = logs.lines;
    expect(lines.length).toBeGreaterThan(50);
    const found = (needle: string) => lines.filter((line) => line.toLowerCase().includes(needle.toLowerCase()));
    const leaks = [
      TEST_BOT_TOKEN,
      TEST_SIGNING_SECRET,
      ...signatures,
      ...PRIVATE_WORDS,
      "informant",
      "Kestrel",
      "Nightjar",
      "Osprey",
      "Merlin",
    ].flatMap((needle) => found(needle).map((line) => `${needle}: ${line.slice(0, 300)}`));
    expect(leaks).toEqual([]);
    expect(signatures.length).toBeGreaterThan(10);
    expect(lines.filter((line) => /v0=[0-9a-f]{64}/.test(line))).toEqual([]);
    // What happened can still be found: the failures are there, and the Slack calls by their ids, both boards alike.
    const records = logs.records();
    expect(records.filter((r) => r.msg === "saving the action form failed")).toHaveLength(2);
    expect(
      records.some(
        (r) => r.msg === "unhandled error in a Slack listener" && JSON.stringify(r.err).includes("expired_trigger_id"),
      ),
    ).toBe(true);
    expect(records.some((r) => String(r.msg).includes("signature mismatch"))).toBe(true);
    const debugLines = records.map((r) => String(r.msg)).filter((msg) => msg.startsWith("http request"));
    for (const channel of [PUBLIC_CHANNEL, PRIVATE_CHANNEL])
      expect(debugLines.some((msg) => msg.includes(`"channel":"${channel}"`))).toBe(true);
    expect(debugLines.filter((msg) => msg.includes('"ok":false,"error":"expired_trigger_id"'))).toHaveLength(1);
    expect(
      debugLines.some((msg) => msg.includes(`"ts":"${publicWork.digestTs}"`) && msg.startsWith("http request result")),
    ).toBe(true);
  }, 60_000);

  it("keeps the shape of Slack's bodies in debug lines and drops their words, Socket Mode's acknowledgements included", () => {
    const captured = captureLogs("trace");
    const bolt = toBoltLogger(captured.logger);
    const view = {
      type: "modal",
      callback_id: "minutes.preview",
      blocks: [{ type: "section", block_id: "b1", text: { type: "mrkdwn", text: PRIVATE_WORDS[4] } }],
    };
    bolt.debug(`ack() call begins (body: ${JSON.stringify({ response_action: "update", view })})`);
    bolt.debug(
      `http request body: ${JSON.stringify({ channel: PRIVATE_CHANNEL, text: PRIVATE_WORDS[0], blocks: JSON.stringify(view.blocks) })}`,
    );
    bolt.debug(
      `http request result: ${JSON.stringify({ ok: false, error: "channel_not_found", message: { ts: "1.2", text: PRIVATE_WORDS[1] } })}`,
    );
    bolt.debug("http request body: {not json");
    const said = captured.records().map((r) => String(r.msg));
    expect(said).toEqual([
      'ack() call begins (body: {"response_action":"update","view":{"type":"modal","callback_id":"minutes.preview","blocks":[{"type":"section","block_id":"[omitted]","text":{"type":"mrkdwn","text":"[omitted]"}}]}})',
      `http request body: {"channel":"${PRIVATE_CHANNEL}","text":"[omitted]","blocks":"[omitted]"}`,
      'http request result: {"ok":false,"error":"channel_not_found","message":{"ts":"1.2","text":"[omitted]"}}',
      "http request body: [omitted]",
    ]);
  });
});
