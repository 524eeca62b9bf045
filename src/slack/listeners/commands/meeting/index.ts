// `/meeting`: schedule, move, cancel, close, list, next. Every change carries its
// reminders (and actions due at the meeting) with it in one transaction.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { isoDayOf } from "../../../../dates";
import { closeMeeting } from "../../../../domain/meetings/close-meeting";
import { cancelMeeting, moveMeeting } from "../../../../domain/meetings/change-meeting";
import { ensureNextMeeting } from "../../../../domain/meetings/ensure-next-meeting";
import { parseMeetingCommand, readMeetingDay, readMeetingWhen, type MeetingCommand } from "../../../../domain/meetings/parse-meeting-command";
import { scheduleMeeting } from "../../../../domain/meetings/schedule-meeting";
import { AppError, isAppError } from "../../../../errors";
import type { SlackDeps } from "../../../deps";
import { postMeetingDigest } from "../../../minutes-effects";
import { failureView, problemView, type MessageView } from "../../../views/blocks";
import { commandHelpView } from "../../../views/command-help";
import { meetingListView, meetingNotice, meetingWords } from "../../../views/meetings/meeting-views";
import { assertCanManage, boardFor } from "../board-access";

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type Workspace = { id: string; timeZone: string };

export function meetingCommandListener(deps: SlackDeps) {
  return async ({ command, ack, respond, client, context }: Args): Promise<void> => {
    await ack();
    const workspace = context.workspace as Workspace | undefined;
    if (!workspace) return;
    let view: MessageView;
    try {
      const parsed = parseMeetingCommand(command.text ?? "");
      view = parsed.ok
        ? await deps.limit(() => run(deps, { client, workspace, userId: command.user_id, channelId: command.channel_id }, parsed.command))
        : problemView(parsed.problem, `Try: ${parsed.examples.map((e) => `\`${e}\``).join("  ·  ")}`);
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "/meeting failed");
      view = failureView(error);
    }
    await respond({ response_type: "ephemeral", text: view.text, blocks: view.blocks });
  };
}

interface MeetingRequest {
  client: Args["client"];
  workspace: Workspace;
  userId: string;
  channelId: string;
}

async function run(deps: SlackDeps, request: MeetingRequest, command: MeetingCommand): Promise<MessageView> {
  if (command.kind === "help") return commandHelpView("/meeting");
  const workspaceId = request.workspace.id;
  const board = await boardFor(deps, { workspaceId, code: command.boardCode, channelId: request.channelId, client: request.client, userId: request.userId });
  const tz = board.timeZone;
  const now = deps.now();
  const dayOf = (text: string) => {
    const day = readMeetingDay(text, { now, timeZone: tz });
    if (!day) throw new AppError("meeting_day_unreadable", `I couldn't read "${text}" as a day. Nothing was changed.`, "Name the meeting by its date, such as 9 June.");
    return day;
  };
  const whenOf = (text: string) => {
    const when = readMeetingWhen(text, { now, timeZone: tz, defaultStartMinutes: board.defaultStartMinutes });
    if (!when.ok) throw new AppError("meeting_when_unreadable", `${when.problem} Nothing was changed.`, "Try `/meeting schedule 9 June 2027 15:30 at City Hall`.");
    return when;
  };
  const after = async () => deps.reminderJobs.apply((await ensureNextMeeting(deps.db, { workspaceId, boardId: board.id, now })).reminders);
  switch (command.kind) {
    case "next": {
      const next = await deps.db.meeting.findFirst({ where: { boardId: board.id, status: "scheduled", startsAt: { gt: now } }, orderBy: { startsAt: "asc" } });
      if (!next) return meetingNotice(`${board.code} has no meeting scheduled.`, "Schedule one with `/meeting schedule <date and time>`.");
      const due = await deps.db.action.count({ where: { boardId: board.id, status: "open", dueAt: { lte: next.startsAt } } });
      return meetingNotice(`${board.code} next meets ${meetingWords(next, tz)}.`, `${due} open ${due === 1 ? "action is" : "actions are"} due by then.`);
    }
    case "list": {
      const [upcoming, recent] = await Promise.all([
        deps.db.meeting.findMany({ where: { boardId: board.id, status: "scheduled", startsAt: { gt: now } }, orderBy: { startsAt: "asc" }, take: 10 }),
        deps.db.meeting.findMany({ where: { boardId: board.id, OR: [{ startsAt: { lte: now } }, { status: { not: "scheduled" } }] }, orderBy: { startsAt: "desc" }, take: 5 }),
      ]);
      return meetingListView(board.code, upcoming, recent, tz);
    }
    case "schedule": {
      await assertCanManage(request.client, board, request.userId);
      const when = whenOf(command.when);
      const { meeting, reminders } = await scheduleMeeting(deps.db, { workspaceId, board, startsAt: when.startsAt, location: command.place ?? null, createdBySlackUserId: request.userId, now });
      await deps.reminderJobs.apply(reminders);
      return meetingNotice(`${board.code} meeting scheduled: ${meetingWords(meeting, tz)}.`, "The call for papers and the matters-arising list will go to the board's channel before it.");
    }
    case "move": {
      await assertCanManage(request.client, board, request.userId);
      const day = dayOf(command.date);
      const when = whenOf(command.when);
      const moved = await moveMeeting(deps.db, { workspaceId, board, day, startsAt: when.startsAt, location: command.place, now });
      await deps.reminderJobs.apply(moved.reminders);
      const followed = moved.references.length ? `${moved.references.join(", ")} now ${moved.references.length === 1 ? "falls" : "fall"} due on the new date.` : "";
      return meetingNotice(`${board.code} meeting moved to ${meetingWords({ startsAt: when.startsAt, location: command.place ?? null }, tz)}.`, `Its reminders moved with it. ${followed}`.trim());
    }
    case "cancel": {
      await assertCanManage(request.client, board, request.userId);
      const cancelled = await cancelMeeting(deps.db, { workspaceId, board, day: dayOf(command.date), now });
      await deps.reminderJobs.apply(cancelled.reminders);
      await after();
      const moved = cancelled.references.length ? (cancelled.movedTo ? `${cancelled.references.join(", ")} now ${cancelled.references.length === 1 ? "falls" : "fall"} due at the next meeting, ${meetingWords({ startsAt: cancelled.movedTo.startsAt, location: null }, tz)}.` : `${cancelled.references.join(", ")} keep their date.`) : "";
      return meetingNotice(`${board.code} meeting of ${meetingWords({ startsAt: cancelled.startsAt, location: null }, tz)} cancelled.`, `Its reminders are cancelled. ${moved}`.trim());
    }
    case "close": {
      await assertCanManage(request.client, board, request.userId);
      const closed = await closeMeeting(deps.db, { workspaceId, board, now });
      await deps.reminderJobs.apply(closed.reminders);
      await after();
      await postMeetingDigest(deps, request.client, { workspaceId, meetingId: closed.meetingId });
      return meetingNotice(`${board.code} meeting of ${isoDayOf(closed.startsAt, tz) === isoDayOf(now, tz) ? "today" : meetingWords({ startsAt: closed.startsAt, location: null }, tz)} closed.`, "Its summary is in the board's channel.");
    }
  }
}
