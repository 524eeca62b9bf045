// Boards and meetings' use cases against a real database and a fake Directory: no HTTP,
// no Slack. Who may see a board, who may change it, and that a refusal changes nothing.
import type { Db } from "../../../src/db/client";
import { ensureWorkspace } from "../../../src/domain/workspaces/ensure-workspace";
import { exportActionLog } from "../../../src/use-cases/boards/export-action-log";
import { openBoardSettings, reopenBoardSettings } from "../../../src/use-cases/boards/open-board-settings";
import { showBoard } from "../../../src/use-cases/boards/show-board";
import { boardAsSaved, updateBoardSettings } from "../../../src/use-cases/boards/update-board-settings";
import { cancelMeeting } from "../../../src/use-cases/meetings/cancel-meeting";
import { closeMeeting } from "../../../src/use-cases/meetings/close-meeting";
import { moveMeeting } from "../../../src/use-cases/meetings/move-meeting";
import { scheduleMeeting } from "../../../src/use-cases/meetings/schedule-meeting";
import { listMeetings, showNextMeeting } from "../../../src/use-cases/meetings/show-meetings";
import { databaseForFile } from "../../support/database-for-file";
import { callerFor, fakeDirectory, secretBoardData } from "../../support/fake-directory";
import { refusalOf } from "../../support/problem-words";

/**
 * The database, failing every call made after its first transaction commits: what a lost
 * connection does to the reads (and writes) a use case makes once its change is saved.
 */
function failingAfterCommit(db: Db): Db {
  let isCommitted = false;
  const broken = new Proxy(
    {},
    {
      get: () => () => Promise.reject(new Error("the connection was lost")),
    },
  );
  return new Proxy(db, {
    get(target, property, receiver) {
      if (isCommitted) return property === "$transaction" ? () => Promise.reject(new Error("lost")) : broken;
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== "$transaction" || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const done: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        isCommitted = true;
        return done;
      };
    },
  });
}

// Mon 23 Nov 2026, 10:00 London.
const NOW = new Date("2026-11-23T10:00:00Z");
const SECRET = "C0SECRET";
const PUBLIC = "C0PUBLIC";

