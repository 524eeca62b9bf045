// The acceptance test of minutes from real documents (issue 14): two real minutes from
// the reference folder's development part, made into a Word file (pandoc) and a PDF
// (groff) here, shared in their boards' channels, reviewed (an action's text changed,
// one added, one removed, owners matched to people in Slack, the next meeting's date
// settled against the calendar) and confirmed: the digest, the actions and the
// import's recorded history are what the secretary made them.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { referenceFolder } from "../../src/minutes/evaluation-sets";
import { renderBlocksAsText } from "../../src/slack/views/render-text";
import { runningClock } from "../../src/console/clock";
import { startTestApp, type TestApp } from "../support/test-app";
import { formShown } from "../support/forms";

type Json = Record<string, unknown>;
type Block = { type: string; block_id?: string; element?: Json };

const SECRETARY = "U0SECRETARY";
const LIAM = "U0LIAM";
const TERENCE = "U0TERENCE";
const ALEX = "U0ALEX";
const OSB = "C0OSB";
const NWPC = "C0NWPC";
const STANDARDS = "03_open-standards-board-2017-06";
const PARISH = "01_northwold-whittington-pc-2016-10";

const has = (command: string) => {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
const documentPath = (name: string) => path.join(referenceFolder(), "minutes", `${name}.txt`);
const missing = [
  ...(has("pandoc") ? [] : ["pandoc is not installed (apt-get install pandoc)"]),
  ...(has("groff") ? [] : ["groff is not installed (apt-get install groff)"]),
  ...[STANDARDS, PARISH]
    .filter((d) => !existsSync(documentPath(d)))
    .map((d) => `${documentPath(d)} is not on this machine`),
];
const describeIfReady = missing.length === 0 ? describe : describe.skip;
if (missing.length > 0) process.stderr.write(`minutes-review.test.ts skipped: ${missing.join("; ")}\n`);

/** The document without its first line (`SOURCE: …`), as a file in `folder`. */
function plainText(folder: string, name: string): string {
  const text = readFileSync(documentPath(name), "utf8").split("\n").slice(1).join("\n");
  const file = path.join(folder, `${name}.txt`);
  writeFileSync(file, text);
  return file;
}
function wordFile(folder: string, name: string): Buffer {
  const out = path.join(folder, `${name}.docx`);
  execFileSync("pandoc", ["-f", "markdown", "-t", "docx", plainText(folder, name), "-o", out]);
  return readFileSync(out);
}
function pdfFile(folder: string, name: string): Buffer {
  // Lines starting with a dot or quote would be requests to groff, and backslashes escapes.
  const text = readFileSync(plainText(folder, name), "utf8")
    .replace(/\\/g, "\\e")
    .replace(/^([.'])/gm, "\\&$1");
  const utf8 = execFileSync("preconv", [], { input: text });
  return execFileSync("groff", ["-Tpdf"], { input: utf8 });
}

describeIfReady(`minutes from real documents (${STANDARDS} as .docx, ${PARISH} as .pdf)`, () => {
  let app: TestApp;
  let workspaceId: string;
  let folder: string;
  const db = () => app.runtime.db;
  // The days after the parish council's October meeting: its next meeting, 1 Nov 2016, is ahead.
  const now = runningClock("2016-10-26T10:00:00Z");

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), "minutebook-review-"));
    app = await startTestApp({ now });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    await db().board.create({
      data: {
        workspaceId,
        code: "OSB",
        name: "Open Standards Board",
        slackChannelId: OSB,
        secretarySlackUserId: SECRETARY,
      },
    });
    await db().board.create({
      data: {
        workspaceId,
        code: "NWPC",
        name: "Northwold and Whittington Parish Council",
        slackChannelId: NWPC,
        secretarySlackUserId: SECRETARY,
      },
    });
    app.fake.addUser({ id: SECRETARY, name: "secretary", realName: "Sam Secretary" });
    app.fake.addUser({ id: LIAM, name: "liam", realName: "Liam Maxwell", displayName: "liam" });
    app.fake.addUser({ id: TERENCE, name: "terence", realName: "Terence Eden", displayName: "terence" });
    app.fake.addUser({
      id: ALEX,
      name: "alex.j",
      realName: "Alex Jenkinson",
      firstName: "Alex",
      lastName: "Jenkinson",
    });
    // Neither a deactivated account nor a bot is anyone's match.
    app.fake.addUser({ id: "U0OLDLIAM", name: "old.liam", realName: "Liam Maxwell", isDeleted: true });
    app.fake.addUser({ id: "U0BOTLIAM", name: "liambot", realName: "Liam Maxwell", isBot: true });
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(folder, { recursive: true, force: true });
  });
  afterEach(() => app.fake.assertNoViolations());

  /** Shares a file in a channel as a person does, takes the offer, and opens the review once the worker has read it. */
  async function shareAndOpenReview(
    channelId: string,
    name: string,
    bytes: Buffer,
  ): Promise<{ importId: string; review: Json }> {
    const { fileId } = app.fake.shareFile({ channelId, userId: SECRETARY, name, bytes });
    await app.slack.event({
      type: "file_shared",
      file_id: fileId,
      user_id: SECRETARY,
      channel_id: channelId,
      event_ts: `${Date.now() / 1000}`,
    });
    await app.fake.waitFor(
      "chat.postEphemeral",
      (c) => c.args.user === SECRETARY && String(c.args.text).startsWith(`Import ${name} as minutes of`),
    );
    await app.slack.button({ actionId: "minutes.import_file", value: fileId, userId: SECRETARY, channelId });
    const ready = await app.fake.waitFor(
      "chat.update",
      (c) => String(c.args.text).startsWith(name) && String(c.args.text).includes(" read: "),
      20_000,
    );
    const importId = JSON.stringify(ready.args.blocks).match(/"action_id":"minutes.review","value":"([^"]+)"/)![1]!;
    const since = app.fake.calls.length;
    await app.slack.button({
      actionId: "minutes.review",
      value: importId,
      userId: SECRETARY,
      channelId: `D${SECRETARY}`,
    });
    const call = await formShown(app.fake, (c) => (c.args.view as Json).callback_id === "minutes.preview", 5000, since);
    return { importId, review: call.args.view as Json };
  }

  /** The form's values as Slack would send them with nothing touched, then `changes` on top. */
  function valuesAsShown(view: Json, changes: Json = {}): Json {
    const values: Json = {};
    for (const block of view.blocks as Block[]) {
      if (block.type !== "input" || !block.block_id) continue;
      const element = block.element!;
      const value =
        element.type === "multi_users_select"
          ? { selected_users: element.initial_users ?? [] }
          : element.type === "checkboxes"
            ? { selected_options: element.initial_options ?? [] }
            : element.type === "radio_buttons"
              ? { selected_option: element.initial_option ?? null }
              : element.type === "datepicker"
                ? { selected_date: element.initial_date ?? null }
                : { value: element.initial_value ?? null };
      values[block.block_id] = { value: { type: element.type, ...value } };
    }
    for (const [blockId, value] of Object.entries(changes)) values[blockId] = { value };
    return values;
  }
  const submit = (view: Json, values: Json) =>
    app.slack.interaction({
      type: "view_submission",
      user: { id: SECRETARY, username: "secretary", team_id: app.fake.teamId },
      view: {
        id: "V0REVIEW",
        type: "modal",
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        blocks: view.blocks,
        state: { values },
      },
    });
  const blockOf = (view: Json, blockId: string) => (view.blocks as Block[]).find((b) => b.block_id === blockId);

  it("imports a Word document as reviewed: text changed, an action added, one removed, owners matched to people in Slack", async () => {
    const usersListBefore = app.fake.callsTo("users.list").length;
    const { importId, review } = await shareAndOpenReview(OSB, "osb-june.docx", wordFile(folder, STANDARDS));
    const shown = renderBlocksAsText(review.blocks as unknown[]);
    expect(shown).toContain("10 actions found");
    // "LM" read as Liam Maxwell from the attendance list and matched to @liam; the deleted and bot Liams are no one.
    const lm = (review.blocks as Block[]).find((b) => /^a_f2_people$/.test(b.block_id ?? ""))!;
    expect(lm.element!.initial_users).toEqual([LIAM]);
    expect(JSON.stringify(lm)).toContain("Matched: LM (Liam Maxwell) → @liam");
    // "TE" read as Terence Eden from the attendance list and matched to @terence too.
    expect(blockOf(review, "a_f3_people")!.element!.initial_users).toEqual([TERENCE]);
    expect(JSON.stringify(blockOf(review, "a_f3_people"))).toContain("Matched: TE (Terence Eden) → @terence");
    expect(app.fake.callsTo("users.list").length).toBe(usersListBefore + 1);

    // A date that cannot be read and an emptied text are refused on their fields, and nothing is kept.
    const refused = await submit(
      review,
      valuesAsShown(review, {
        meeting_date: { selected_date: "2017-06-20" },
        a_f0_text: { value: "  " },
        a_f4_due: { value: "the twelfth of Neverember" },
      }),
    );
    expect(refused.json).toEqual({
      response_action: "errors",
      errors: {
        a_f0_text: expect.stringContaining("An action needs its text"),
        a_f4_due: expect.stringMatching(
          /^I couldn't read "the twelfth of Neverember" as a date: .*Try: "by 12 November"/,
        ),
      },
    });
    const kept = await db().minutesImport.findUniqueOrThrow({ where: { id: importId } });
    expect((kept.review as { actions: Array<{ text: string }> }).actions[0]!.text).toBe(
      "Ensure TCOP includes wording around mandation of standards",
    );

    const done = await submit(
      review,
      valuesAsShown(review, {
        meeting_date: { selected_date: "2017-06-20" },
        a_f0_text: { value: "Ensure the Technology Code of Practice says open standards are mandatory" },
        a_f1_remove: { selected_options: [{ value: "remove" }] },
        // "LG" is Lawrence Greenwood (from the attendance list), no one in Slack: the secretary matches the action to @terence by hand.
        a_f8_people: { selected_users: [TERENCE] },
        a_f8_named: { value: "" },
        new_text: { value: "Publish the board's revised terms of reference" },
        new_people: { selected_users: [TERENCE] },
        new_due: { value: "end of January 2027" },
      }),
    );
    expect(done.json).toEqual({ response_action: "clear" });
    const digest = await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === OSB && String(c.args.text).startsWith("OSB · Tue 20 Jun 2017"),
    );
    const text = renderBlocksAsText(digest.args.blocks as unknown[]);
    expect(text).toContain("OSB-1  Ensure the Technology Code of Practice says open standards are mandatory");
    expect(text).not.toContain("Provide to JS a list of industry representatives");
    expect(text).toContain("OSB-10  Publish the board's revised terms of reference · @U0TERENCE · by Jan 2027");
    expect(text).toContain("OSB-2  Invite JS to Digital Economy Council · @U0LIAM · no date");

    const actions = await db().action.findMany({
      where: { workspaceId, board: { code: "OSB" } },
      orderBy: { number: "asc" },
      include: { owners: { orderBy: { position: "asc" } }, events: true },
    });
    expect(actions).toHaveLength(10);
    expect(actions.map((a) => a.text)).not.toContain(
      "Provide to JS a list of industry representatives from research, who are interested in Open Standards",
    );
    const byText = (start: string) => actions.find((a) => a.text.startsWith(start))!;
    expect(byText("Invite JS to Digital Economy Council").owners.map((o) => o.slackUserId)).toEqual([LIAM]);
    expect(byText("Send LM email").owners.map((o) => o.slackUserId)).toEqual([TERENCE]);
    expect(byText("Update profile").owners.map((o) => o.slackUserId)).toEqual([TERENCE]);
    expect(byText("Invite JS").owners.map((o) => o.slackUserId)).toEqual([LIAM]);
    expect(byText("Publish the board's revised").owners.map((o) => o.slackUserId)).toEqual([TERENCE]);
    // Each action's history says it came from this import.
    for (const action of actions)
      expect(action.events).toEqual([
        expect.objectContaining({
          type: "imported",
          actorLabel: "import",
          after: expect.objectContaining({ importId }),
        }),
      ]);
    expect(byText("Publish the board's revised").events[0]!.note).toBe(
      "Added while reviewing the minutes in osb-june.docx before import.",
    );
    expect(byText("Invite JS").events[0]!.note).toBe(
      "From the minutes in osb-june.docx, line 41, imported after review.",
    );

    // The import's history: what the secretary changed before confirming.
    const history = (await db().minutesImport.findUniqueOrThrow({ where: { id: importId } })).changes as {
      confirmedBy: string;
      changes: Json[];
    };
    expect(history.confirmedBy).toBe(SECRETARY);
    expect(history.changes).toEqual([
      {
        kind: "text_edited",
        line: 37,
        before: "Ensure TCOP includes wording around mandation of standards",
        after: "Ensure the Technology Code of Practice says open standards are mandatory",
      },
      {
        kind: "action_removed",
        line: 39,
        text: "Provide to JS a list of industry representatives from research, who are interested in Open Standards",
      },
      // Word joined the lines after "Update profile" into its paragraph, so the action's text runs on (as written there).
      {
        kind: "owners_changed",
        line: 83,
        text: expect.stringMatching(/^Update profile/),
        before: ["Lawrence Greenwood"],
        after: [`<@${TERENCE}>`],
      },
      {
        kind: "action_added",
        text: "Publish the board's revised terms of reference",
        owners: [`<@${TERENCE}>`],
        due: "end of January 2027",
      },
    ]);
    // Every owner in Slack is told of each of their actions.
    await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === LIAM && String(c.args.text).includes(byText("Invite JS").reference),
    );
    for (const reference of [byText("Send LM email").reference, byText("Publish the board's revised").reference]) {
      await app.fake.waitFor(
        "chat.postMessage",
        (c) => c.args.channel === TERENCE && String(c.args.text).includes(reference),
      );
    }
  });

  it("imports a PDF whose next meeting the calendar puts on another day, keeping the calendar's as asked and saying so", async () => {
    const board = await db().board.findFirstOrThrow({ where: { workspaceId, code: "NWPC" } });
    const calendar = await db().meeting.create({
      data: { workspaceId, boardId: board.id, startsAt: new Date("2016-11-02T19:30:00Z"), status: "scheduled" },
    });
    const { importId, review } = await shareAndOpenReview(NWPC, "nwpc-october.pdf", pdfFile(folder, PARISH));
    const shown = renderBlocksAsText(review.blocks as unknown[]);
    expect(shown).toContain(
      "The minutes say the next meeting is on Tue 1 Nov 2016, but NWPC's calendar has it on Wed 2 Nov 2016.",
    );
    // "Cllr Jenkinson" is the one Jenkinson in Slack.
    const jenkinson = (review.blocks as Block[]).find(
      (b) => b.block_id?.endsWith("_people") && JSON.stringify(b).includes("Cllr Jenkinson"),
    );
    expect(jenkinson?.element?.initial_users).toEqual([ALEX]);

    // Unanswered, the question is asked again; answered, the calendar's day is kept.
    const unanswered = await submit(review, valuesAsShown(review));
    expect(unanswered.json).toEqual({
      response_action: "errors",
      errors: { next_meeting_choice: expect.stringContaining("Say which date is right") },
    });
    const done = await submit(
      review,
      valuesAsShown(review, { next_meeting_choice: { selected_option: { value: "calendar" } } }),
    );
    expect(done.json).toEqual({ response_action: "clear" });
    const digest = await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === NWPC && String(c.args.text).startsWith("NWPC · "),
    );
    expect(renderBlocksAsText(digest.args.blocks as unknown[])).toContain(
      "Next meeting: Wed 2 Nov 2016, 19:30 (the minutes say Tue 1 Nov 2016; the board's calendar was kept)",
    );
    const scheduled = await db().meeting.findMany({ where: { boardId: board.id, status: "scheduled" } });
    expect(scheduled.map((m) => m.id)).toEqual([calendar.id]);
    const history = (await db().minutesImport.findUniqueOrThrow({ where: { id: importId } })).changes as {
      changes: Json[];
      nextMeeting: Json;
    };
    expect(history).toMatchObject({
      changes: [],
      nextMeeting: { documentDay: "2016-11-01", calendarDay: "2016-11-02", kept: "calendar", meetingId: calendar.id },
    });
    // "Cllr Jenkinson" and "Jenkinson" among four named owners are both Alex.
    const alexs = await db().action.findMany({
      where: { boardId: board.id, owners: { some: { slackUserId: ALEX } } },
      orderBy: { number: "asc" },
      include: { owners: { orderBy: { position: "asc" } } },
    });
    expect(alexs.map((a) => [a.text, a.owners.map((o) => o.slackUserId ?? o.bodyName)])).toEqual([
      ["Assess the remainder", ["C Anderson", "F Eglington", ALEX, "C Pointeer"]],
      ["Provide a list for consideration", [ALEX]],
    ]);
  });
});

