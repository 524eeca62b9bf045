// /action end to end: signed requests into the real Bolt app, real PostgreSQL and
// Redis, Slack's side played by the fake Web API server.
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { startTestApp, type TestApp } from "../support/test-app";
import { closeRedis, createRedis } from "../../src/redis";
import { commandFields, form } from "../support/raw-slack";
import { runningClock } from "../../src/console/clock";
import { formShown } from "../support/forms";

// The app's clock starts on Mon 23 Nov 2026 10:00 London time and runs at real speed,
// so dates are predictable and events still happen in order.
const now = runningClock("2026-11-23T10:00:00Z");

const SECRETARY = "U0SECRETARY";
const OWNER = "U0OWNER";
const OTHER = "U0OTHER";
const ADMIN = "U0ADMIN";
const CHAIR = "U0CHAIR";

type Json = Record<string, unknown>;

describe("/action", () => {
  let app: TestApp;
  let workspaceId: string;
  let lcrbId: string;

  const db = () => app.runtime.db;
  const action = (reference: string) =>
    db().action.findUniqueOrThrow({
      where: { workspaceId_reference: { workspaceId, reference } },
      include: { owners: { orderBy: { position: "asc" } }, events: { orderBy: { createdAt: "asc" } } },
    });
  const run = async (text: string, actor: { userId?: string; channelId?: string; triggerId?: string } = {}) => {
    const sent = await app.slack.command("/action", text, actor);
    expect(sent.status).toBe(200);
    return sent.reply();
  };
  const textOf = (reply: Json) => String(reply.text);
  const blocksOf = (reply: Json) => JSON.stringify(reply.blocks);

  beforeAll(async () => {
    app = await startTestApp({ now });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    const lcrb = await db().board.create({
      data: {
        workspaceId,
        code: "LCRB",
        name: "London Crime Reduction Board",
        slackChannelId: "C0LCRB",
        chairSlackUserId: CHAIR,
        secretarySlackUserId: SECRETARY,
      },
    });
    lcrbId = lcrb.id;
    await db().board.create({
      data: { workspaceId, code: "CTB", name: "Counter Terrorism Board", slackChannelId: "C0CTB" },
    });
    await db().board.create({
      data: { workspaceId, code: "PRIV", name: "Private Oversight", slackChannelId: "G0PRIV", isPrivate: true },
    });
    app.fake.addChannel({ id: "G0PRIV", name: "priv", isPrivate: true, members: [SECRETARY], botIsMember: true });
    app.fake.addUser({ id: ADMIN, name: "admin", isAdmin: true });
    app.fake.addUser({ id: OTHER, name: "other" });
  });

  afterAll(async () => {
    await app.stop();
  });

  afterEach(() => {
    app.fake.assertNoViolations();
  });

  describe("add", () => {
    it("logs an action with owners, a body, a due date and a board, replies with what it understood, and tells the owner", async () => {
      const reply = await run(
        `add Draft the CONTEST terms of reference <@${OWNER}|owner> owner: London Councils and MOPAC by end of May #LCRB`,
      );
      expect(reply.response_type).toBe("ephemeral");
      expect(textOf(reply)).toMatch(/^LCRB-1 logged: Draft the CONTEST terms of reference/);
      expect(blocksOf(reply)).toContain("Mon 31 May 2027");
      expect(blocksOf(reply)).toContain('written: \\"end of May\\"');
      expect(blocksOf(reply)).toContain("London Councils, MOPAC");

      const saved = await action("LCRB-1");
      expect(saved).toMatchObject({
        text: "Draft the CONTEST terms of reference",
        status: "open",
        boardId: lcrbId,
        duePrecision: "month",
        dueText: "end of May",
        createdBySlackUserId: SECRETARY,
      });
      // 31 May 2027 00:00 in London (BST) is 23:00 UTC the day before.
      expect(saved.dueAt?.toISOString()).toBe("2027-05-30T23:00:00.000Z");
      expect(saved.owners.map((o) => o.slackUserId ?? o.bodyName)).toEqual([OWNER, "London Councils", "MOPAC"]);
      expect(saved.events.map((e) => e.type)).toEqual(["created"]);

      const dm = await app.fake.waitFor("chat.postMessage", (c) => c.args.channel === OWNER);
      expect(String(dm.args.text)).toContain("LCRB-1");
      await app.fake.waitFor("views.publish", (c) => c.args.user_id === OWNER);
    });

    it("numbers actions per board, uses the channel's board by default, and A-n without one", async () => {
      expect(textOf(await run("add Circulate the papers", { channelId: "C0LCRB" }))).toMatch(/^LCRB-2 logged/);
      expect(textOf(await run("add Brief the chair #CTB"))).toMatch(/^CTB-1 logged/);
      expect(textOf(await run("add Book the room"))).toMatch(/^A-1 logged/);
      expect(textOf(await run("add Book the room again"))).toMatch(/^A-2 logged/);
      expect((await action("A-1")).boardId).toBeNull();
    });

    it("refuses a date it cannot read, quoting it, and saves nothing", async () => {
      const before = await db().action.count();
      const reply = await run("add Review custody times due the twelfth of Neverember #LCRB");
      expect(textOf(reply)).toContain('I couldn\'t read "the twelfth of Neverember" as a date. Nothing was saved.');
      expect(blocksOf(reply)).toContain("next Friday");
      expect(await db().action.count()).toBe(before);
    });

    it("reads a quarter and the year end against the board's financial year, and April without a board", async () => {
      // LCRB's year starts in April (the default): Q3 is October to December.
      const lcrb = await run("add Report on the violence reduction fund by Q3 #LCRB");
      const inApril = await action(textOf(lcrb).split(" ")[0]!);
      expect([inApril.dueAt?.toISOString(), inApril.duePrecision]).toEqual(["2026-12-31T00:00:00.000Z", "month"]);
      expect(blocksOf(lcrb)).toContain('Thu 31 Dec 2026 (written: \\"Q3\\")');
      // CTB's starts in July: Q3 is January to March, and its year ends on 30 June.
      const ctbId = (await db().board.findFirstOrThrow({ where: { workspaceId, code: "CTB" } })).id;
      await db().board.update({ where: { id: ctbId }, data: { financialYearStartMonth: 7 } });
      try {
        const quarter = await action(
          textOf(await run("add Refresh the CONTEST delivery plan by Q3 #CTB")).split(" ")[0]!,
        );
        expect(quarter.dueAt?.toISOString()).toBe("2027-03-30T23:00:00.000Z");
        const yearEnd = await action(textOf(await run("add Close the Prevent grant by year end #CTB")).split(" ")[0]!);
        expect(yearEnd.dueAt?.toISOString()).toBe("2027-06-29T23:00:00.000Z");
      } finally {
        await db().board.update({ where: { id: ctbId }, data: { financialYearStartMonth: 4 } });
      }
      const boardless = await action(
        textOf(await run("add Publish the annual accounts by the end of the financial year")).split(" ")[0]!,
      );
      expect([boardless.boardId, boardless.dueAt?.toISOString()]).toEqual([null, "2027-03-30T23:00:00.000Z"]);
    });

    it("takes a date at the end without by or due as the due date, and shows it as understood", async () => {
      const reply = await run(`add Draft the knife crime paper <@${OWNER}|owner> in two weeks #LCRB`);
      const saved = await action(textOf(reply).split(" ")[0]!);
      expect(saved).toMatchObject({
        text: "Draft the knife crime paper",
        dueText: "in two weeks",
        duePrecision: "day",
      });
      expect(saved.dueAt?.toISOString()).toBe("2026-12-07T00:00:00.000Z");
      expect(blocksOf(reply)).toContain('Mon 7 Dec 2026 (written: \\"in two weeks\\")');

      const forBody = await action(
        textOf(await run("add Write to the hub owner: London Councils May or June 2027 #LCRB")).split(" ")[0]!,
      );
      expect(forBody.owners.map((o) => o.bodyName)).toEqual(["London Councils"]);
      expect([forBody.dueText, forBody.dueAt?.toISOString()]).toEqual(["May or June 2027", "2027-06-29T23:00:00.000Z"]);
    });

    it("refuses an unknown board, listing the boards there are, and saves nothing", async () => {
      const before = await db().action.count();
      const reply = await run("add Review custody times #NOPE");
      expect(textOf(reply)).toContain("There is no board #NOPE in this workspace.");
      expect(textOf(reply)).toContain("#LCRB");
      expect(await db().action.count()).toBe(before);
    });

    it("dates an action to the board's next meeting", async () => {
      const meeting = await db().meeting.create({
        data: { workspaceId, boardId: lcrbId, startsAt: new Date("2027-03-09T12:00:00Z") },
      });
      const reply = await run("add Report back on knife crime by the next meeting #LCRB");
      const reference = textOf(reply).split(" ")[0]!;
      const saved = await action(reference);
      expect(saved.dueMeetingId).toBe(meeting.id);
      expect(saved.dueAt?.toISOString()).toBe("2027-03-09T00:00:00.000Z");
      expect(blocksOf(reply)).toContain("Tue 9 Mar 2027");
      await db().meeting.delete({ where: { id: meeting.id } });
    });

    it("says so when the board has no next meeting yet", async () => {
      const reply = await run("add Report back by the next meeting #CTB");
      expect(textOf(reply)).toContain("#CTB has no next meeting scheduled");
    });

    it("creates one action when Slack delivers the same command twice", async () => {
      const triggerId = `retry-${Date.now()}`;
      const before = await db().action.count();
      const first = await run("add Publish the crime plan #CTB", { triggerId });
      const again = await app.slack.command(
        "/action",
        "add Publish the crime plan #CTB",
        { triggerId },
        { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } },
      );
      expect(again.status).toBe(200);
      // The repeat is acknowledged and dropped (the first was answered): a command sent after it is
      // answered, and by then the repeat, had it been queued, would have been answered before it.
      await run("list open #CTB");
      expect(again.replies()).toEqual([]);
      expect(await db().action.count()).toBe(before + 1);
      expect(textOf(first)).toMatch(/^[A-Z]+-\d+ logged/);
    });

    it("answers a grammar mistake with what was wrong and examples", async () => {
      const reply = await run("frobnicate LCRB-1");
      expect(textOf(reply)).toContain("frobnicate");
      expect(blocksOf(reply)).toContain("/action add");
    });

    it("answers help with the grammar", async () => {
      const reply = await run("help");
      expect(blocksOf(reply)).toContain("/action list");
      expect(blocksOf(reply)).toContain("/action done");
    });
  });

  describe("changes", () => {
    it("records an update, a new date and new owners, each as an event, and shows them in the history", async () => {
      await run(`add Map the youth violence services <@${OWNER}> by 19 December #LCRB`);
      const reference = (await db().action.findFirstOrThrow({ where: { text: "Map the youth violence services" } }))
        .reference;

      expect(
        textOf(await run(`update ${reference} First draft shared with the boroughs`, { userId: OWNER })),
      ).toContain(`Update recorded on ${reference}`);
      expect(textOf(await run(`due ${reference} end of January`, { userId: OWNER }))).toContain(
        `${reference} is now due Sun 31 Jan 2027`,
      );
      const assigned = await run(`assign ${reference} <@${ADMIN}> owner: MOPAC`, { userId: CHAIR });
      expect(textOf(assigned)).toContain(`${reference} now belongs to <@${ADMIN}>, MOPAC`);

      const saved = await action(reference);
      expect(saved.events.map((e) => e.type)).toEqual(["created", "note", "due_changed", "assigned"]);
      expect(saved.events[1]?.note).toBe("First draft shared with the boroughs");
      expect(saved.events[2]?.before).toMatchObject({ dueText: "19 December" });
      expect(saved.events[2]?.after).toMatchObject({ dueText: "end of January", duePrecision: "month" });
      expect(saved.events[3]?.after).toEqual({ owners: [`<@${ADMIN}>`, "MOPAC"] });
      expect(saved.owners.map((o) => o.slackUserId ?? o.bodyName)).toEqual([ADMIN, "MOPAC"]);
      // The new owner hears about it.
      await app.fake.waitFor(
        "chat.postMessage",
        (c) => c.args.channel === ADMIN && String(c.args.text).includes(reference),
      );

      const shown = await run(`show ${reference}`);
      expect(textOf(shown)).toContain(reference);
      const history = blocksOf(shown);
      expect(history).toContain("logged by");
      expect(history).toContain("First draft shared with the boroughs");
      expect(history).toContain(
        'from Sat 19 Dec 2026 (written: \\"19 December\\") to Sun 31 Jan 2027 (written: \\"end of January\\")',
      );
    });

    it("closes, drops and reopens, refusing what makes no sense", async () => {
      await run(`add Confirm the venue <@${OWNER}> #LCRB`);
      const { reference } = await db().action.findFirstOrThrow({ where: { text: "Confirm the venue" } });
      expect(textOf(await run(`done ${reference} Booked City Hall`, { userId: OWNER }))).toContain(
        `${reference} marked done by <@${OWNER}>`,
      );
      expect(textOf(await run(`done ${reference}`, { userId: OWNER }))).toContain(`${reference} is already done.`);
      expect(textOf(await run(`reopen ${reference}`, { userId: OWNER }))).toContain("open again");
      expect(textOf(await run(`drop ${reference} No longer needed`, { userId: SECRETARY }))).toContain(
        `${reference} dropped`,
      );
      const saved = await action(reference);
      expect(saved.status).toBe("dropped");
      expect(saved.events.map((e) => [e.type, e.note])).toEqual([
        ["created", null],
        ["done", "Booked City Hall"],
        ["reopened", null],
        ["dropped", "No longer needed"],
      ]);
    });

    it("refuses someone who is not an owner, creator, chair, secretary or admin, and changes nothing", async () => {
      await run(`add Review the stop and search data <@${OWNER}> #CTB`);
      const before = await db().action.findFirstOrThrow({
        where: { text: "Review the stop and search data" },
        include: { events: true },
      });
      const reply = await run(`done ${before.reference}`, { userId: OTHER });
      expect(textOf(reply)).toContain(`Only ${before.reference}'s owners`);
      expect(textOf(reply)).toContain("Nothing was changed");
      const after = await action(before.reference);
      expect(after.status).toBe("open");
      expect(after.version).toBe(before.version);
      expect(after.events).toHaveLength(before.events.length);

      // A workspace admin may.
      expect(textOf(await run(`done ${before.reference}`, { userId: ADMIN }))).toContain("marked done");
    });

    it("says which reference it could not find", async () => {
      expect(textOf(await run("show LCRB-999"))).toContain("There is no action LCRB-999");
    });
  });

  describe("buttons", () => {
    it("undoes logging an action from the confirmation, once", async () => {
      const reply = await run("add Write to the Home Office #CTB");
      const reference = textOf(reply).split(" ")[0]!;
      const undo = JSON.stringify(reply.blocks).match(/"action_id":"action.undo","value":"([^"]+)"/)?.[1];
      expect(undo).toBeDefined();
      const pressed = await (await app.slack.button({ actionId: "action.undo", value: undo! })).reply();
      expect(textOf(pressed)).toContain(`${reference} withdrawn`);
      expect((await action(reference)).status).toBe("dropped");
      const again = await (await app.slack.button({ actionId: "action.undo", value: undo! })).reply();
      expect(textOf(again)).toContain("can no longer be undone");
    });

    it("marks an action done from the Home tab, answering by DM and redrawing the Home tab", async () => {
      await run(`add Send the minutes to members <@${OWNER}> #LCRB`);
      const saved = await db().action.findFirstOrThrow({ where: { text: "Send the minutes to members" } });
      app.fake.reset();
      const pressed = await app.slack.button({ actionId: "action.done", value: saved.id, userId: OWNER, from: "home" });
      expect(pressed.status).toBe(200);
      const dm = await app.fake.waitFor(
        "chat.postMessage",
        (c) => c.args.channel === OWNER && String(c.args.text).includes(`${saved.reference} marked done`),
      );
      expect(JSON.stringify(dm.args.blocks)).toContain("Undo");
      // Redrawn without it (an earlier redraw, from logging it, still shows it).
      await app.fake.waitFor(
        "views.publish",
        (c) => c.args.user_id === OWNER && !JSON.stringify(c.args.view).includes(`*${saved.reference}*`),
      );
      expect((await action(saved.reference)).status).toBe("done");
    });

    it("opens an action's history in a modal", async () => {
      await run(`add Prepare the budget paper <@${OWNER}> #LCRB`);
      const saved = await db().action.findFirstOrThrow({ where: { text: "Prepare the budget paper" } });
      await app.slack.button({ actionId: "action.open", value: saved.id, userId: OWNER, from: "home" });
      const opened = await formShown(app.fake, (c) => JSON.stringify(c.args.view).includes(saved.reference));
      expect(JSON.stringify(opened.args.view)).toContain("History");
    });
  });

  describe("list and Home", () => {
    it("lists the person's open actions grouped by urgency, soonest first", async () => {
      const lister = "U0LISTER";
      await run(`add Overdue thing <@${lister}> by 1 November 2026 #LCRB`);
      await run(`add Later thing <@${lister}> by 30 January 2027 #LCRB`);
      await run(`add Soon thing <@${lister}> by Friday #LCRB`);
      await run(`add Undated thing <@${lister}> #LCRB`);
      const reply = await run("list", { userId: lister });
      const blocks = blocksOf(reply);
      const order = [
        "Overdue",
        "Overdue thing",
        "Due this week",
        "Soon thing",
        "Later",
        "Later thing",
        "No date",
        "Undated thing",
      ].map((s) => blocks.indexOf(s));
      expect(order.every((position) => position >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(blocks).toContain("🔴");
      expect(textOf(reply)).toContain("Your open actions: 4");

      const overdue = await run("list overdue #LCRB", { userId: lister });
      expect(blocksOf(overdue)).toContain("Overdue thing");
      expect(blocksOf(overdue)).not.toContain("Later thing");

      const theirs = await run(`list <@${lister}>`);
      expect(textOf(theirs)).toContain(": 4");

      await app.slack.event({ type: "app_home_opened", user: lister, channel: "D0LISTER", tab: "home" });
      const home = await app.fake.waitFor(
        "views.publish",
        (c) => c.args.user_id === lister && JSON.stringify(c.args.view).includes("Undated thing"),
      );
      expect(JSON.stringify(home.args.view)).toContain("action.done");
    });

    it("pages a long list with a more button", async () => {
      const busy = "U0BUSY";
      for (let i = 1; i <= 30; i++) await run(`add Task number ${i} <@${busy}> #CTB`);
      const first = await run("list", { userId: busy });
      expect((first.blocks as unknown[]).length).toBeLessThanOrEqual(50);
      expect(blocksOf(first)).toContain("Showing 1–25 of 30");
      const more = JSON.stringify(first.blocks).match(
        /"action_id":"action.list_more","value":"((?:[^"\\]|\\.)+)"/,
      )?.[1];
      expect(more).toBeDefined();
      const second = await (
        await app.slack.button({
          actionId: "action.list_more",
          value: JSON.parse(`"${more!}"`) as string,
          userId: busy,
        })
      ).reply();
      expect(blocksOf(second)).toContain("Showing 26–30 of 30");
    });

    it("keeps a private board's actions from people outside its channel", async () => {
      await run(`add Private matter <@${OWNER}> #PRIV`);
      const { reference } = await db().action.findFirstOrThrow({ where: { text: "Private matter" } });
      expect(blocksOf(await run("list open #PRIV"))).toContain("Private matter");
      expect(blocksOf(await run("list open #PRIV", { userId: OTHER }))).not.toContain("Private matter");
      expect(blocksOf(await run("list done", { userId: OTHER }))).not.toContain("Private matter");
      await run(`done ${reference}`);
      expect(blocksOf(await run("list done"))).toContain("Private matter");
      expect(blocksOf(await run("list done", { userId: OTHER }))).not.toContain("Private matter");
      expect(textOf(await run(`show ${reference}`, { userId: OTHER }))).toContain(`There is no action ${reference}`);
    });

    it("answers help, list and show once: in the acknowledgement when ready at once, else through response_url", async () => {
      const sent = await Promise.all(
        ["help", "list open #LCRB", "show LCRB-1"].map((text) => app.slack.command("/action", text)),
      );
      // Sent together, the first may be answered in its acknowledgement (no other read under way)
      // and the others through response_url; the test does not rely on which.
      const answers = await Promise.all(sent.map(async (s) => textOf(await s.reply(10_000))));
      expect(answers[1]).toContain("Open actions · #LCRB");
      expect(answers[2]).toContain("LCRB-1");
      // No copy is left in Redis to answer again later.
      expect(await readCopiesLeft(app)).toBe(0);
      // One answer each: the acknowledgement's (then the reply recorded is the acknowledgement) or one reply.
      expect(sent.map((s) => s.replies().length)).toEqual([1, 1, 1]);
    });

    it("acknowledges a read not ready in time at once, answers it through response_url when done, and settles its copy in Redis", async () => {
      // A private board whose members Slack is slow to give: the list waits on them.
      await db().board.create({
        data: { workspaceId, code: "SLOW", name: "Slow board", slackChannelId: "G0SLOW", isPrivate: true },
      });
      app.fake.addChannel({ id: "G0SLOW", name: "slow", isPrivate: true, members: [SECRETARY], botIsMember: true });
      app.fake.delayNextAnswer("conversations.members", 2500);
      const startedAt = Date.now();
      const sent = await app.slack.command("/action", "list open");
      expect(sent.status).toBe(200);
      expect(sent.json?.text).toBeUndefined();
      expect(Date.now() - startedAt).toBeLessThan(2500);
      expect(Date.now() - startedAt).toBeLessThan(1000);
      expect(textOf(await sent.reply(10_000))).toContain("Open actions");
      // Its safety copy (due in 30 s, for a process that died before answering) is gone from Redis.
      expect(await readCopiesLeft(app)).toBe(0);
      expect(sent.replies()).toHaveLength(1);
    });
  });

  /** A list acknowledged and still under way, waiting on Slack for a new private board's members (2.5 s). */
  async function readWaitingOnSlack(code: string) {
    const channel = `G0${code}`;
    await db().board.create({
      data: { workspaceId, code, name: `${code} board`, slackChannelId: channel, isPrivate: true },
    });
    app.fake.addChannel({
      id: channel,
      name: code.toLowerCase(),
      isPrivate: true,
      members: [SECRETARY],
      botIsMember: true,
    });
    app.fake.delayNextAnswer("conversations.members", 2500);
    const [list] = await Promise.all([
      app.slack.command("/action", "list open"),
      app.fake.waitFor("conversations.members", (c) => c.args.channel === channel, 5_000),
    ]);
    return list;
  }

  it("acknowledges a read at once while another is under way, and answers it once through response_url", async () => {
    const slow = await readWaitingOnSlack("SLOWER");
    const sent = await app.slack.command("/action", "show LCRB-1");
    // Acknowledged with nothing while the first read still waits on Slack: answered after.
    expect(sent.status).toBe(200);
    expect(sent.json?.text).toBeUndefined();
    expect(textOf(await sent.reply(10_000))).toContain("LCRB-1");
    expect(textOf(await slow.reply(10_000))).toContain("Open actions");
    expect(await readCopiesLeft(app)).toBe(0);
    expect(sent.replies()).toHaveLength(1);
  });

  it("answers a read Slack sent twice (the same trigger) once, while another read is under way", async () => {
    const slow = await readWaitingOnSlack("SLOWISH");
    const triggerId = app.fake.issueTriggerId();
    const ignored = () => app.logs.records().filter((r) => r.msg === "ignored a repeated Slack request").length;
    const ignoredBefore = ignored();
    const sent = await app.slack.command("/action", "show LCRB-1", { triggerId });
    const again = await app.slack.command("/action", "show LCRB-1", { triggerId });
    // Both acknowledged with nothing (a read was under way); the repeat was found in the step that keeps a copy.
    expect([sent.status, again.status]).toEqual([200, 200]);
    expect(sent.json?.text).toBeUndefined();
    expect(again.json?.text).toBeUndefined();
    expect(slow.replies()).toEqual([]);
    expect(ignored()).toBe(ignoredBefore + 1);
    expect(textOf(await sent.reply(10_000))).toContain("LCRB-1");
    // A read sent after it is answered, and so is the slow one: the repeat, had it run, would have answered by then.
    expect(textOf(await (await app.slack.command("/action", "show LCRB-1")).reply(10_000))).toContain("LCRB-1");
    await slow.reply(10_000);
    expect(await readCopiesLeft(app)).toBe(0);
    expect(again.replies()).toEqual([]);
    expect(sent.replies()).toHaveLength(1);
  });

  it("answers a read by DM when Slack refuses its answer through response_url (used five times already)", async () => {
    const slow = await readWaitingOnSlack("SLOWEST");
    const responseUrl = app.fake.responseUrl("read-used-up");
    for (let i = 0; i < 5; i++)
      await fetch(responseUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"text":"-"}',
      });
    const fields = { text: "show LCRB-1", response_url: responseUrl, trigger_id: app.fake.issueTriggerId() };
    const sent = await app.slack.post(
      form(commandFields(app.fake.teamId, fields)),
      "application/x-www-form-urlencoded",
    );
    // Acknowledged at once (a read was under way); its answer from memory is refused, and a copy answers by DM.
    expect(sent.status).toBe(200);
    expect(sent.json?.text).toBeUndefined();
    const dm = await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === SECRETARY && String(c.args.text).includes("LCRB-1"),
      15_000,
    );
    expect(String(dm.args.text)).toContain("LCRB-1");
    await slow.reply(10_000);
    expect(await readCopiesLeft(app)).toBe(0);
  });

  it("asks Slack for a private channel's members once for many lists in a row, not once per list", async () => {
    const asked = () => app.fake.callsTo("conversations.members").filter((c) => c.args.channel === "G0PRIV").length;
    await run("list open", { userId: OTHER });
    const afterFirst = asked();
    for (let i = 0; i < 5; i++) await run("list open", { userId: i % 2 === 0 ? OTHER : SECRETARY });
    expect(asked()).toBe(afterFirst);
    expect(afterFirst).toBeLessThanOrEqual(1);
  });

  describe("forms", () => {
    const submit = (values: Record<string, Record<string, unknown>>, metadata: Json, userId = SECRETARY) =>
      app.slack.interaction({
        type: "view_submission",
        user: { id: userId, username: userId.toLowerCase(), team_id: app.fake.teamId },
        view: {
          id: `V${Date.now()}${Math.floor(Math.random() * 1000)}`,
          type: "modal",
          callback_id: "action.modal",
          private_metadata: JSON.stringify(metadata),
          state: { values },
        },
      });
    const field = (value: unknown) => ({ value });

    it("opens the New action form for /action alone, with the channel's board chosen", async () => {
      const sent = await app.slack.command("/action", "", { channelId: "C0LCRB" });
      expect(sent.status).toBe(200);
      const opened = await formShown(app.fake, (c) => (c.args.view as Json).callback_id === "action.modal");
      const view = JSON.stringify(opened.args.view);
      expect(view).toContain("New action");
      expect(view).toContain(
        '"initial_option":{"text":{"type":"plain_text","text":"LCRB · London Crime Reduction Board"',
      );
    });

    it("logs an action from the form, confirming in the channel", async () => {
      const sent = await submit(
        {
          text: { value: field("Publish the annual report") },
          owner_users: { value: { type: "multi_users_select", selected_users: [OWNER] } },
          owner_bodies: { value: field("London Councils, MOPAC") },
          due_date: { value: { type: "datepicker", selected_date: "2027-02-12" } },
          due_phrase: { value: field(null) },
          board: { value: { type: "static_select", selected_option: { value: lcrbId } } },
        },
        { mode: "new", channelId: "C0LCRB" },
      );
      expect(sent.status).toBe(200);
      const confirmation = await app.fake.waitFor("chat.postEphemeral", (c) =>
        String(c.args.text).includes("Publish the annual report"),
      );
      expect(confirmation.args.channel).toBe("C0LCRB");
      const saved = await db().action.findFirstOrThrow({
        where: { text: "Publish the annual report" },
        include: { owners: true },
      });
      expect(saved.reference).toMatch(/^LCRB-\d+$/);
      expect(saved.dueAt?.toISOString()).toBe("2027-02-12T00:00:00.000Z");
      expect(saved.dueText).toBeNull();
      expect(saved.owners).toHaveLength(3);
    });

    it("shows a date it cannot read beside the field, and saves nothing", async () => {
      const before = await db().action.count();
      const sent = await submit(
        { text: { value: field("Something") }, due_phrase: { value: field("whenever suits") } },
        { mode: "new", channelId: "C0LCRB" },
      );
      expect(sent.json?.response_action).toBe("errors");
      expect(JSON.stringify(sent.json?.errors)).toContain("whenever suits");
      expect(await db().action.count()).toBe(before);
    });

    it("edits an action from the Edit button, recording only what changed", async () => {
      const reply = await run(`add Draft the estates strategy <@${OWNER}> by 1 March 2027 #LCRB`);
      const reference = textOf(reply).split(" ")[0]!;
      const saved = await action(reference);
      await app.slack.button({ actionId: "action.edit", value: saved.id });
      const opened = await formShown(app.fake, (c) =>
        JSON.stringify(c.args.view).includes("Draft the estates strategy"),
      );
      const metadata = JSON.parse(String((opened.args.view as Json).private_metadata)) as Json;
      expect(metadata).toMatchObject({ mode: "edit", actionId: saved.id, version: saved.version });

      await submit(
        {
          text: { value: field("Draft the estates strategy for consultation") },
          owner_users: { value: { type: "multi_users_select", selected_users: [OWNER] } },
          owner_bodies: { value: field(null) },
          due_date: { value: { type: "datepicker", selected_date: "2027-03-01" } },
        },
        metadata,
      );
      await app.fake.waitFor("chat.postEphemeral", (c) => String(c.args.text).includes(`${reference} saved`));
      const edited = await action(reference);
      expect(edited.text).toBe("Draft the estates strategy for consultation");
      const last = edited.events[edited.events.length - 1]!;
      expect(last.type).toBe("updated");
      expect(last.before).toEqual({ text: "Draft the estates strategy" });
      expect(last.after).toEqual({ text: "Draft the estates strategy for consultation" });

      // The same form submitted again is stale: nothing more is saved.
      await submit({ text: { value: field("Something else") } }, metadata);
      await app.fake.waitFor("chat.postEphemeral", (c) => String(c.args.text).includes("changed by someone else"));
      expect((await action(reference)).text).toBe("Draft the estates strategy for consultation");
    });

    it("logs a message as an action from the shortcut, prefilled and linked back", async () => {
      await app.slack.interaction({
        type: "message_action",
        callback_id: "log_as_action",
        user: { id: SECRETARY, username: "secretary", team_id: app.fake.teamId },
        channel: { id: "C0LCRB", name: "lcrb" },
        message_ts: "1700000100.000200",
        message: {
          type: "message",
          user: CHAIR,
          ts: "1700000100.000200",
          text: `<@${OWNER}> to circulate the knife crime dashboard`,
        },
      });
      const opened = await formShown(app.fake, (c) =>
        JSON.stringify(c.args.view).includes("circulate the knife crime dashboard"),
      );
      const view = opened.args.view as Json;
      expect(JSON.stringify(view)).toContain(`"initial_users":["${OWNER}"]`);
      const metadata = JSON.parse(String(view.private_metadata)) as Json;
      expect(metadata).toMatchObject({ sourceChannelId: "C0LCRB", sourceMessageTs: "1700000100.000200" });
      await submit({ text: { value: field("Circulate the knife crime dashboard") } }, metadata);
      const confirmation = await app.fake.waitFor("chat.postEphemeral", (c) =>
        String(c.args.text).includes("Circulate the knife crime dashboard"),
      );
      expect(JSON.stringify(confirmation.args.blocks)).toContain("https://slack.com/archives/C0LCRB/p1700000100000200");
      const saved = await db().action.findFirstOrThrow({ where: { text: "Circulate the knife crime dashboard" } });
      expect(saved).toMatchObject({ sourceChannelId: "C0LCRB", sourceMessageTs: "1700000100.000200" });
    });
  });

  describe("who is told of a change", () => {
    const CO = "U0COOWNER";
    const NEWBIE = "U0NEWBIE";
    /** DMs about `reference` to `userId` since call number `from`. */
    const dmsTo = (userId: string, reference: string, from: number) =>
      app.fake.calls
        .slice(from)
        .filter(
          (c) =>
            c.method === "chat.postMessage" && c.args.channel === userId && String(c.args.text).includes(reference),
        );
    /** Waits for the DMs a change should send, then for the actor's Home redraw, which comes after every DM of that change. */
    const told = async (from: number, actor: string, expected: Array<[string, string]>) => {
      let last = from;
      for (const [userId, text] of expected) {
        const dm = await app.fake.waitFor(
          "chat.postMessage",
          (c) => app.fake.calls.indexOf(c) >= from && c.args.channel === userId && String(c.args.text).includes(text),
        );
        last = Math.max(last, app.fake.calls.indexOf(dm));
      }
      await app.fake.waitFor("views.publish", (c) => app.fake.calls.indexOf(c) > last && c.args.user_id === actor);
    };
    const undoIn = (reply: Json) =>
      JSON.stringify(reply.blocks).match(/"action_id":"action.undo","value":"([^"]+)"/)?.[1] ?? "";

    it("tells every other owner of a new date, the new and removed owners of a reassignment, and no one twice", async () => {
      let from = app.fake.calls.length;
      const logged = await run(
        `add Agree the CCTV data sharing protocol <@${OWNER}> <@${CO}> owner: MOPAC by 1 March 2027 #LCRB`,
      );
      const reference = textOf(logged).split(" ")[0]!;
      await told(from, SECRETARY, [
        [OWNER, `New action for you · ${reference}:`],
        [CO, `New action for you · ${reference}:`],
      ]);

      // A co-owner moves the date: the other owner hears of it; the one who moved it does not.
      from = app.fake.calls.length;
      await run(`due ${reference} 15 March 2027`, { userId: OWNER });
      await told(from, OWNER, [
        [CO, `New date for ${reference}: Mon 15 Mar 2027 (was Mon 1 Mar 2027). Agree the CCTV data sharing protocol`],
      ]);
      expect([
        dmsTo(OWNER, reference, from).length,
        dmsTo(CO, reference, from).length,
        dmsTo(SECRETARY, reference, from).length,
      ]).toEqual([0, 1, 0]);
      const dateDm = dmsTo(CO, reference, from)[0]!;
      expect(JSON.stringify(dateDm.args.blocks)).toContain(`changed by <@${OWNER}>`);

      // The chair gives it to the co-owner and someone new: the new owner and the removed one are told; the one kept is not.
      from = app.fake.calls.length;
      await run(`assign ${reference} <@${CO}> <@${NEWBIE}>`, { userId: CHAIR });
      await told(from, CHAIR, [
        [NEWBIE, `Action given to you · ${reference}`],
        [OWNER, `${reference} is no longer yours`],
      ]);
      expect([
        dmsTo(NEWBIE, reference, from).length,
        dmsTo(OWNER, reference, from).length,
        dmsTo(CO, reference, from).length,
        dmsTo(CHAIR, reference, from).length,
      ]).toEqual([1, 1, 0, 0]);
      expect(String(dmsTo(OWNER, reference, from)[0]!.args.text)).toBe(
        `${reference} is no longer yours: Agree the CCTV data sharing protocol. It is now with <@${CO}>, <@${NEWBIE}>.`,
      );

      // The Edit form changes both at once: the owner given it back hears once (the "given" message carries
      // the new date), the one removed once, the one kept once, of the date.
      const saved = await action(reference);
      await app.slack.button({ actionId: "action.edit", value: saved.id });
      const metadataOf = (view: unknown) => JSON.parse(String((view as Json).private_metadata)) as Json;
      const opened = await formShown(
        app.fake,
        (c) =>
          (c.args.view as Json).callback_id === "action.modal" &&
          metadataOf(c.args.view).actionId === saved.id &&
          metadataOf(c.args.view).version === saved.version,
      );
      from = app.fake.calls.length;
      await app.slack.interaction({
        type: "view_submission",
        user: { id: SECRETARY, username: "secretary", team_id: app.fake.teamId },
        view: {
          id: `V${Date.now()}`,
          type: "modal",
          callback_id: "action.modal",
          private_metadata: String((opened.args.view as Json).private_metadata),
          state: {
            values: {
              text: { value: { value: "Agree the CCTV data sharing protocol" } },
              owner_users: { value: { type: "multi_users_select", selected_users: [NEWBIE, OWNER] } },
              owner_bodies: { value: { value: "MOPAC" } },
              due_phrase: { value: { value: null } },
              due_date: { value: { type: "datepicker", selected_date: "2027-04-01" } },
            },
          },
        },
      });
      await told(from, SECRETARY, [
        [OWNER, `Action given to you · ${reference}`],
        [CO, `${reference} is no longer yours`],
        [NEWBIE, `New date for ${reference}: Thu 1 Apr 2027 (was Mon 15 Mar 2027)`],
      ]);
      expect([
        dmsTo(OWNER, reference, from).length,
        dmsTo(CO, reference, from).length,
        dmsTo(NEWBIE, reference, from).length,
        dmsTo(SECRETARY, reference, from).length,
      ]).toEqual([1, 1, 1, 0]);
      expect(String(dmsTo(OWNER, reference, from)[0]!.args.text)).toContain("(due Thu 1 Apr 2027)");

      // Undoing a close: every owner hears it is open again.
      const closed = await run(`done ${reference}`);
      from = app.fake.calls.length;
      expect(
        textOf(await (await app.slack.button({ actionId: "action.undo", value: undoIn(closed) })).reply()),
      ).toContain(`${reference} reopened`);
      await told(from, SECRETARY, [
        [NEWBIE, `${reference} is open again: <@${SECRETARY}> undid marking it done.`],
        [OWNER, `${reference} is open again`],
      ]);
      expect([
        dmsTo(NEWBIE, reference, from).length,
        dmsTo(OWNER, reference, from).length,
        dmsTo(SECRETARY, reference, from).length,
      ]).toEqual([1, 1, 0]);
      app.fake.assertNoViolations();
    });

    it("tells the other owners when logging an action is undone, and not the person who undid it", async () => {
      let from = app.fake.calls.length;
      const logged = await run(`add Book the community engagement event <@${OWNER}> <@${CO}> #LCRB`, { userId: OWNER });
      const reference = textOf(logged).split(" ")[0]!;
      await told(from, OWNER, [[CO, `New action for you · ${reference}:`]]);
      from = app.fake.calls.length;
      await app.slack.button({ actionId: "action.undo", value: undoIn(logged), userId: OWNER });
      await told(from, OWNER, [[CO, `${reference} withdrawn: <@${OWNER}> undid logging it.`]]);
      expect(dmsTo(OWNER, reference, from)).toHaveLength(0);
      expect(dmsTo(CO, reference, from)).toHaveLength(1);
    });

    it("says owners were sent a message only when one of them uses Slack and is not the person logging it", async () => {
      const SENT = "Owners who use Slack have been sent a message.";
      expect(
        blocksOf(await run("add Publish the partnership plan owner: London Councils and MOPAC #LCRB")),
      ).not.toContain(SENT);
      expect(blocksOf(await run(`add Chase the venue booking <@${SECRETARY}> owner: MOPAC #LCRB`))).not.toContain(SENT);
      expect(blocksOf(await run(`add Chase the catering <@${SECRETARY}> <@${OWNER}> #LCRB`))).toContain(SENT);
    });
  });
});

/** Read copies left in Redis once they have had a few seconds to be settled (answered reads remove theirs). */
async function readCopiesLeft(app: TestApp): Promise<number> {
  const redis = createRedis({ url: app.config.redisUrl, name: "test" });
  try {
    const copies = `${app.config.redisKeyPrefix}:read-copies`;
    const deadline = Date.now() + 5_000;
    while ((await redis.zcard(copies)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return await redis.zcard(copies);
  } finally {
    await closeRedis(redis);
  }
}
