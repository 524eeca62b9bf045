// Snooze, from the buttons on a reminder: "1 day" is the next working day, "1 week" five
// working days on, both at the board's reminder time.
import type { Db } from "../../db/client";
import { isoDayOf } from "../../dates";
import type { ActionRecord } from "../../domain/actions/action-record";
import { snoozeReminders } from "../../domain/reminders/snooze-reminders";
import { addWorkingDays, dueDayReminderTime, fireTimeOn, reminderRulesOf } from "../../reminders/plan";
import { assertMaySnooze } from "../access";
import type { Caller } from "../caller";
import type { Outcome } from "../effects";
import { findReminderAction, type ReminderAction } from "./reminder-action";

export interface Snoozed {
  action: ActionRecord;
  /** When the person hears about the action again. */
  until: Date;
  /** The zone `until` is told in: the board's, else the workspace's. */
  timeZone: string;
  /** The snooze asked for would have passed the due day: it ends at the due day's reminder instead. */
  isCut: boolean;
}

/** Quiet on the caller's reminders about the reminder's action for `workingDays`, then one reminder. */
export async function snoozeReminder(
  db: Db,
  caller: Caller,
  { reminderId, workingDays }: { reminderId: string; workingDays: number },
): Promise<Outcome<Snoozed>> {
  return snoozeSeenReminder(db, caller, { ...(await findReminderAction(db, caller, reminderId)), workingDays });
}

/** snoozeReminder for a reminder and action already found visible to the caller. */
export async function snoozeSeenReminder(
  db: Db,
  caller: Caller,
  { reminder, action, workingDays }: ReminderAction & { workingDays: number },
): Promise<Outcome<Snoozed>> {
  await assertMaySnooze(caller, reminder, action);
  const board = action.boardId
    ? await db.board.findFirst({
        where: { id: action.boardId, workspaceId: caller.workspace.id },
        select: { timeZone: true, holidayRegion: true, reminderPolicy: true },
      })
    : null;
  const { calendar, policy } = reminderRulesOf(board, caller.workspace.timeZone);
  const { now } = caller;
  const asked = fireTimeOn(
    addWorkingDays(isoDayOf(now, calendar.timeZone), workingDays, calendar),
    policy.sendAtMinutes,
    calendar,
  );
  // A snooze never carries a reminder past the due day: one that would is cut to the due day's reminder.
  const dueDayAt = action.dueAt ? dueDayReminderTime({ dueAt: action.dueAt, calendar, policy }) : undefined;
  const isCut = dueDayAt !== undefined && dueDayAt > now && asked > dueDayAt;
  const until = isCut ? dueDayAt : asked;
  const snoozed = await snoozeReminders(db, {
    workspaceId: caller.workspace.id,
    reminderId: reminder.id,
    slackUserId: caller.userId,
    until,
    now,
  });
  return {
    result: { action, until, timeZone: calendar.timeZone, isCut },
    effects: [{ kind: "reminders_planned", reminders: snoozed.sync }],
  };
}
