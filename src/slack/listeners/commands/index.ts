import type { App } from "@slack/bolt";
import { SLASH_COMMANDS } from "../../surface";
import { replyWithCommandHelp } from "./reply-with-command-help";

/**
 * Every slash command in the manifest has a listener. Until a command's own
 * capability lands, it answers with its grammar so nobody gets a timeout.
 */
export function register(app: App): void {
  for (const { command } of SLASH_COMMANDS) app.command(command, replyWithCommandHelp);
}
