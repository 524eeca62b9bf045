// `/meeting`: schedule, move, cancel, close, list, next. Acknowledged at once, then
// parsed, run against the board named (#CODE) or the channel's, and answered.
import type { SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { parseMeetingCommand, type MeetingCommand } from "../../../../domain/meetings/parse-meeting-command";
import { isAppError } from "../../../../errors";
import { z } from "zod";
import type { SlackDeps } from "../../../deps";
import { defineWork } from "../../../durable-work";
import { callerOf } from "../../../directory";
import { failureView, problemView, type MessageView } from "../../../views/blocks";
import { commandHelpView } from "../../../views/command-help";
import { boardRefOf, type MeetingRequest } from "./request";
import { runCancel, runClose, runMove, runSchedule } from "./run-change";
import { runList, runNext } from "./run-show";
import type { ListenerArgs } from "../../../context";

type Args = ListenerArgs<SlackCommandMiddlewareArgs>;

/** Put in Redis and acknowledged; parsed, run and answered by whichever web process is free. */
export function meetingCommandListener(deps: SlackDeps) {
  return async ({ command, ack, context }: Args): Promise<void> => {
    const workspace = context.workspace;
    if (!workspace) {
      await ack();
      return;
    }
    try {
      await deps.work.add(
        MEETING_COMMAND_WORK,
        {
          workspace,
          userId: command.user_id,
          channelId: command.channel_id,
          responseUrl: command.response_url,
          receivedAt: deps.now(),
        },
        { text: command.text ?? "" },
      );
    } catch (error) {
      // Not kept (too much waiting, or Redis refused it): said in the acknowledgement.
      if (!isAppError(error))
        deps.logger.error({ err: error, command: "/meeting" }, "the /meeting command could not be kept for doing");
      const view = failureView(error);
      await ack({ response_type: "ephemeral", text: view.text, blocks: view.blocks });
      return;
    }
    await ack();
  };
}

export const MEETING_COMMAND_WORK = defineWork({
  name: "meeting.command",
  input: z.object({ text: z.string() }),
  // Showing meetings is safe to repeat; scheduling, moving, cancelling and closing are not.
  isSafeToRerun({ text }) {
    const parsed = parseMeetingCommand(text);
    return (
      !parsed.ok || parsed.command.kind === "help" || parsed.command.kind === "next" || parsed.command.kind === "list"
    );
  },
  async run(deps, work, { text }) {
    let view: MessageView;
    try {
      const parsed = parseMeetingCommand(text);
      view = parsed.ok
        ? await run(
            deps,
            {
              client: work.client,
              workspace: work.workspace,
              userId: work.userId,
              channelId: work.channelId,
              now: work.receivedAt,
            },
            parsed.command,
          )
        : problemView({ code: "command_unreadable", explanation: parsed.problem, examples: parsed.examples });
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error, command: "/meeting" }, "the /meeting command failed");
      view = failureView(error);
    }
    await work.respond?.({ response_type: "ephemeral", text: view.text, blocks: view.blocks });
  },
});

interface Context {
  client: WebClient;
  workspace: { id: string; timeZone: string };
  userId: string;
  channelId: string | undefined;
  now: Date;
}

/** One use case for the command, against the board it names or the channel's. */
async function run(deps: SlackDeps, context: Context, command: MeetingCommand): Promise<MessageView> {
  if (command.kind === "help") return commandHelpView("/meeting");
  const request: MeetingRequest = {
    deps,
    client: context.client,
    workspace: context.workspace,
    caller: callerOf(context.client, context),
    board: boardRefOf(command),
  };
  switch (command.kind) {
    case "next":
      return runNext(request);
    case "list":
      return runList(request);
    case "schedule":
      return runSchedule(request, command);
    case "move":
      return runMove(request, command);
    case "cancel":
      return runCancel(request, command);
    case "close":
      return runClose(request);
  }
}