describe("board and meeting use cases", () => {
  const { db } = databaseForFile();
  let workspaceId = "";
  let secretBoardId = "";
  const directory = fakeDirectory({
    members: { [SECRET]: ["U0SEC", "U0MEMBER", "U0ADMIN"] },
    admins: ["U0ADMIN"],
  });
  const caller = (userId: string, channelId?: string) =>
    callerFor(workspaceId, userId, { channelId, directory, now: NOW });
  const meetingCount = () => db().meeting.count({ where: { boardId: secretBoardId } });

  beforeAll(async () => {
    ({ id: workspaceId } = await ensureWorkspace({ db: db(), slackTeamId: "T0BOARDS", timeZone: "Europe/London" }));
    ({ id: secretBoardId } = await db().board.create({
      data: secretBoardData(workspaceId, SECRET, { createdBySlackUserId: "U0SEC" }),
    }));
    await db().board.create({ data: { workspaceId, code: "PUB", name: "Public board", slackChannelId: PUBLIC } });
  });

  it("answers a private board named from outside its channel as an unknown code, for every use case", async () => {
    const outsider = caller("U0OUTSIDER", PUBLIC);
    const unknown = { code: "board_not_found", text: "There is no board #SEC in this workspace." };
    expect(await refusalOf(showBoard(db(), outsider, { board: { code: "SEC" } }))).toMatchObject(unknown);
    expect(await refusalOf(showNextMeeting(db(), outsider, { board: { code: "SEC" } }))).toMatchObject(unknown);
    expect(await refusalOf(listMeetings(db(), outsider, { board: { code: "SEC" } }))).toMatchObject(unknown);
    expect(await refusalOf(openBoardSettings(db(), outsider, { board: { code: "SEC" } }))).toMatchObject(unknown);
    expect(
      await refusalOf(
        scheduleMeeting(db(), outsider, { board: { code: "SEC" }, when: "9 December 2026 15:30", place: undefined }),
      ),
    ).toMatchObject(unknown);
    expect(
      await refusalOf(
        exportActionLog(db(), outsider, { board: { code: "SEC" }, format: "csv", namesOf: async () => new Map() }),
      ),
    ).toMatchObject({ ...unknown, hint: "Boards here: #PUB." });
    // Its own channel's members see it from anywhere.
    await expect(showBoard(db(), caller("U0MEMBER", PUBLIC), { board: { code: "SEC" } })).resolves.toMatchObject({
      code: "SEC",
      name: "Secret board",
    });
  });

  it("refuses a member with no role on the board a change to its meetings, and changes nothing", async () => {
    const member = caller("U0MEMBER", SECRET);
    const refused = { code: "not_allowed_to_manage", hint: "Ask <@U0SEC>." };
    expect(
      await refusalOf(
        scheduleMeeting(db(), member, { board: undefined, when: "9 December 2026 15:30", place: undefined }),
      ),
    ).toMatchObject(refused);
    expect(
      await refusalOf(
        moveMeeting(db(), member, { board: undefined, date: "9 December", when: "10 December", place: undefined }),
      ),
    ).toMatchObject(refused);
    expect(await refusalOf(cancelMeeting(db(), member, { board: undefined, date: "9 December" }))).toMatchObject(
      refused,
    );
    expect(await refusalOf(closeMeeting(db(), member, { board: undefined }))).toMatchObject(refused);
    expect(await meetingCount()).toBe(0);
    // Seeing the board is enough to ask what is coming.
    await expect(showNextMeeting(db(), member, { board: undefined })).resolves.toMatchObject({ next: undefined });
  });

  it("lets the secretary and an admin schedule, move and cancel, with the reminder jobs and Home tabs as effects", async () => {
    const scheduled = await scheduleMeeting(db(), caller("U0SEC", SECRET), {
      board: undefined,
      when: "9 December 2026 15:30",
      place: "City Hall",
    });
    expect(scheduled.result).toMatchObject({ board: { code: "SEC" }, hasReminders: true });
    expect(scheduled.effects).toEqual([{ kind: "reminders_planned", reminders: expect.any(Object) }]);
    expect(await meetingCount()).toBe(1);

    // An admin, from another channel, naming the board.
    const moved = await moveMeeting(db(), caller("U0ADMIN", PUBLIC), {
      board: { code: "SEC" },
      date: "9 December",
      when: "10 December 2026",
      place: undefined,
    });
    expect(moved.result.moved.meeting.location).toBe("City Hall");
    expect(moved.effects.map((e) => e.kind)).toEqual(["reminders_planned", "homes_changed"]);

    const cancelled = await cancelMeeting(db(), caller("U0SEC", SECRET), { board: undefined, date: "10 December" });
    expect(cancelled.result.cancelled.meeting.id).toBe(scheduled.result.meeting.id);
    expect(await db().meeting.findUniqueOrThrow({ where: { id: scheduled.result.meeting.id } })).toMatchObject({
      status: "cancelled",
    });
  });

  it("says a settings form is out of date to someone the board is hidden from, and refuses a save by someone with no say", async () => {
    await expect(reopenBoardSettings(db(), caller("U0OUTSIDER"), { boardId: secretBoardId })).rejects.toMatchObject({
      code: "board_settings_stale",
    });
    const before = await db().board.findUniqueOrThrow({ where: { id: secretBoardId } });
    const overview = await reopenBoardSettings(db(), caller("U0SEC"), { boardId: secretBoardId });
    const settings = {
      chairSlackUserId: "U0MEMBER",
      secretarySlackUserId: "U0SEC",
      timeZone: "Europe/London",
      holidayRegion: "england-and-wales" as const,
      defaultLocation: "City Hall",
      defaultStartMinutes: 930,
      recurrenceRule: null,
      requireExtensionApproval: false,
      reminderPolicy: overview.policy,
    };
    await expect(
      updateBoardSettings(db(), caller("U0MEMBER"), { boardId: secretBoardId, settings }),
    ).rejects.toMatchObject({ code: "not_allowed_to_manage" });
    expect(await db().board.findUniqueOrThrow({ where: { id: secretBoardId } })).toEqual(before);

    const saved = await updateBoardSettings(db(), caller("U0ADMIN"), { boardId: secretBoardId, settings });
    expect(saved.result.overview).toMatchObject({ chairSlackUserId: "U0MEMBER", defaultLocation: "City Hall" });
    expect(saved.effects.map((e) => e.kind)).toEqual(["reminders_planned"]);

    // Saved, then the board cannot be read back: the effects and the word "saved" survive it.
    const moved = { ...settings, defaultLocation: "Town Hall" };
    const unread = await updateBoardSettings(failingAfterCommit(db()), caller("U0ADMIN"), {
      boardId: secretBoardId,
      settings: moved,
    });
    expect(unread.result).toMatchObject({ overview: undefined, readFailure: expect.any(Error) });
    expect(unread.effects.map((e) => e.kind)).toEqual(["reminders_planned"]);
    expect(await db().board.findUniqueOrThrow({ where: { id: secretBoardId } })).toMatchObject({
      defaultLocation: "Town Hall",
    });
    expect(boardAsSaved(overview, moved, unread.result.saved)).toMatchObject({
      code: "SEC",
      chairSlackUserId: "U0MEMBER",
      defaultLocation: "Town Hall",
      defaultStartMinutes: 930,
      recurrenceRule: null,
    });
  });

  it("keeps a closed meeting's reminder jobs when adding the next meeting fails after the close", async () => {
    const { id: boardId } = await db().board.create({
      data: {
        workspaceId,
        code: "CLO",
        name: "Closing board",
        slackChannelId: "C0CLOSE",
        secretarySlackUserId: "U0SEC",
      },
    });
    const { id: meetingId } = await db().meeting.create({
      data: { workspaceId, boardId, startsAt: new Date("2026-11-23T09:00:00Z") },
    });
    const closed = await closeMeeting(failingAfterCommit(db()), caller("U0SEC", "C0CLOSE"), { board: undefined });
    expect(closed.result).toMatchObject({ meetingId, nextMeetingFailure: expect.any(Error) });
    // The close's own reminders follow; the next meeting is left to the hourly sweep.
    expect(closed.effects).toEqual([{ kind: "reminders_planned", reminders: expect.any(Object) }]);
    expect(await db().meeting.findUniqueOrThrow({ where: { id: meetingId } })).toMatchObject({ status: "held" });
  });
});
