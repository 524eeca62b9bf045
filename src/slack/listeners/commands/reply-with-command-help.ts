import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { commandHelpView } from "../../views/command-help";

export async function replyWithCommandHelp({
  command,
  ack,
}: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
  await ack({ response_type: "ephemeral", ...commandHelpView(command.command) });
}
