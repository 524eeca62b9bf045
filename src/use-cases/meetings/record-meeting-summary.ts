import type { Db } from "../../db/client";

/**
 * Where a meeting's summary was posted, once Slack took it. Not a person's request: what
 * follows a close or an import (slack/minutes-effects.ts), so it takes no Caller.
 */
export async function recordMeetingSummary(
  db: Db,
  { workspaceId, meetingId, channelId, ts }: { workspaceId: string; meetingId: string; channelId: string; ts: string },
): Promise<void> {
  // Scoped by the workspace too, though the id came from a scoped read: a write never reaches
  // past the workspace it was asked in.
  await db.meeting.updateMany({
    where: { id: meetingId, workspaceId },
    data: { digestChannelId: channelId, digestMessageTs: ts },
  });
}
