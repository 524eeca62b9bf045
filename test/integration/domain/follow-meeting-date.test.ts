import { createAction } from "../../../src/domain/actions/create-action";
import { followMeetingDate } from "../../../src/domain/actions/follow-meeting-date";
import { databaseForFile } from "../../support/database-for-file";

describe("actions due at the next meeting", () => {
  const { db } = databaseForFile();

  it("move with the meeting, with an event saying why; closed ones and other meetings' stay put", async () => {
    const workspace = await db().workspace.create({ data: { slackTeamId: "T0FOLLOW" } });
    const board = await db().board.create({
      data: { workspaceId: workspace.id, code: "LCRB", name: "London Crime Reduction Board" },
    });
    const meeting = await db().meeting.create({
      data: { workspaceId: workspace.id, boardId: board.id, startsAt: new Date("2027-06-09T11:00:00Z") },
    });
    const other = await db().meeting.create({
      data: { workspaceId: workspace.id, boardId: board.id, startsAt: new Date("2027-09-09T11:00:00Z") },
    });
    const now = new Date("2027-05-01T09:00:00Z");
    const due = (meetingId: string, day: string) => ({
      dueAt: new Date(day),
      duePrecision: "day" as const,
      dueText: "by the next meeting",
      dueMeetingId: meetingId,
    });
    const log = (text: string, meetingId: string, day: string) =>
      createAction({
        db: db(),
        workspaceId: workspace.id,
        board,
        text,
        owners: [{ bodyName: "MOPAC" }],
        due: due(meetingId, day),
        createdBySlackUserId: "U1",
        now,
      });
    const moving = (await log("Report on knife crime", meeting.id, "2027-06-08T23:00:00Z")).action;
    const closed = (await log("Already done", meeting.id, "2027-06-08T23:00:00Z")).action;
    await db().action.update({ where: { id: closed.id }, data: { status: "done" } });
    const elsewhere = (await log("For September", other.id, "2027-09-08T23:00:00Z")).action;

    // The June meeting moves to 14 July.
    await db().meeting.update({ where: { id: meeting.id }, data: { startsAt: new Date("2027-07-14T11:00:00Z") } });
    expect(
      (await followMeetingDate(db(), { workspaceId: workspace.id, meetingId: meeting.id, now })).references,
    ).toEqual([moving.reference]);

    const moved = await db().action.findUniqueOrThrow({
      where: { id: moving.id },
      include: { events: { orderBy: { createdAt: "asc" } } },
    });
    expect(moved.dueAt?.toISOString()).toBe("2027-07-13T23:00:00.000Z");
    expect(moved.dueText).toBe("by the next meeting");
    expect(moved.events.map((e) => [e.type, e.actorLabel])).toEqual([
      ["created", null],
      ["due_changed", "meeting moved"],
    ]);
    expect((await db().action.findUniqueOrThrow({ where: { id: closed.id } })).dueAt?.toISOString()).toBe(
      "2027-06-08T23:00:00.000Z",
    );
    expect((await db().action.findUniqueOrThrow({ where: { id: elsewhere.id } })).dueAt?.toISOString()).toBe(
      "2027-09-08T23:00:00.000Z",
    );

    // Running it again changes nothing.
    expect(
      (await followMeetingDate(db(), { workspaceId: workspace.id, meetingId: meeting.id, now })).references,
    ).toEqual([]);
    // Another workspace cannot move these.
    expect(
      (
        await followMeetingDate(db(), {
          workspaceId: "00000000-0000-0000-0000-000000000000",
          meetingId: meeting.id,
          now,
        })
      ).references,
    ).toEqual([]);
  });
});
