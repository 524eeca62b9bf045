// meetings.ensure-next, hourly on one instance: a recurring board whose meeting has
// passed while nobody acted gets its next one, with reminders. ensureNextMeeting
// takes a per-board lock, so overlapping runs add one meeting.
import { ensureNextMeeting } from "../../src/domain/meetings/ensure-next-meeting";
import type { SweepDefinition } from "../define-job";
import type { ReminderJobs } from "../reminders/reminder-jobs";

export function ensureNextMeetingsSweep({ jobs }: { jobs: ReminderJobs }): SweepDefinition {
  return {
    name: "meetings.ensure-next",
    cron: "17 * * * *",
    lockMs: 5 * 60_000,
    async run({ db, logger, firedAt }) {
      const boards = await db.board.findMany({ where: { archivedAt: null, recurrenceRule: { not: null }, workspace: { uninstalledAt: null } }, select: { id: true, workspaceId: true } });
      let added = 0;
      for (const board of boards) {
        const result = await ensureNextMeeting(db, { workspaceId: board.workspaceId, boardId: board.id, now: firedAt });
        await jobs.apply(result.reminders);
        if (result.meetingId) added++;
      }
      if (added > 0) logger.info({ added }, "next meetings scheduled for recurring boards");
      return added;
    },
  };
}
