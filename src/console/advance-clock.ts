// `:clock +7d` in the console: the app's clock moves on, and what would have
// happened in between happens now, in order. Each due reminder fires at its own
// time (the clock is set to it, its delayed job promoted, its delivery awaited), the
// planning sweeps run once per day crossed, and the jobs still ahead are re-timed
// to the new clock, with jobs for the reminders the move brought within the job horizon
// (REMINDER_JOB_HORIZON_MS). Real deployments never do this: their clock is the real one.
import { sendReminderJob } from "../../jobs/reminders/send-reminder";
import type { Runtime } from "../runtime";
import type { RunningClock } from "./clock";

const DAY_MS = 86_400_000;
/** The sweeps that plan things ahead of time: weekly digests and the next meeting of recurring boards. */
const PLANNING_SWEEPS = ["reminders.plan-digests", "meetings.ensure-next"];
const DELIVERY_TIMEOUT_MS = 15_000;

export interface ClockStep {
  /** Reminders delivered (or settled otherwise) on the way. */
  fired: number;
  /** Reminders that did not settle in time; their jobs carry on in the background. */
  stuck: number;
}

async function runPlanningSweeps(runtime: Runtime): Promise<void> {
  for (const name of PLANNING_SWEEPS) await runtime.sweeps?.runNow(name);
}

async function fireReminder(runtime: Runtime, reminder: { id: string; fireAt: Date }): Promise<boolean> {
  const queue = runtime.queues.queue(sendReminderJob.queue);
  const job = await queue.getJob(reminder.id);
  if (!job) await runtime.reminderJobs.enqueue([reminder]);
  else if (await job.isDelayed()) await job.promote();
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const row = await runtime.db.reminder.findUnique({ where: { id: reminder.id }, select: { state: true } });
    if (!row || (row.state !== "scheduled" && row.state !== "sending")) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

/** Jobs still waiting are timed against the real clock: give them their delay from the new app time. */
export async function retimeWaitingReminders(runtime: Runtime, now: Date): Promise<void> {
  const queue = runtime.queues.queue(sendReminderJob.queue);
  for (const job of await queue.getDelayed()) {
    if (!job.id) continue;
    const row = await runtime.db.reminder.findUnique({ where: { id: job.id }, select: { fireAt: true } });
    if (row) await job.changeDelay(Math.max(0, row.fireAt.getTime() - now.getTime()));
  }
}

export async function advanceClock(runtime: Runtime, clock: RunningClock, target: Date): Promise<ClockStep> {
  const step: ClockStep = { fired: 0, stuck: 0 };
  await runPlanningSweeps(runtime);
  for (;;) {
    const now = clock();
    const nextDay = new Date(Math.min(now.getTime() + DAY_MS, target.getTime()));
    const due = await runtime.db.reminder.findFirst({
      where: { state: "scheduled", fireAt: { lte: nextDay } },
      orderBy: { fireAt: "asc" },
      select: { id: true, fireAt: true },
    });
    if (due) {
      if (due.fireAt > now) clock.set(due.fireAt.toISOString());
      if (await fireReminder(runtime, due)) step.fired += 1;
      else {
        step.stuck += 1;
        break;
      }
      continue;
    }
    if (nextDay.getTime() >= target.getTime()) break;
    clock.set(nextDay.toISOString());
    await runPlanningSweeps(runtime);
  }
  if (clock() < target) clock.set(target.toISOString());
  await runPlanningSweeps(runtime);
  await retimeWaitingReminders(runtime, clock());
  await runtime.sweeps?.runNow("reminders.repair");
  return step;
}

/**
 * Before the console stops: its reminders' jobs wait in Redis by the real clock, so
 * left there they would all go out the moment it starts again days later, whatever
 * its own clock says. The database keeps every reminder; queueReminderJobsAfterRestart
 * queues them again.
 */
export async function setAsideReminderJobs(runtime: Runtime): Promise<void> {
  const queue = runtime.queues.queue(sendReminderJob.queue);
  for (const job of await queue.getDelayed()) await job.remove();
}

/**
 * After a restart, with the clock back where it was left: the reminders' jobs are
 * queued from the database, timed from the console's clock. Jobs a console that was
 * killed left behind are re-timed too, though any already due by the real clock
 * may have gone out as the workers started.
 */
export async function queueReminderJobsAfterRestart(runtime: Runtime, now: Date): Promise<void> {
  await retimeWaitingReminders(runtime, now);
  await runtime.sweeps?.runNow("reminders.repair");
}
