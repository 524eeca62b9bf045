// Every /board and /meeting command and refusal over signed HTTP, with the reminders
// each change plans, moves or cancels, and the actions due at a meeting following it.
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { renderBlocksAsText } from "../../src/slack/views/render-text";
import { startTestApp, type TestApp } from "../support/test-app";
import { runningClock } from "../../src/console/clock";
import { formShown } from "../support/forms";

type Json = Record<string, unknown>;

// Mon 23 Nov 2026, 10:00 London.
const now = runningClock("2026-11-23T10:00:00Z");

const SECRETARY = "U0SECRETARY";
const CHAIR = "U0CHAIR";
const OWNER = "U0OWNER";
const OTHER = "U0OTHER";
const ADMIN = "U0ADMIN";
const PARIS = "U0PARIS";
const CHANNEL = "C0OB";

describe("/board and /meeting commands", () => {
  let app: TestApp;
  let workspaceId: string;
  const db = () => app.runtime.db;
  const say = async (command: "/board" | "/meeting", text: string, userId = SECRETARY, channelId = CHANNEL) => {
    const reply = await (
      await app.slack.command(command, text, { userId, channelId, triggerId: `T${Math.random()}` })
    ).reply();
    return { text: String(reply.text), shown: renderBlocksAsText(reply.blocks as unknown[]) };
  };
  const ob = () => db().board.findFirstOrThrow({ where: { workspaceId, code: "OB" } });
  const meetingOn = async (iso: string) =>
    db().meeting.findFirstOrThrow({ where: { boardId: (await ob()).id, startsAt: new Date(iso) } });
  /** Minutebook's posts that Slack took in a channel (not DMs, not refused ones). */
  const announcementsIn = (channel: string) =>
    app.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === channel && c.response.ok === true);
  const remindersOf = async (meetingId: string) =>
    (await db().reminder.findMany({ where: { meetingId, state: "scheduled" }, orderBy: { fireAt: "asc" } })).map(
      (r) => [r.kind, r.fireAt.toISOString()],
    );

  beforeAll(async () => {
    app = await startTestApp({ now });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    app.fake.addChannel({ id: CHANNEL, name: "oversight", isPrivate: false, members: [SECRETARY, CHAIR, OWNER] });
    app.fake.addUser({ id: SECRETARY, name: "secretary" });
    app.fake.addUser({ id: OTHER, name: "other" });
    app.fake.addUser({ id: ADMIN, name: "admin", isAdmin: true });
    app.fake.addUser({ id: PARIS, name: "paris", tz: "Europe/Paris" });
  });
  afterAll(async () => {
    await app.stop();
  });
  afterEach(() => app.fake.assertNoViolations());

  describe("/board", () => {
    it("answers help, and refuses what it does not know with examples", async () => {
      const help = await say("/board", "help");
      expect(help.shown).toContain("/board create <CODE> <name>");
      expect(help.shown).toContain("/board settings [#CODE]");
      const unknown = await say("/board", "delete OB");
      expect(unknown.text).toBe(
        "I don't know \"/board delete OB\". Try `/board create LCRB London Crime Reduction Board` in the board's channel, `/board settings`, `/board` or `/board #LCRB`.",
      );
    });

    it("says how to create a board in a channel without one, and that a code names no board", async () => {
      const none = await say("/board", "");
      expect(none.text).toBe(
        "This channel is not a board's channel. Name the board (such as #LCRB), or create one here with `/board create LCRB London Crime Reduction Board`.",
      );
      expect((await say("/board", "#NOPE")).text).toBe(
        "There is no board #NOPE in this workspace. There are no boards yet: create one with `/board create <CODE> <name>` in its channel.",
      );
    });

    it("refuses a board in a direct message, and a create without code or name, each with an example", async () => {
      const dm = await say("/board", "create OB Oversight Board", SECRETARY, "D0SECRETARY");
      expect(dm.text).toBe(
        "A board needs a channel of its own, not a direct message. Nothing was created. In the board's channel, try `/board create LCRB London Crime Reduction Board`.",
      );
      expect((await say("/board", "create")).text).toBe(
        "Give the board a short code and a name. Nothing was created. Try: `/board create LCRB London Crime Reduction Board`.",
      );
      expect((await say("/board", "create O Oversight")).text).toContain(
        '"O" can\'t be a board code: use 2 to 10 letters and digits',
      );
      expect((await say("/board", "create OVERSIGHTBOARD Oversight")).text).toContain("can't be a board code");
      expect((await say("/board", "create OB-1 Oversight")).text).toContain("can't be a board code");
      expect(await db().board.count({ where: { workspaceId } })).toBe(0);
    });

    it("creates the board with its creator as secretary, then shows it", async () => {
      const created = await say("/board", `create <#${CHANNEL}|ob> Oversight Board`);
      expect(created.text).toBe("OB · Oversight Board created; this is its channel. You are its secretary for now.");
      expect(created.shown).toContain("`/board settings` for the chair, time zone and when it meets");
      expect(await ob()).toMatchObject({
        code: "OB",
        secretarySlackUserId: SECRETARY,
        createdBySlackUserId: SECRETARY,
        chairSlackUserId: null,
        timeZone: "Europe/London",
        recurrenceRule: null,
      });
      const shown = await say("/board", "");
      expect(shown.text).toBe(
        "OB · Oversight Board: next meeting none scheduled; meets meetings scheduled one by one; 0 open actions, 0 overdue.",
      );
      expect(shown.shown).toContain("Chair not set · Secretary @U0SECRETARY");
      expect(shown.shown).toContain("Time zone Europe/London · holidays of England and Wales · reminders at 09:00");
      // The same board by its code, from another channel.
      expect((await say("/board", "#ob", OTHER, "C0GENERAL")).text).toContain("OB · Oversight Board");
      expect((await say("/board", "show #OB", OTHER, "C0GENERAL")).text).toContain("OB · Oversight Board");
      // "#oversight" as Slack sends it when that channel exists: a mention of the board's channel.
      expect((await say("/board", `<#${CHANNEL}|oversight>`, OTHER, "C0GENERAL")).text).toContain(
        "OB · Oversight Board",
      );
      expect((await say("/board", "<#C0GENERAL|general>", OTHER, "C0GENERAL")).text).toContain(
        "There is no board <#C0GENERAL> in this workspace. Boards here: #OB.",
      );
    });

    it("refuses settings to someone with no say", async () => {
      // The form opens at once, and says so in place of the fields.
      await app.slack.command("/board", "settings", { userId: OTHER, channelId: CHANNEL, triggerId: "T0OTHER" });
      const refused = (await formShown(app.fake, (c) => c.args.trigger_id === "T0OTHER")).args.view as Json;
      expect(refused.callback_id).toBe("form.problem");
      expect(JSON.stringify(refused.blocks)).toContain(
        "Only OB's chair, secretary, whoever created it, or a workspace admin can do that. Nothing was changed.",
      );
      await app.slack.command("/board", "settings #OB", {
        userId: ADMIN,
        channelId: "C0GENERAL",
        triggerId: "T0ADMIN",
      });
      await formShown(app.fake, (c) => (c.args.view as Json).callback_id === "board.settings");
    });
  });

  describe("/meeting", () => {
    let reference = "";
    it("answers help, and refuses an unknown verb or a channel without a board", async () => {
      expect((await say("/meeting", "")).shown).toContain(
        "/meeting move [#BOARD] <date> to <date and time> [at <place>]",
      );
      expect((await say("/meeting", "postpone 9 June")).text).toContain(
        'I don\'t know "/meeting postpone". It can schedule, move, cancel, close, list, or show the next meeting.',
      );
      expect((await say("/meeting", "next", SECRETARY, "C0GENERAL")).text).toContain(
        "This channel is not a board's channel.",
      );
      expect((await say("/meeting", "next")).text).toBe(
        "OB has no meeting scheduled. Schedule one with `/meeting schedule <date and time>`, or give the board a schedule in `/board settings`.",
      );
    });

    it("refuses a time it cannot use: none given (and no usual one), unreadable, past, not a day", async () => {
      expect((await say("/meeting", "schedule 9 June 2027")).text).toContain(
        "Give a time too, such as 15:30 (or set the board's usual start time in `/board settings`). Nothing was changed.",
      );
      expect((await say("/meeting", "schedule the twelfth of Neverember 10:00")).text).toContain(
        'I couldn\'t read "the twelfth of Neverember" as a day. Nothing was changed. Try: `9 June 2027 15:30`',
      );
      expect((await say("/meeting", "schedule 1 March 2026 10:00")).text).toBe(
        "That is in the past (Sun 1 Mar 2026 at 10:00). Meetings are scheduled ahead. Nothing was changed. Try: `9 June 2027 15:30`, `next Tuesday 3.30pm`, `Tue 9 Jun at noon`.",
      );
      expect((await say("/meeting", "schedule today 08:00")).text).toContain(
        "That is in the past (Mon 23 Nov 2026 at 08:00)",
      );
      expect((await say("/meeting", "schedule end of June 15:00")).text).toContain('"end of June" is not one day');
      expect((await say("/meeting", "schedule 9 June 2027 10:00", OTHER)).text).toContain("Only OB's chair, secretary");
      expect(await db().meeting.count({ where: { workspaceId } })).toBe(0);
    });

    it("schedules with times as people write them, the place after 'at', and its reminders", async () => {
      const first = await say("/meeting", "schedule next Tuesday 3.30pm at the Guildhall");
      expect(first.text).toBe(
        "OB meeting scheduled: Tue 1 Dec 2026, 15:30, the Guildhall. The call for papers and the matters-arising list will go to the board's channel before it.",
      );
      // Papers are due Tue 24 Nov, five working days before the meeting. The call, five working days
      // before that (Tue 17 Nov), has gone by, and the next send time is the deadline day itself, so
      // there is only the last call.
      expect(await remindersOf((await meetingOn("2026-12-01T15:30:00Z")).id)).toEqual([
        ["papers_last_call", "2026-11-24T09:00:00.000Z"],
        ["matters_arising", "2026-11-30T09:00:00.000Z"],
      ]);
      const second = await say("/meeting", "schedule 9 June 2027 12:00pm at City Hall");
      expect(second.text).toContain("OB meeting scheduled: Wed 9 Jun 2027, 12:00, City Hall.");
      // A workspace admin may, from another channel, naming the board.
      expect((await say("/meeting", "schedule #OB 13 January 2027 10:00", ADMIN, "C0GENERAL")).text).toContain(
        "OB meeting scheduled: Wed 13 Jan 2027, 10:00.",
      );
      // Too close for a call for papers: said so, and none planned.
      const soon = await say("/meeting", "schedule tomorrow 17:00");
      expect(soon.text).toBe(
        "OB meeting scheduled: Tue 24 Nov 2026, 17:00. It is too soon for the call for papers and the matters-arising list before it.",
      );
      expect(await remindersOf((await meetingOn("2026-11-24T17:00:00Z")).id)).toEqual([]);
      expect((await say("/meeting", "schedule 1 December 2026 09:00")).text).toBe(
        "OB already meets on Tue 1 Dec 2026 at 15:30. Nothing was changed. To change it: `/meeting move Tue 1 Dec 2026 to <date and time>`.",
      );
    });

    it("names the board's zone when the reader's differs", async () => {
      const next = await say("/meeting", "next", PARIS);
      expect(next.text).toBe(
        "OB next meets Tue 24 Nov 2026, 17:00 (Europe/London time). 0 open actions are due by then.",
      );
      expect((await say("/meeting", "next")).text).toBe(
        "OB next meets Tue 24 Nov 2026, 17:00. 0 open actions are due by then.",
      );
    });

    it("moves a meeting: keeping its time unless given, its reminders and the actions due at it following", async () => {
      const added = await app.slack.command(
        "/action",
        "add Bring the estates options paper <@U0OWNER|owner> by the next meeting #OB",
        { userId: SECRETARY, channelId: CHANNEL },
      );
      reference = String((await added.reply()).text).split(" ")[0]!;
      const action = await db().action.findFirstOrThrow({ where: { workspaceId, reference } });
      const dueMeeting = await meetingOn("2026-11-24T17:00:00Z");
      expect(action.dueMeetingId).toBe(dueMeeting.id);

      const moved = await say("/meeting", "move 24 November to 3 December 2026");
      expect(moved.text).toBe(
        `OB meeting of Tue 24 Nov 2026 moved to Thu 3 Dec 2026, 17:00. Its call for papers and matters arising moved with it. ${reference} now falls due on the new day.`,
      );
      // The board's channel is told: what moved, from when to when, and who moved it.
      const announced = announcementsIn(CHANNEL);
      expect(announced.map((c) => c.args.text)).toEqual([
        `OB meeting moved from Tue 24 Nov 2026, 17:00 to Thu 3 Dec 2026, 17:00. The call for papers and matters arising follow the new date. ${reference} now falls due on the new day. Moved by <@${SECRETARY}>.`,
      ]);
      expect(renderBlocksAsText(announced[0]!.args.blocks as unknown[])).toContain(
        "OB meeting moved to Thu 3 Dec 2026, 17:00\nIt was to meet Tue 24 Nov 2026, 17:00.",
      );
      // Papers due Thu 26 Nov; the call's own day (Thu 19 Nov) has passed, so it goes at the next
      // send time, Tue 24 Nov, before the last call.
      expect(await remindersOf(dueMeeting.id)).toEqual([
        ["papers_call", "2026-11-24T09:00:00.000Z"],
        ["papers_last_call", "2026-11-26T09:00:00.000Z"],
        ["matters_arising", "2026-12-02T09:00:00.000Z"],
      ]);
      const after = await db().action.findFirstOrThrow({ where: { id: action.id } });
      expect(after.dueAt?.toISOString()).toBe("2026-12-03T00:00:00.000Z");
      const actionReminders = await db().reminder.findMany({
        where: { actionId: action.id, state: "scheduled" },
        orderBy: { fireAt: "asc" },
      });
      expect(actionReminders.slice(0, 3).map((r) => [r.kind, r.fireAt.toISOString()])).toEqual([
        ["due_7d", "2026-11-26T09:00:00.000Z"],
        ["due_1wd", "2026-12-02T09:00:00.000Z"],
        ["due_day", "2026-12-03T09:00:00.000Z"],
      ]);
      expect(await db().actionEvent.findFirst({ where: { actionId: action.id, type: "due_changed" } })).toMatchObject({
        actorLabel: "meeting moved",
      });
      // The owner's Home tab is redrawn with the new date.
      await app.fake.waitFor(
        "views.publish",
        (c) => c.args.user_id === OWNER && JSON.stringify(c.args.view).includes("3 Dec 2026"),
      );

      const withTime = await say("/meeting", "move 3 December to 4 December 2026 9am at Room 2");
      expect(withTime.text).toContain("OB meeting of Thu 3 Dec 2026 moved to Fri 4 Dec 2026, 09:00, Room 2.");
      expect(String(announcementsIn(CHANNEL).at(-1)!.args.text)).toMatch(
        /^OB meeting moved from Thu 3 Dec 2026, 17:00 to Fri 4 Dec 2026, 09:00, Room 2\. /,
      );
      const announcedBefore = announcementsIn(CHANNEL).length;

      expect((await say("/meeting", "move 4 December to 1 December 2026")).text).toBe(
        "OB already meets on Tue 1 Dec 2026 at 15:30. Nothing was changed. Cancel one of them with `/meeting cancel <date>`, or move this one to another day.",
      );
      expect((await say("/meeting", "move 4 December to 20 November 2026")).text).toContain(
        "Fri 20 Nov 2026 at 09:00 has passed, so the meeting can't move there. Nothing was changed.",
      );
      expect((await say("/meeting", "move 5 December to 6 December 2026")).text).toBe(
        "OB has no meeting scheduled on Sat 5 Dec 2026. Nothing was changed. `/meeting list` shows its meetings.",
      );
      expect((await say("/meeting", "move sometime to 6 December 2026")).text).toContain(
        'I couldn\'t read "sometime" as a day. Nothing was changed.',
      );
      expect((await say("/meeting", "move 4 December to 6 December 2026", OTHER)).text).toContain(
        "Only OB's chair, secretary",
      );
      expect((await meetingOn("2026-12-04T09:00:00Z")).location).toBe("Room 2");
      // A refused move tells the channel nothing.
      expect(announcementsIn(CHANNEL)).toHaveLength(announcedBefore);
    });

    it("cancels a meeting with its reminders; actions due at it move to the next meeting", async () => {
      const action = await db().action.findFirstOrThrow({ where: { workspaceId, reference } });
      const friday = await meetingOn("2026-12-04T09:00:00Z");
      const cancelled = await say("/meeting", "cancel 4 December");
      expect(cancelled.text).toBe(
        `OB meeting of Fri 4 Dec 2026, 09:00 cancelled. Its reminders are cancelled. Next meeting: Wed 13 Jan 2027, 10:00. ${action.reference} now falls due at the next meeting.`,
      );
      expect(await remindersOf(friday.id)).toEqual([]);
      expect((await db().meeting.findUniqueOrThrow({ where: { id: friday.id } })).status).toBe("cancelled");
      const moved = await db().action.findFirstOrThrow({ where: { id: action.id } });
      expect([moved.dueMeetingId, moved.dueAt?.toISOString()]).toEqual([
        (await meetingOn("2027-01-13T10:00:00Z")).id,
        "2027-01-13T00:00:00.000Z",
      ]);
      expect(
        await db().actionEvent.findFirst({
          where: { actionId: action.id, type: "due_changed", actorLabel: "meeting cancelled" },
        }),
      ).not.toBeNull();
      expect(String(announcementsIn(CHANNEL).at(-1)!.args.text)).toBe(
        `OB meeting of Fri 4 Dec 2026, 09:00 cancelled. Next meeting: Wed 13 Jan 2027, 10:00. ${action.reference} now falls due at the next meeting. Its call for papers and matters arising will not go out. Cancelled by <@${SECRETARY}>.`,
      );
      const announcedBefore = announcementsIn(CHANNEL).length;
      expect((await say("/meeting", "cancel 4 December")).text).toContain(
        "OB has no meeting scheduled on Fri 4 Dec 2026. Nothing was changed.",
      );
      expect((await say("/meeting", "cancel 13 January", OTHER)).text).toContain("Only OB's chair, secretary");
      expect(announcementsIn(CHANNEL)).toHaveLength(announcedBefore);
    });

    it("lists upcoming meetings and recent ones, each with its status", async () => {
      const board = await ob();
      await db().meeting.createMany({
        data: [
          {
            workspaceId,
            boardId: board.id,
            startsAt: new Date("2026-10-20T13:00:00Z"),
            location: "City Hall",
            status: "held",
          },
          { workspaceId, boardId: board.id, startsAt: new Date("2026-11-17T14:00:00Z"), status: "scheduled" },
        ],
      });
      const list = await say("/meeting", "list");
      expect(list.shown).toBe(
        [
          "OB · upcoming meetings",
          "• Tue 1 Dec 2026, 15:30, the Guildhall · scheduled",
          "• Fri 4 Dec 2026, 09:00, Room 2 · cancelled",
          "• Wed 13 Jan 2027, 10:00 · scheduled",
          "• Wed 9 Jun 2027, 12:00, City Hall · scheduled",
          "Recent",
          "• Tue 17 Nov 2026, 14:00 · not closed yet",
          "• Tue 20 Oct 2026, 14:00, City Hall · held",
          "`/meeting schedule`, `move` and `cancel` change them.",
        ].join("\n"),
      );
      expect(list.text).toBe(
        "OB meetings. Upcoming: Tue 1 Dec 2026, 15:30, the Guildhall; Wed 13 Jan 2027, 10:00; Wed 9 Jun 2027, 12:00, City Hall. Recent: 2.",
      );
      expect((await say("/meeting", "list #OB", OTHER, "C0GENERAL")).text).toContain("OB meetings.");
      expect((await say("/meeting", `list <#${CHANNEL}|oversight>`, OTHER, "C0GENERAL")).text).toContain(
        "OB meetings.",
      );
    });

    it("keeps a move the channel would not take, and tells the person who made it why the board was not told", async () => {
      await say("/meeting", "schedule 10 February 2027 10:00");
      const before = announcementsIn(CHANNEL).length;
      // A private channel Minutebook was never invited to.
      app.fake.failNext("chat.postMessage", { status: 200, error: "not_in_channel" });
      const moved = await say("/meeting", "move 10 February 2027 to 11 February 2027");
      expect(moved.text).toBe(
        `OB meeting of Wed 10 Feb 2027 moved to Thu 11 Feb 2027, 10:00. Its call for papers and matters arising moved with it. I couldn't post this in <#${CHANNEL}>: Minutebook is not a member of that channel, so the board has not been told. Invite it with \`/invite @Minutebook\` in <#${CHANNEL}> so the next change is posted there.`,
      );
      expect(moved.shown).toContain("so the board has not been told");
      expect(
        app.fake
          .callsTo("chat.postMessage")
          .filter((c) => c.args.channel === CHANNEL && c.response.error === "not_in_channel"),
      ).toHaveLength(1);
      expect(announcementsIn(CHANNEL)).toHaveLength(before);
      expect((await meetingOn("2027-02-11T10:00:00Z")).status).toBe("scheduled");
      expect(
        await db().meeting.count({ where: { boardId: (await ob()).id, startsAt: new Date("2027-02-10T10:00:00Z") } }),
      ).toBe(0);
    });
  });
});
