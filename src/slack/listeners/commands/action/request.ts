import type { WebClient } from "@slack/web-api";
import type { Caller } from "../../../../use-cases/caller";
import type { Effect } from "../../../../use-cases/effects";
import type { SlackDeps } from "../../../deps";
import { callerOf } from "../../../directory";
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

/** A reply, and what follows once the person has it (reminder jobs, DMs, Home tabs). */
export interface CommandOutcome {
  /** The reply; none when the answer is a form that opened. */
  view: MessageView | undefined;
  effects: Effect[];
}

/** Who is asking, for the use cases. */
export function callerOfRequest(request: Omit<CommandRequest, "deps" | "triggerId">): Caller {
  const { client, workspace, userId, channelId, now } = request;
  return callerOf(client, { workspace, userId, channelId, now });
}
