// The workspace the local console pretends to be: a few people and the sample
// boards' channels, registered with the local Web API server so users.info and
// conversations.* answer as Slack would. `:as @name` and `:in #name` add more; the
// channels made that way are kept for the next start (kept-state.ts).
import { SAMPLE_BOARDS, SAMPLE_CHAIR, SAMPLE_SECRETARY } from "../../seeds/sample-data";
import type { LocalChannel, LocalSlack, LocalUser } from "../local-slack/server";

export const CONSOLE_TEAM_ID = "T0LOCAL";

const PEOPLE: readonly LocalUser[] = [
  { id: SAMPLE_SECRETARY, name: "secretary", realName: "Sam Okafor (board secretary)" },
  { id: SAMPLE_CHAIR, name: "chair", realName: "Daniel Osei (chair)" },
  { id: "U0JO", name: "jo", realName: "Jo Reid (head of partnerships)" },
  { id: "U0RAVI", name: "ravi", realName: "Ravi Patel (analyst)" },
  { id: "U0ADMIN", name: "admin", realName: "Workspace admin", isAdmin: true },
];

export const FIRST_USER = SAMPLE_SECRETARY;
export const FIRST_CHANNEL = "C0RCRB";

export class ConsoleWorkspace {
  /** The channels every console starts with; any other was made in it (`:in #name`) and is kept across restarts. */
  private readonly givenChannelIds: ReadonlySet<string>;

  constructor(private readonly slack: LocalSlack) {
    for (const person of PEOPLE) slack.addUser(person);
    const everyone = PEOPLE.map((p) => p.id);
    slack.addChannel({ id: "C0GENERAL", name: "general", members: everyone });
    for (const board of SAMPLE_BOARDS)
      slack.addChannel({ id: board.channelId, name: board.channelName, members: everyone });
    this.givenChannelIds = new Set(slack.conversations.map((c) => c.id));
  }

  /** Channels made in the console, as kept for the next start. */
  madeChannels(): LocalChannel[] {
    return this.slack.conversations.filter((c) => !this.givenChannelIds.has(c.id));
  }

  /** Channels made in an earlier run, back as they were left, members and all. */
  restoreChannels(channels: readonly LocalChannel[]): void {
    for (const channel of channels)
      if (!this.givenChannelIds.has(channel.id))
        this.slack.addChannel({ ...channel, members: [...(channel.members ?? [])] });
  }

  user(id: string): LocalUser | undefined {
    return this.slack.people.find((p) => p.id === id);
  }

  userNamed(name: string): LocalUser | undefined {
    const wanted = name.replace(/^@/, "").toLowerCase();
    return this.slack.people.find((p) => p.name.toLowerCase() === wanted);
  }

  channel(id: string): LocalChannel | undefined {
    return this.slack.conversations.find((c) => c.id === id);
  }

  channelNamed(name: string): LocalChannel | undefined {
    const wanted = name.replace(/^#/, "").toLowerCase();
    return this.slack.conversations.find((c) => c.name === wanted);
  }

  /** A new member of the workspace, in every channel, as someone joining would be. */
  addUser(name: string): LocalUser {
    const clean = name.replace(/^@/, "").toLowerCase();
    const user: LocalUser = { id: `U0${clean.toUpperCase().replace(/[^A-Z0-9]/g, "")}`, name: clean };
    this.slack.addUser(user);
    // A channel kept from an earlier run may list them already.
    for (const channel of this.slack.conversations)
      channel.members = [...new Set([...(channel.members ?? []), user.id])];
    return user;
  }

  /** A new public channel with everyone in it. */
  addChannel(name: string): LocalChannel {
    const clean = name.replace(/^#/, "").toLowerCase();
    const channel: LocalChannel = {
      id: `C0${clean.toUpperCase().replace(/[^A-Z0-9]/g, "")}`,
      name: clean,
      members: this.slack.people.map((p) => p.id),
    };
    this.slack.addChannel(channel);
    return channel;
  }

  nameOf(userId: string): string {
    return this.user(userId)?.name ?? userId;
  }

  /** Where a message went, as a person would say it: #channel, or a DM with @name. */
  placeOf(channelId: string): string {
    if (/^D/.test(channelId)) return `DM to @${this.nameOf(`U${channelId.slice(1)}`)}`;
    if (/^[UW]/.test(channelId)) return `DM to @${this.nameOf(channelId)}`;
    return `#${this.channel(channelId)?.name ?? channelId}`;
  }

  /**
   * What Slack does to a command's text when the command escapes names
   * (should_escape in manifest.yml): @jo becomes <@U0JO|jo>, #rcrb becomes <#C0RCRB|rcrb>
   * when such a person or channel exists; anything else is left as typed.
   */
  escape(text: string): string {
    return text
      .replace(/(^|\s)@([a-z0-9._-]+)/gi, (whole, space: string, name: string) => {
        const user = this.userNamed(name);
        return user ? `${space}<@${user.id}|${user.name}>` : whole;
      })
      .replace(/(^|\s)#([a-z0-9_-]+)/g, (whole, space: string, name: string) => {
        const channel = this.channelNamed(name);
        return channel && channel.name === name ? `${space}<#${channel.id}|${channel.name}>` : whole;
      });
  }
}
