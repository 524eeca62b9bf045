// A Directory for use-case tests: channel members and admins as the test says, and a
// record of what was asked (access rules are checked without HTTP or Slack).
import type { Caller, Directory } from "../../src/use-cases/caller";

export interface FakeDirectory extends Directory {
  members: Map<string, Set<string>>;
  admins: Set<string>;
  /** Every question asked, as "member:C…:U…" or "admin:U…". */
  asked: string[];
}

export function fakeDirectory({
  members = {},
  admins = [],
}: { members?: Record<string, readonly string[]>; admins?: readonly string[] } = {}): FakeDirectory {
  const directory: FakeDirectory = {
    members: new Map(Object.entries(members).map(([channel, users]) => [channel, new Set(users)])),
    admins: new Set(admins),
    asked: [],
    async isChannelMember(channelId, userId) {
      directory.asked.push(`member:${channelId}:${userId}`);
      return directory.members.get(channelId)?.has(userId) ?? false;
    },
    async isWorkspaceAdmin(userId) {
      directory.asked.push(`admin:${userId}`);
      return directory.admins.has(userId);
    },
  };
  return directory;
}

export function callerFor(
  workspaceId: string,
  userId: string,
  options: { channelId?: string; directory?: Directory; now?: Date; timeZone?: string } = {},
): Caller {
  return {
    workspace: { id: workspaceId, timeZone: options.timeZone ?? "Europe/London" },
    userId,
    channelId: options.channelId,
    directory: options.directory ?? fakeDirectory(),
    now: options.now ?? new Date(),
  };
}

/**
 * The private board the use-case tests share: #SEC, "Secret board", in `channelId`, its
 * secretary U0SEC; as `db.board.create`'s data.
 */
export function secretBoardData(workspaceId: string, channelId: string, extra: { createdBySlackUserId?: string } = {}) {
  return {
    workspaceId,
    code: "SEC",
    name: "Secret board",
    slackChannelId: channelId,
    isPrivate: true,
    secretarySlackUserId: "U0SEC",
    ...extra,
  };
}
