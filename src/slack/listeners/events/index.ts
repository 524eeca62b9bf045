import type { SlackDeps } from "../../deps";
import type { Listeners } from "../../listener-router";
import { fileSharedListener } from "../minutes/import-file";
import { publishHomeListener } from "./publish-home";
import { retireWorkspaceListener } from "./retire-workspace";

export function register(app: Listeners, deps: SlackDeps): void {
  app.event("app_home_opened", publishHomeListener(deps));
  app.event("file_shared", fileSharedListener(deps));
  app.event("app_uninstalled", retireWorkspaceListener(deps));
  app.event("tokens_revoked", retireWorkspaceListener(deps));
}
