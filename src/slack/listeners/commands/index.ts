import type { SlackDeps } from "../../deps";
import type { Listeners } from "../../listener-router";
import { SLASH_COMMANDS } from "../../surface";
import { minutesCommandListener } from "../minutes";
import { actionCommandListener } from "./action";
import { boardCommandListener } from "./board";
import { meetingCommandListener } from "./meeting";
import { replyWithCommandHelp } from "./reply-with-command-help";

/**
 * Every slash command in the manifest has a listener. Until a command's own
 * capability lands, it answers with its grammar so nobody gets a timeout.
 */
export function register(app: Listeners, deps: SlackDeps): void {
  for (const { command } of SLASH_COMMANDS) {
    if (command === "/action") app.command(command, actionCommandListener(deps));
    else if (command === "/minutes") app.command(command, minutesCommandListener(deps));
    else if (command === "/board") app.command(command, boardCommandListener(deps));
    else if (command === "/meeting") app.command(command, meetingCommandListener(deps));
    else app.command(command, replyWithCommandHelp);
  }
}
