// The two state moves every delivery makes, each one conditional UPDATE statement.
// Prisma's updateMany takes four round trips (BEGIN, SELECT, UPDATE, COMMIT) and
// holds the row lock across them; measured in the lateness benchmark, that was
// the largest cost of a send. The rarer moves (cancelled, skipped, failed) stay
// on Prisma in send-reminder.ts.
import type { Db } from "../../src/db/client";

/** scheduled|sending → sending, counting the attempt. False if another run got there first. */
export async function claimReminder(db: Db, id: string, now: Date): Promise<boolean> {
  const updated = await db.$executeRaw`
    UPDATE "Reminder"
    SET "state" = 'sending', "sendingStartedAt" = ${now}, "attempts" = "attempts" + 1, "updatedAt" = CURRENT_TIMESTAMP
    WHERE "id" = ${id}::uuid AND "state" IN ('scheduled', 'sending')`;
  return updated === 1;
}

/** sending → sent, with where the message went (so it can be updated in place and found again). */
export async function markReminderSent(
  db: Db,
  id: string,
  sent: { at: Date; channelId: string; ts: string | null },
): Promise<boolean> {
  const updated = await db.$executeRaw`
    UPDATE "Reminder"
    SET "state" = 'sent', "sentAt" = ${sent.at}, "slackChannelId" = ${sent.channelId}, "slackMessageTs" = ${sent.ts}, "lastError" = NULL, "updatedAt" = CURRENT_TIMESTAMP
    WHERE "id" = ${id}::uuid AND "state" = 'sending'`;
  return updated === 1;
}
