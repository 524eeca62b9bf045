// `/meeting`: schedule, move, cancel, close, list, next. Acknowledged at once, then
// parsed, run against the board named (#CODE) or the channel's, and answered.
import type { SlackCommandMiddlewareArgs } from "@slack/bolt";
import { isoDayOf } from "../../../../dates";
import { closeMeeting } from "../../../../domain/meetings/close-meeting";
import { ensureNextMeeting } from "../../../../domain/meetings/ensure-next-meeting";
import { parseMeetingCommand, type MeetingCommand } from "../../../../domain/meetings/parse-meeting-command";
import { isAppError } from "../../../../errors";
import { z } from "zod";
import type { SlackDeps } from "../../../deps";
import { defineWork } from "../../../durable-work";
import { postMeetingDigest } from "../../../minutes-effects";
import { readerTimeZone } from "../../../people";
import { failureView, problemView } from "../../../views/blocks";
import { commandHelpView } from "../../../views/command-help";
import { meetingNotice, meetingWords } from "../../../views/meetings/meeting-views";
import { assertCanManage, boardFor } from "../board-access";
import type { MeetingOutcome, MeetingRequest } from "./request";
import { runCancel, runMove, runSchedule } from "./run-change";
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
    let outcome: MeetingOutcome;
    try {
      const parsed = parseMeetingCommand(text);
      outcome = parsed.ok
        ? await run(
            deps,
            {
              client: work.client,
              workspace: work.workspace,
              userId: work.userId,
              channelId: work.channelId ?? "",
              now: work.receivedAt,
            },
            parsed.command,
          )
        : { view: problemView(parsed.problem, `Try: ${parsed.examples.map((e) => `\`${e}\``).join("  ·  ")}`) };
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error, command: "/meeting" }, "the /meeting command failed");
      outcome = { view: failureView(error) };
    }
    await work.respond?.({ response_type: "ephemeral", text: outcome.view.text, blocks: outcome.view.blocks });
    for (const userId of new Set(outcome.affectedSlackUserIds ?? []))
      deps.refreshHome(work.client, work.workspace, userId);
  },
});

type Context = Pick<MeetingRequest, "client" | "workspace" | "userId" | "channelId" | "now">;

async function run(deps: SlackDeps, context: Context, command: MeetingCommand): Promise<MeetingOutcome> {
  if (command.kind === "help") return { view: commandHelpView("/meeting") };
  const board = await boardFor(deps, {
    workspaceId: context.workspace.id,
    code: command.boardCode,
    mentionedChannelId: command.boardChannelId,
    channelId: context.channelId,
    client: context.client,
    userId: context.userId,
  });
  const zones = {
    timeZone: board.timeZone,
    readerTimeZone: await readerTimeZone(context.client, context.userId, context.workspace.timeZone),
  };
  const request: MeetingRequest = { ...context, deps, board, zones };
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

async function runClose(request: MeetingRequest): Promise<MeetingOutcome> {
  const { deps, board, now } = request;
  const workspaceId = request.workspace.id;
  await assertCanManage(request.client, board, request.userId);
  const closed = await closeMeeting(deps.db, { workspaceId, board, now, actorSlackUserId: request.userId });
  await deps.reminderJobs.apply(closed.reminders);
  await deps.reminderJobs.apply((await ensureNextMeeting(deps.db, { workspaceId, boardId: board.id, now })).reminders);
  // The meeting is closed whatever Slack says of the summary: a refused post is told, not reported as nothing done.
  const isPosted = await postMeetingDigest(deps, request.client, { workspaceId, meetingId: closed.meetingId }).then(
    () => true,
    (err: unknown) => {
      deps.logger.warn({ err, meetingId: closed.meetingId }, "a closed meeting's summary could not be posted");
      return false;
    },
  );
  const tz = board.timeZone;
  const what = `${board.code} meeting of ${isoDayOf(closed.startsAt, tz) === isoDayOf(now, tz) ? "today" : meetingWords({ startsAt: closed.startsAt, location: null }, tz)} closed.`;
  return {
    view: meetingNotice(
      what,
      isPosted
        ? "Its summary is in the board's channel."
        : "Slack would not take its summary for the board's channel just now, so the channel has not been told; if Minutebook is not in that channel, `/invite @Minutebook` there.",
    ),
  };
}
