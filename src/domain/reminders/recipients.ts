// Who a reminder about an action goes to. Recipients are strings so they can be
// part of a reminder's unique key: "user:U123" (a DM) or "channel:C123".

export interface RecipientSubject {
  owners: ReadonlyArray<{ slackUserId: string | null }>;
  createdBySlackUserId: string | null;
  board: { slackChannelId: string | null; secretarySlackUserId: string | null; chairSlackUserId: string | null } | null;
}

export const userRecipient = (slackUserId: string) => `user:${slackUserId}`;
export const channelRecipient = (channelId: string) => `channel:${channelId}`;

/** A DM to each owner in Slack; for actions owned only by named bodies, the board's channel (else whoever logged it). */
export function ownerRecipients(action: RecipientSubject): string[] {
  const users = [...new Set(action.owners.flatMap((o) => (o.slackUserId ? [o.slackUserId] : [])))];
  if (users.length > 0) return users.map(userRecipient);
  if (action.board?.slackChannelId) return [channelRecipient(action.board.slackChannelId)];
  return action.createdBySlackUserId ? [userRecipient(action.createdBySlackUserId)] : [];
}

/** Escalation goes to the board's secretary, else its chair, else whoever logged the action. */
export function escalationRecipients(action: RecipientSubject): string[] {
  const to = action.board?.secretarySlackUserId ?? action.board?.chairSlackUserId ?? action.createdBySlackUserId;
  return to ? [userRecipient(to)] : [];
}

export function parseRecipient(recipient: string): { kind: "user" | "channel"; id: string } | undefined {
  const match = /^(user|channel):([A-Z0-9]+)$/.exec(recipient);
  return match ? { kind: match[1] as "user" | "channel", id: match[2]! } : undefined;
}
