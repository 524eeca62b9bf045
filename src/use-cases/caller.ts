// Who is asking, and what Minutebook may ask about them. Every use case takes a Caller:
// the Slack layer builds one from a request (slack/directory.ts answers its questions
// through Slack), tests build one over a fake Directory.

/** What Minutebook asks the chat platform about people, for access: nothing else. */
export interface Directory {
  /** Whether the person is in the channel: a private board is seen only by its channel's members. */
  isChannelMember(channelId: string, userId: string): Promise<boolean>;
  /** Workspace admins and owners may change any action and manage any board. */
  isWorkspaceAdmin(userId: string): Promise<boolean>;
}

export interface Caller {
  workspace: { id: string; timeZone: string };
  userId: string;
  /** Where the request was made, if anywhere: a board's channel means that board. */
  channelId: string | undefined;
  directory: Directory;
  /** When the request was made: "tomorrow" means the day after this. */
  now: Date;
}
