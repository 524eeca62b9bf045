import type { WebClient } from "@slack/web-api";
import type { SlackDeps } from "../../../deps";
import type { MessageView } from "../../../views/blocks";

/** One /action request, with what every subcommand needs. */
export interface CommandRequest {
  deps: SlackDeps;
  client: WebClient;
  workspace: { id: string; timeZone: string };
  userId: string;
  channelId: string | undefined;
  triggerId: string | undefined;
  now: Date;
}

/** A reply, and work that should wait until the person has it (DMs, Home tabs). */
export interface CommandOutcome {
  /** The reply; none when the answer is a form that opened. */
  view: MessageView | undefined;
  afterReply?: () => Promise<void>;
}
