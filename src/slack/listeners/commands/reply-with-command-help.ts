import type { SlackCommandMiddlewareArgs } from "@slack/bolt";
import { commandHelpView } from "../../views/command-help";
import type { ListenerArgs } from "../../context";

export async function replyWithCommandHelp({ command, ack }: ListenerArgs<SlackCommandMiddlewareArgs>): Promise<void> {
  await ack({ response_type: "ephemeral", ...commandHelpView(command.command) });
}
