// meetings.ensure-next, hourly on one instance: a recurring board whose meeting has
// passed while nobody acted gets its next one, with reminders. Idempotent: ensureNextMeeting
// checks and adds under a per-board lock in one transaction, so overlapping runs (or a
// person saving settings meanwhile) add one meeting, and a second run adds none.
import { ensureNextMeeting } from "../../src/domain/meetings/ensure-next-meeting";
import type { SweepDefinition } from "../define-job";
import type { ReminderJobs } from "../reminders/reminder-jobs";

export function ensureNextMeetingsSweep({ jobs }: { jobs: ReminderJobs }): SweepDefinition {
  return {
    name: "meetings.ensure-next",
    cron: "17 * * * *",
    lockMs: 5 * 60_000,
    async run({ db, logger, firedAt }) {
      const boards = await db.board.findMany({
        where: { archivedAt: null, recurrenceRule: { not: null }, workspace: { uninstalledAt: null } },
        select: { id: true, workspaceId: true },
      });
      let added = 0;
      for (const board of boards) {
        // One board's trouble (a rule that no longer parses, a lost connection) does not stop the rest.
        try {
          const result = await ensureNextMeeting(db, {
            workspaceId: board.workspaceId,
            boardId: board.id,
            now: firedAt,
          });
          await jobs.apply(result.reminders);
          if (result.meeting) added++;
        } catch (err) {
          logger.error({ err, boardId: board.id }, "could not schedule a recurring board's next meeting");
        }
      }
      if (added > 0) logger.info({ added }, "next meetings scheduled for recurring boards");
      return added;
    },
  };
}
