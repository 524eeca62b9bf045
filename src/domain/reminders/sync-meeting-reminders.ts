import type { Prisma } from "../../db/client";
import { planMeetingReminders, reminderRulesOf } from "../../reminders/plan";
import { reconcileReminders, type DesiredReminder, type ReminderSync } from "./reconcile-reminders";
import { channelRecipient } from "./recipients";

/**
 * A scheduled meeting's call for papers and matters-arising list, to the board's
 * channel; none once it is held or cancelled, or when the board has no channel.
 * Runs inside the transaction that created, moved or cancelled the meeting.
 */
export async function syncMeetingReminders(
  tx: Prisma.TransactionClient,
  { workspaceId, meetingId, now }: { workspaceId: string; meetingId: string; now: Date },
): Promise<ReminderSync> {
  const meeting = await tx.meeting.findFirst({
    where: { id: meetingId, workspaceId },
    select: {
      id: true,
      status: true,
      startsAt: true,
      board: {
        select: {
          id: true,
          slackChannelId: true,
          archivedAt: true,
          timeZone: true,
          holidayRegion: true,
          reminderPolicy: true,
        },
      },
      workspace: { select: { timeZone: true } },
    },
  });
  if (!meeting) return { scheduled: [], cancelled: [] };
  const desired: DesiredReminder[] = [];
  const { board } = meeting;
  if (meeting.status === "scheduled" && board.slackChannelId && !board.archivedAt) {
    const { calendar, policy } = reminderRulesOf(board, meeting.workspace.timeZone);
    // A call that has gone out is not made again when the meeting is planned afresh (settings
    // saved, minutes imported, a time moved): the late call is only for a meeting that had none.
    const called = await tx.reminder.count({
      where: { subject: `meeting:${meeting.id}`, kind: "papers_call", state: { in: ["sent", "sending"] } },
    });
    for (const planned of planMeetingReminders({ startsAt: meeting.startsAt, calendar, policy, now })) {
      if (planned.kind === "papers_call" && called > 0) continue;
      // A reminder "before" the meeting that would land after it has started is no use.
      if (planned.fireAt < meeting.startsAt)
        desired.push({ kind: planned.kind, fireAt: planned.fireAt, recipient: channelRecipient(board.slackChannelId) });
    }
  }
  return reconcileReminders(tx, {
    workspaceId,
    subject: `meeting:${meeting.id}`,
    links: { boardId: board.id, meetingId: meeting.id },
    desired,
  });
}
