// A review's answer about the board's calendar ("keep the calendar's next meeting") is only
// acted on while that meeting is still on the calendar: cancelled meanwhile, the import is
// refused whole and can be reviewed again.
import { confirmImport, acceptEverything } from "../../src/domain/minutes/confirm-import";
import { prepareImport } from "../../src/domain/minutes/prepare-import";
import { isAppError } from "../../src/errors";
import { databaseForFile } from "../support/database-for-file";

const MINUTES = [
  "Riverside Community Safety Board",
  "Minutes of Meeting",
  "Tuesday 10 March 2026, 3:30pm Committee Room 1, Town Hall",
  "",
  "ITEM 1. Knife crime",
  "Action 1: Riverside Council to refresh the partnership plan by the end of May 2026.",
  "",
  "Date of next meeting: 9 June 2026. 12:00pm at the Civic Centre",
].join("\n");

describe("confirming an import whose calendar answer no longer holds", () => {
  const { db } = databaseForFile();

  it("refuses, creating nothing, when the calendar's meeting was cancelled after the review asked", async () => {
    const workspace = await db().workspace.create({ data: { slackTeamId: "T0CALENDAR" } });
    const board = await db().board.create({
      data: {
        workspaceId: workspace.id,
        code: "RCSB",
        name: "Riverside Community Safety Board",
        slackChannelId: "C0RCSB",
      },
      select: { id: true, code: true, timeZone: true },
    });
    const calendar = await db().meeting.create({
      data: {
        workspaceId: workspace.id,
        boardId: board.id,
        startsAt: new Date("2026-06-16T11:00:00Z"),
        status: "scheduled",
      },
    });
    const prepared = await prepareImport(db(), {
      workspaceId: workspace.id,
      board,
      text: MINUTES,
      fileName: "rcsb.txt",
      createdBySlackUserId: "U0SECRETARY",
    });
    await db().meeting.update({ where: { id: calendar.id }, data: { status: "cancelled" } });
    const before = { meetings: await db().meeting.count(), actions: await db().action.count() };

    const choices = {
      ...acceptEverything(prepared.extraction),
      nextMeetingChoice: { kept: "calendar" as const, calendarMeetingId: calendar.id },
    };
    const refused = await confirmImport(db(), {
      workspaceId: workspace.id,
      importId: prepared.importId,
      choices,
      actorSlackUserId: "U0SECRETARY",
      now: new Date("2026-03-11T10:00:00Z"),
    }).catch((error: unknown) => error);

    expect(isAppError(refused) && refused.code).toBe("calendar_changed");
    expect({ meetings: await db().meeting.count(), actions: await db().action.count() }).toEqual(before);
    expect((await db().minutesImport.findUniqueOrThrow({ where: { id: prepared.importId } })).status).toBe("previewed");
  });
});
