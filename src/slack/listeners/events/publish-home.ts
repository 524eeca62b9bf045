import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { SlackDeps } from "../../deps";
import { publishActionsHome } from "../../home";

/** The Home tab is drawn afresh every time it is opened. */
export function publishHomeListener(deps: SlackDeps) {
  return async ({
    event,
    client,
    context,
  }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== "home") return;
    const workspace = context.workspace as { id: string; timeZone: string } | undefined;
    if (!workspace) return;
    await publishActionsHome(deps, client, workspace, event.user);
  };
}
