import type { App } from "@slack/bolt";
import { publishHome } from "./publish-home";

export function register(app: App): void {
  app.event("app_home_opened", publishHome);
}