describe("a review of forty actions", () => {
  let app: TestApp;
  let workspaceId: string;
  const db = () => app.runtime.db;
  const CHANNEL = "C0LONG";
  const JO = "U0JO";
  const PAUL = "U0PAUL";
  const now = runningClock("2026-11-23T10:00:00Z");
  // Our own minutes: forty actions, each for Jo Reid or "PR" (Paul Rogers, present).
  const MINUTES = [
    "Riverside Housing Panel",
    "Minutes of the meeting held on Thursday 19 November 2026 at 2pm, Room 2, Town Hall",
    "",
    "Present",
    "Jo Reid\tChair",
    "Paul Rogers\tTreasurer",
    "",
    "ITEM 1. Repairs",
    ...Array.from(
      { length: 40 },
      (_, i) => `Action ${i + 1}: ${i % 2 ? "PR" : "Jo Reid"} to inspect block ${i + 1} by the end of January 2027.`,
    ),
  ].join("\n");

  beforeAll(async () => {
    app = await startTestApp({ now });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    await db().board.create({
      data: {
        workspaceId,
        code: "RHP",
        name: "Riverside Housing Panel",
        slackChannelId: CHANNEL,
        secretarySlackUserId: SECRETARY,
      },
    });
    app.fake.addUser({ id: JO, name: "jo", realName: "Jo Reid" });
    app.fake.addUser({ id: PAUL, name: "paul", realName: "Paul Rogers" });
    // More people than one page of users.list (200) holds.
    for (let i = 0; i < 250; i++)
      app.fake.addUser({ id: `U0OTHER${i}`, name: `other${i}`, realName: `Other Person ${i}` });
  });
  afterAll(async () => {
    await app?.stop();
  });
  afterEach(() => app.fake.assertNoViolations());

  const submit = (view: Json, values: Json) =>
    app.slack.interaction({
      type: "view_submission",
      user: { id: SECRETARY, username: "secretary", team_id: app.fake.teamId },
      view: {
        id: "V0REVIEW",
        type: "modal",
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        blocks: view.blocks,
        state: { values },
      },
    });
  function valuesAsShown(view: Json, changes: Json = {}): Json {
    const values: Json = {};
    for (const block of view.blocks as Block[]) {
      if (block.type !== "input" || !block.block_id) continue;
      const e = block.element!;
      values[block.block_id] = {
        value:
          e.type === "multi_users_select"
            ? { selected_users: e.initial_users ?? [] }
            : e.type === "checkboxes"
              ? { selected_options: e.initial_options ?? [] }
              : { value: e.initial_value ?? null },
      };
    }
    for (const [blockId, value] of Object.entries(changes)) values[blockId] = { value };
    return values;
  }

  it("pages through pushed views inside Slack's limits, keeps each page's edits, and tells every matched owner", async () => {
    const usersList = app.fake.callsTo("users.list").length;
    const { fileId } = app.fake.shareFile({
      channelId: CHANNEL,
      userId: SECRETARY,
      name: "rhp-november.txt",
      bytes: Buffer.from(MINUTES),
    });
    await app.slack.button({ actionId: "minutes.import_file", value: fileId, userId: SECRETARY, channelId: CHANNEL });
    const ready = await app.fake.waitFor(
      "chat.update",
      (c) => String(c.args.text).startsWith("rhp-november.txt") && String(c.args.text).includes(" read: "),
      20_000,
    );
    const importId = JSON.stringify(ready.args.blocks).match(/"action_id":"minutes.review","value":"([^"]+)"/)![1]!;
    await app.slack.button({
      actionId: "minutes.review",
      value: importId,
      userId: SECRETARY,
      channelId: `D${SECRETARY}`,
    });
    const first = (await formShown(app.fake, (c) => (c.args.view as Json).callback_id === "minutes.preview")).args
      .view as Json;
    // users.list was read through in its two pages of 200, once for the whole import.
    expect(
      app.fake
        .callsTo("users.list")
        .slice(usersList)
        .map((c) => [Number(c.args.limit), Boolean(c.args.cursor)]),
    ).toEqual([
      [200, false],
      [200, true],
    ]);
    expect(renderBlocksAsText(first.blocks as unknown[])).toContain("Page 1 of 3: actions 1–15 of 40.");
    expect((first.blocks as Block[]).find((b) => b.block_id === "a_f1_people")!.element!.initial_users).toEqual([PAUL]);

    const second = await submit(first, valuesAsShown(first, { a_f3_text: { value: "Inspect block 4 and its lifts" } }));
    expect(second.json?.response_action).toBe("push");
    const page2 = (second.json as { view: Json }).view;
    expect((page2.blocks as unknown[]).length).toBeLessThanOrEqual(100);
    expect(renderBlocksAsText(page2.blocks as unknown[])).toContain("Page 2 of 3: actions 16–30 of 40.");
    const third = await submit(
      page2,
      valuesAsShown(page2, { a_f20_remove: { selected_options: [{ value: "remove" }] } }),
    );
    expect(third.json?.response_action).toBe("push");
    const page3 = (third.json as { view: Json }).view;
    expect(page3.submit).toEqual({ type: "plain_text", text: "Import" });
    // An action added, asking for another: the last page again, in place, with it listed.
    const more = await submit(
      page3,
      valuesAsShown(page3, {
        a_f39_due: { value: "end of March 2027" },
        new_text: { value: "Survey the car park" },
        new_named: { value: "Estates" },
        new_more: { selected_options: [{ value: "more" }] },
      }),
    );
    expect(more.json?.response_action).toBe("update");
    const again = (more.json as { view: Json }).view;
    expect(renderBlocksAsText(again.blocks as unknown[])).toContain(
      "41. Added action (optional): <text: Survey the car park>",
    );
    const done = await submit(again, valuesAsShown(again));
    expect(done.json).toEqual({ response_action: "clear" });

    await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === CHANNEL && String(c.args.text).startsWith("RHP · Thu 19 Nov 2026"),
    );
    const actions = await db().action.findMany({
      where: { workspaceId },
      orderBy: { number: "asc" },
      include: { owners: true },
    });
    expect(actions).toHaveLength(40);
    expect(actions.at(-1)).toMatchObject({
      text: "Survey the car park",
      owners: [expect.objectContaining({ bodyName: "Estates" })],
    });
    actions.pop();
    expect(actions.map((a) => a.text)).toContain("Inspect block 4 and its lifts");
    expect(actions.map((a) => a.text)).not.toContain("Inspect block 21");
    expect(actions.at(-1)!.dueText).toBe("end of March 2027");
    expect(actions.at(-1)!.text).toBe("Inspect block 40");
    expect(
      actions.every(
        (a) =>
          a.owners.length === 1 &&
          a.owners[0]!.slackUserId === (Number(/block (\d+)/.exec(a.text)![1]) % 2 ? JO : PAUL),
      ),
    ).toBe(true);
    // Every owner matched, so every owner is told of every one of their actions.
    for (const action of actions) {
      await app.fake.waitFor(
        "chat.postMessage",
        (c) => c.args.channel === action.owners[0]!.slackUserId && String(c.args.text).includes(action.reference),
      );
    }
  });
});
