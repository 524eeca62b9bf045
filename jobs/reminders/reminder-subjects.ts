// What a reminder is about decides whether it is still wanted and what it says:
// an action (owners' DMs), a meeting (call for papers, matters arising) or a
// board (the Monday digest). Everything the send needs is read in one query.
import type { Prisma } from "../../src/db/client";
import { daysUntil } from "../../src/dates";
import { ACTION_INCLUDE } from "../../src/domain/actions/action-record";
import { UPDATE_EVENT_TYPES } from "../../src/domain/actions/find-action";
import { loadMattersArising } from "../../src/domain/reminders/load-matters-arising";
import { loadWeeklyDigest } from "../../src/domain/reminders/load-weekly-digest";
import { WEEKLY_DIGEST_KIND } from "../../src/domain/reminders/plan-board-digests";
import { channelRecipient } from "../../src/domain/reminders/recipients";
import type { MessageView } from "../../src/slack/views/blocks";
import { mattersArisingMessage, papersCallMessage } from "../../src/slack/views/reminders/meeting-reminders";
import { reminderMessage } from "../../src/slack/views/reminders/reminder-message";
import { weeklyDigestMessage } from "../../src/slack/views/reminders/weekly-digest";
import { meetingDeadlines, reminderRulesOf } from "../../src/reminders/plan";
import type { JobContext } from "../define-job";

export const REMINDER_INCLUDE = {
  workspace: { select: { timeZone: true, uninstalledAt: true } },
  action: {
    include: {
      ...ACTION_INCLUDE,
      events: {
        where: { type: { in: [...UPDATE_EVENT_TYPES] }, note: { not: null } },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { createdAt: true, note: true },
      },
      originMeeting: { select: { startsAt: true, board: { select: { code: true } } } },
    },
  },
  meeting: { select: { id: true, status: true, startsAt: true, location: true } },
  board: {
    select: {
      id: true,
      code: true,
      slackChannelId: true,
      archivedAt: true,
      timeZone: true,
      holidayRegion: true,
      reminderPolicy: true,
      secretarySlackUserId: true,
      chairSlackUserId: true,
    },
  },
} as const satisfies Prisma.ReminderInclude;

export type ReminderRow = Prisma.ReminderGetPayload<{ include: typeof REMINDER_INCLUDE }>;

/** A reminder still wanted, and how to word it at the moment it goes. */
export type Subject =
  { isLive: false } | { isLive: true; compose(context: JobContext, now: Date): Promise<MessageView> };

const GONE: Subject = { isLive: false };

export function subjectOf(row: ReminderRow, now: Date): Subject {
  if (row.workspace.uninstalledAt) return GONE;
  const [type] = row.subject.split(":");
  if (type === "action") return actionSubject(row);
  // Channel reminders follow the board: archived, or moved to another channel, means not here.
  const board = row.board;
  if (!board || board.archivedAt || !board.slackChannelId || row.recipient !== channelRecipient(board.slackChannelId))
    return GONE;
  if (type === "meeting") return meetingSubject(row, board, now);
  if (type === "board" && row.kind === WEEKLY_DIGEST_KIND) {
    return {
      isLive: true,
      async compose({ db }, at) {
        const digest = await loadWeeklyDigest(db, { workspaceId: row.workspaceId, boardId: board.id, now: at });
        if (!digest) throw new Error(`board ${board.id} vanished while its digest was being sent`);
        return weeklyDigestMessage(digest, at);
      },
    };
  }
  return GONE;
}

function actionSubject(row: ReminderRow): Subject {
  const action = row.action;
  if (!action || action.workspaceId !== row.workspaceId || action.status !== "open") return GONE;
  return {
    isLive: true,
    async compose(_context, now) {
      const timeZone = action.board?.timeZone ?? row.workspace.timeZone;
      const last = action.events[0];
      const origin = action.originMeeting;
      return reminderMessage({
        reminderId: row.id,
        kind: row.kind,
        action,
        timeZone,
        now,
        daysToDue: action.dueAt ? daysUntil(action.dueAt, now, timeZone) : 0,
        lastUpdate: last?.note ? { at: last.createdAt, note: last.note } : undefined,
        originMeeting: origin ? { boardCode: origin.board.code, startsAt: origin.startsAt } : undefined,
      });
    },
  };
}

function meetingSubject(row: ReminderRow, board: NonNullable<ReminderRow["board"]>, now: Date): Subject {
  const meeting = row.meeting;
  if (!meeting || meeting.status !== "scheduled" || meeting.startsAt.getTime() <= now.getTime()) return GONE;
  if (row.kind === "papers_call" || row.kind === "papers_last_call") {
    // The days are the board's rules for this meeting, read when it is sent (not the reminder's own time).
    const { calendar, policy } = reminderRulesOf(board, row.workspace.timeZone);
    const days = meetingDeadlines({ startsAt: meeting.startsAt, calendar, policy });
    return {
      isLive: true,
      compose: async () =>
        papersCallMessage({
          boardCode: board.code,
          startsAt: meeting.startsAt,
          location: meeting.location,
          timeZone: board.timeZone,
          papersDue: days.papersDue,
          agendaPublished: days.agendaPublished,
          isLastCall: row.kind === "papers_last_call",
          secretarySlackUserId: board.secretarySlackUserId,
        }),
    };
  }
  if (row.kind === "matters_arising") {
    return {
      isLive: true,
      async compose({ db }, at) {
        const data = await loadMattersArising(db, { workspaceId: row.workspaceId, meetingId: meeting.id });
        if (!data) throw new Error(`meeting ${meeting.id} vanished while its matters arising were being sent`);
        return mattersArisingMessage(data, row.id, at);
      },
    };
  }
  return GONE;
}
