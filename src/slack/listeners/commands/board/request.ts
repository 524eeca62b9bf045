import type { WebClient } from "@slack/web-api";
import type { Caller } from "../../../../use-cases/caller";
import type { SlackDeps } from "../../../deps";

/** One /board command. */
export interface BoardRequest {
  deps: SlackDeps;
  client: WebClient;
  workspace: { id: string; timeZone: string };
  caller: Caller;
  channelId: string;
  triggerId: string;
}
