import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import type { ReminderSync } from "./reconcile-reminders";

/**
 * Snooze from a reminder: the recipient hears nothing more about the action until
 * `until`, when one "snooze" reminder comes (or the reminder already planned for that moment). Their reminders in between are
 * cancelled; the snooze is written to the action's history. One transaction.
 */
export async function snoozeReminders(
  db: Db,
  {
    workspaceId,
    reminderId,
    slackUserId,
    until,
    now,
  }: { workspaceId: string; reminderId: string; slackUserId: string; until: Date; now: Date },
): Promise<{ actionId: string; reference: string; sync: ReminderSync }> {
  return db.$transaction(async (tx) => {
    const reminder = await tx.reminder.findFirst({
      where: { id: reminderId, workspaceId },
      include: { action: { select: { id: true, reference: true, status: true } } },
    });
    if (!reminder?.action) throw new AppError({ code: "reminder_not_found" });
    if (reminder.action.status !== "open")
      throw new AppError({
        code: "not_open",
        reference: reminder.action.reference,
        status: reminder.action.status,
        tried: "snooze",
      });
    if (reminder.recipient !== `user:${slackUserId}` && !reminder.recipient.startsWith("channel:")) {
      throw new AppError({ code: "not_yours" });
    }
    const recipient = reminder.recipient.startsWith("channel:") ? `user:${slackUserId}` : reminder.recipient;
    const between = await tx.reminder.findMany({
      where: {
        workspaceId,
        subject: reminder.subject,
        recipient: reminder.recipient,
        state: "scheduled",
        fireAt: { lt: until },
      },
      select: { id: true },
    });
    if (between.length > 0)
      await tx.reminder.updateMany({
        where: { id: { in: between.map((r) => r.id) }, state: "scheduled" },
        data: { state: "cancelled" },
      });
    // A reminder already planned for that moment (the due day's, a weekly overdue) is the one they
    // get then: a snooze beside it would be a second message on one day.
    const planned = await tx.reminder.findFirst({
      where: {
        subject: reminder.subject,
        recipient: { in: [recipient, reminder.recipient] },
        state: "scheduled",
        fireAt: until,
      },
      select: { id: true },
    });
    const snooze = planned
      ? undefined
      : await tx.reminder.upsert({
          where: {
            subject_kind_fireAt_recipient: { subject: reminder.subject, kind: "snooze", fireAt: until, recipient },
          },
          create: {
            workspaceId,
            boardId: reminder.boardId,
            actionId: reminder.actionId,
            subject: reminder.subject,
            kind: "snooze",
            recipient,
            fireAt: until,
          },
          update: { state: "scheduled" },
          select: { id: true, fireAt: true },
        });
    await tx.actionEvent.create({
      data: {
        workspaceId,
        actionId: reminder.action.id,
        type: "snoozed",
        actorSlackUserId: slackUserId,
        after: { until: until.toISOString() },
        createdAt: now,
      },
    });
    return {
      actionId: reminder.action.id,
      reference: reminder.action.reference,
      sync: { scheduled: snooze ? [snooze] : [], cancelled: between.map((r) => r.id) },
    };
  });
}
