// Snooze, from the Home tab: the button is on an action, not on one of its reminders.
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { visibleActionById } from "../access";
import type { Caller } from "../caller";
import type { Outcome } from "../effects";
import { snoozeSeenReminder, type Snoozed } from "./snooze-reminder";

/** Quiet on the caller's own reminders about the action for `workingDays`; their Home tab is redrawn. */
export async function snoozeActionReminders(
  db: Db,
  caller: Caller,
  { actionId, workingDays }: { actionId: string; workingDays: number },
): Promise<Outcome<Snoozed>> {
  const action = await visibleActionById(db, caller, actionId);
  // The latest of their reminders stands for them all: snoozing cancels those before the snooze ends.
  const reminder = await db.reminder.findFirst({
    where: { workspaceId: caller.workspace.id, actionId: action.id, recipient: `user:${caller.userId}` },
    orderBy: { fireAt: "desc" },
    select: { id: true, recipient: true },
  });
  if (!reminder) {
    throw new AppError({ code: "nothing_to_snooze", reference: action.reference, hasDueDate: Boolean(action.dueAt) });
  }
  const snoozed = await snoozeSeenReminder(db, caller, {
    reminder: { ...reminder, actionId: action.id },
    action,
    workingDays,
  });
  return { ...snoozed, effects: [...snoozed.effects, { kind: "homes_changed", slackUserIds: [caller.userId] }] };
}
