import type { Db } from "../../db/client";

/**
 * Where a meeting's summary was posted, once Slack took it. Not a person's request: what
 * follows a close or an import (slack/minutes-effects.ts), so it takes no Caller.
 */
export async function recordMeetingSummary(
  db: Db,
  { meetingId, channelId, ts }: { meetingId: string; channelId: string; ts: string },
): Promise<void> {
  await db.meeting.update({ where: { id: meetingId }, data: { digestChannelId: channelId, digestMessageTs: ts } });
}
