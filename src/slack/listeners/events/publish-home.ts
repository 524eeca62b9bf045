import type { SlackEventMiddlewareArgs } from "@slack/bolt";
import type { SlackDeps } from "../../deps";
import { publishActionsHome } from "../../home";
import type { ListenerArgs } from "../../context";

/** The Home tab is drawn afresh every time it is opened. */
export function publishHomeListener(deps: SlackDeps) {
  return async ({
    event,
    client,
    context,
  }: ListenerArgs<SlackEventMiddlewareArgs<"app_home_opened">>): Promise<void> => {
    if (event.tab !== "home") return;
    const workspace = context.workspace;
    if (!workspace) return;
    await publishActionsHome(deps, client, workspace, event.user);
  };
}
