import type { Db } from "../../db/client";
import { nextWeeklyDigestTime, reminderRulesOf } from "../../reminders/plan";
import type { ReminderSync } from "./reconcile-reminders";
import { channelRecipient } from "./recipients";

export const WEEKLY_DIGEST_KIND = "weekly_digest";

/**
 * Plans each active board's next Monday digest as a reminder row. The unique key
 * (subject, kind, fire time, recipient) makes planning twice, or from two
 * instances at once, create one row; delivery then has the reminders' exactly-once path.
 */
export async function planBoardDigests(db: Db, { now }: { now: Date }): Promise<ReminderSync> {
  const boards = await db.board.findMany({
    where: { archivedAt: null, slackChannelId: { not: null }, workspace: { uninstalledAt: null } },
    select: {
      id: true,
      workspaceId: true,
      slackChannelId: true,
      timeZone: true,
      holidayRegion: true,
      reminderPolicy: true,
      workspace: { select: { timeZone: true } },
    },
  });
  const rows = boards.flatMap((board) => {
    const { calendar, policy } = reminderRulesOf(board, board.workspace.timeZone);
    if (!policy.weeklyDigest) return [];
    return [
      {
        workspaceId: board.workspaceId,
        boardId: board.id,
        subject: `board:${board.id}`,
        kind: WEEKLY_DIGEST_KIND,
        recipient: channelRecipient(board.slackChannelId!),
        fireAt: nextWeeklyDigestTime({ calendar, policy, now }),
      },
    ];
  });
  if (rows.length === 0) return { scheduled: [], cancelled: [] };
  const created = await db.reminder.createManyAndReturn({
    data: rows,
    skipDuplicates: true,
    select: { id: true, fireAt: true },
  });
  return { scheduled: created, cancelled: [] };
}
