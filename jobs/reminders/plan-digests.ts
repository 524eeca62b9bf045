// reminders.plan-digests: makes sure each active board has a row for its next
// Monday digest (and a job for it once it is due within three days:
// REMINDER_JOB_HORIZON_MS). Idempotent: the row's unique key means the same
// week's digest is planned once however often, and by however many instances.
import { planBoardDigests } from "../../src/domain/reminders/plan-board-digests";
import type { SweepDefinition } from "../define-job";
import type { ReminderJobs } from "./reminder-jobs";

export function planDigestsSweep({ jobs }: { jobs: ReminderJobs }): SweepDefinition {
  return {
    name: "reminders.plan-digests",
    cron: "*/10 * * * *",
    lockMs: 60_000,
    async run({ db, logger, firedAt }) {
      const sync = await planBoardDigests(db, { now: firedAt });
      await jobs.apply(sync);
      if (sync.scheduled.length > 0) logger.info({ planned: sync.scheduled.length }, "weekly digests planned");
      return sync.scheduled.length;
    },
  };
}
