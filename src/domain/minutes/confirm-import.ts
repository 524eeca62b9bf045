import { Prisma, type Db } from "../../db/client";
import { isoDayOf, startOfDay, startOfIsoDay, type DuePrecision } from "../../dates";
import { AppError } from "../../errors";
import type { MinutesExtraction } from "../../minutes/types";
import type { ActionRecord, OwnerInput } from "../actions/action-record";
import { insertAction } from "../actions/create-action";
import type { ResolvedDue } from "../actions/resolve-due";
import { mergeSyncs, type ReminderSync } from "../reminders/reconcile-reminders";
import { syncActionReminders } from "../reminders/sync-action-reminders";
import { syncMeetingReminders } from "../reminders/sync-meeting-reminders";
import { lockBoardMeetings, minutesOfDay } from "../meetings/meeting-board";
import { meetingsOnDay } from "./earlier-minutes";
import { instantOn, recordMinutesMeeting } from "./record-minutes-meeting";
import { followMeetingDateIn } from "../actions/follow-meeting-date";
import type { ImportChange } from "./review/import-changes";

export type ChoiceDue =
  | { kind: "day"; day: string; precision: DuePrecision; /** The phrase kept beside the date. */ text: string | null }
  | { kind: "next_meeting"; text: string | null };

export interface ActionChoice {
  /** Which extracted action (its index in the extraction), or null for one added in the review. */
  index: number | null;
  text: string;
  owners: OwnerInput[];
  due: ChoiceDue | null;
}

export interface ImportChoices {
  /** The meeting's day, when the minutes do not say (YYYY-MM-DD). */
  meetingDate: string | null;
  /** The actions to create, in order. */
  actions: ActionChoice[];
  isNextMeetingIncluded: boolean;
  /**
   * When the board's calendar already has its next meeting on another day than the
   * minutes give: which is right. The document's moves that meeting to the minutes' day;
   * the calendar's keeps it and adds none. Null: add the minutes' meeting beside it.
   */
  nextMeetingChoice: { kept: "document" | "calendar"; calendarMeetingId: string } | null;
}

/** The import's history: what the secretary changed, and which next meeting was kept. */
export interface ImportHistory {
  confirmedBy: string;
  confirmedAt: string;
  changes: ImportChange[];
  nextMeeting: {
    documentDay: string;
    calendarDay: string | null;
    kept: "document" | "calendar";
    meetingId: string;
  } | null;
}

/**
 * What an import nobody reviews keeps (the samples, `npm run import`): every action as
 * found, its owners as named bodies, and the next meeting.
 */
export function acceptEverything(extraction: MinutesExtraction, meetingDate: string | null = null): ImportChoices {
  return {
    meetingDate,
    isNextMeetingIncluded: true,
    nextMeetingChoice: null,
    actions: extraction.actions.map((a, index) => ({
      index,
      text: a.text,
      owners: a.owners.map((bodyName) => ({ bodyName })),
      due: a.isDueAtNextMeeting
        ? { kind: "next_meeting" as const, text: a.dueText }
        : a.due
          ? { kind: "day" as const, day: a.due, precision: "day" as const, text: a.dueText }
          : null,
    })),
  };
}

export interface ConfirmedImport {
  meetingId: string;
  actions: ActionRecord[];
  nextMeetingId: string | null;
  reminders: ReminderSync;
}

const STATUS = {
  present: "present",
  in_attendance: "in_attendance",
  apologies: "apologies",
  supported_by: "supported_by",
} as const;

/**
 * Writes a reviewed import, all or nothing: the meeting (held: the board's meeting
 * that day, or a new one) with its attendees, items and decisions, the chosen actions
 * with their reminders, and the next meeting (scheduled, or the one already on the
 * calendar that day) with its reminders.
 */
export async function confirmImport(
  db: Db,
  {
    workspaceId,
    importId,
    choices,
    changes = [],
    actorSlackUserId,
    now,
  }: {
    workspaceId: string;
    importId: string;
    choices: ImportChoices;
    changes?: ImportChange[];
    actorSlackUserId: string;
    now: Date;
  },
): Promise<ConfirmedImport> {
  try {
    return await db.$transaction(async (tx) => {
      const claimed = await tx.minutesImport.updateMany({
        where: { id: importId, workspaceId, status: "previewed" },
        data: { status: "confirmed" },
      });
      if (claimed.count === 0) throw new AppError({ code: "import_not_pending" });
      const row = await tx.minutesImport.findUniqueOrThrow({
        where: { id: importId },
        select: {
          result: true,
          documentHash: true,
          fileName: true,
          sourceText: true,
          board: { select: { id: true, code: true, timeZone: true, defaultStartMinutes: true, defaultLocation: true } },
        },
      });
      const board = row.board;
      if (!board) throw new AppError({ code: "import_board_gone" });
      const extraction = row.result as unknown as MinutesExtraction;
      const day = choices.meetingDate ?? extraction.meeting.date;
      if (!day) throw new AppError({ code: "meeting_date_needed" });

      const syncs: ReminderSync[] = [];
      const recorded = await recordMinutesMeeting(tx, {
        workspaceId,
        board,
        day,
        meeting: extraction.meeting,
        source: { documentHash: row.documentHash, fileName: row.fileName, text: row.sourceText },
        actorSlackUserId,
        now,
      });
      if (recorded.reminders) syncs.push(recorded.reminders);
      const meeting = { id: recorded.meetingId };
      // updatedAt is the moment of confirming (on the app's clock): what a second import of these minutes is told.
      await tx.minutesImport.update({
        where: { id: importId },
        data: { meetingId: meeting.id, sourceText: null, updatedAt: now },
      });
      await tx.attendee.createMany({
        data: extraction.attendees.map((a, position) => ({
          workspaceId,
          meetingId: meeting.id,
          name: a.name,
          role: a.role,
          status: STATUS[a.status],
          position,
          sourceLine: a.line,
        })),
      });
      await tx.minuteItem.createMany({
        data: extraction.items.map((item, position) => ({
          workspaceId,
          meetingId: meeting.id,
          number: item.number,
          heading: item.heading,
          position,
          sourceLine: item.line,
        })),
      });
      await tx.decision.createMany({
        data: extraction.decisions.map((d) => ({
          workspaceId,
          meetingId: meeting.id,
          reference: d.reference,
          text: d.text,
          sourceLine: d.line,
        })),
      });

      let nextMeeting: { id: string; startsAt: Date } | null = null;
      let kept: ImportHistory["nextMeeting"] = null;
      const next = extraction.nextMeeting;
      if (next && choices.isNextMeetingIncluded) {
        // The same per-board lock as /meeting and the sweep: one meeting a day, whoever adds it.
        await lockBoardMeetings(tx, board.id);
        const choice = choices.nextMeetingChoice;
        const calendar = choice
          ? await tx.meeting.findFirst({
              where: { id: choice.calendarMeetingId, boardId: board.id, status: "scheduled" },
              select: { id: true, startsAt: true, location: true },
            })
          : null;
        // The answer was about a meeting that has since been cancelled, held or removed: ask again rather than guess.
        if (choice && !calendar) {
          throw new AppError({ code: "calendar_changed" });
        }
        // The meeting already on the calendar that day, found as the minutes' own meeting is.
        const onTheDay = (await meetingsOnDay(tx, board, next.date)).find((m) => m.status === "scheduled") ?? null;
        if (calendar && choice?.kept === "calendar") {
          nextMeeting = calendar;
        } else if (calendar && !onTheDay) {
          // The minutes are right: the calendar's meeting moves to their day, and what follows it (reminders, actions due at it) moves too.
          const startsAt = instantOn(
            next.date,
            next.time,
            next.time ? null : minutesOfDay(calendar.startsAt, board.timeZone),
            board.timeZone,
          );
          nextMeeting = await tx.meeting.update({
            where: { id: calendar.id },
            data: { startsAt, ...(next.location ? { location: next.location } : {}) },
            select: { id: true, startsAt: true },
          });
          syncs.push(
            (await followMeetingDateIn(tx, { workspaceId, meetingId: calendar.id, now, actorLabel: "import" }))
              .reminders,
          );
        } else {
          nextMeeting =
            onTheDay ??
            (await tx.meeting.create({
              data: {
                workspaceId,
                boardId: board.id,
                startsAt: instantOn(next.date, next.time, board.defaultStartMinutes, board.timeZone),
                location: next.location ?? board.defaultLocation,
                status: "scheduled",
                createdBySlackUserId: actorSlackUserId,
                createdAt: now,
              },
              select: { id: true, startsAt: true },
            }));
          syncs.push(await syncMeetingReminders(tx, { workspaceId, meetingId: nextMeeting.id, now }));
        }
        kept = {
          documentDay: next.date,
          calendarDay: calendar ? isoDayOf(calendar.startsAt, board.timeZone) : null,
          kept: choice?.kept ?? "document",
          meetingId: nextMeeting.id,
        };
      }
      const history: ImportHistory = {
        confirmedBy: actorSlackUserId,
        confirmedAt: now.toISOString(),
        changes,
        nextMeeting: kept,
      };
      await tx.minutesImport.update({
        where: { id: importId },
        data: { changes: history as unknown as Prisma.InputJsonValue, updatedAt: now },
      });

      const actions: ActionRecord[] = [];
      for (const choice of choices.actions) {
        const found = choice.index === null ? undefined : extraction.actions[choice.index];
        if (choice.index !== null && !found) continue;
        let due: ResolvedDue | undefined;
        if (choice.due?.kind === "next_meeting" && nextMeeting) {
          due = {
            dueAt: startOfDay(nextMeeting.startsAt, board.timeZone),
            duePrecision: "day",
            dueText: choice.due.text,
            dueMeetingId: nextMeeting.id,
          };
        } else if (choice.due?.kind === "day") {
          due = {
            dueAt: startOfIsoDay(choice.due.day, board.timeZone),
            duePrecision: choice.due.precision,
            dueText: choice.due.text,
            dueMeetingId: null,
          };
        }
        const action = await insertAction(tx, {
          db,
          workspaceId,
          board,
          text: choice.text,
          owners: choice.owners,
          due,
          createdBySlackUserId: actorSlackUserId,
          actorLabel: "import",
          originMeetingId: meeting.id,
          sourceLine: found?.line ?? null,
          importId,
          eventNote: found
            ? `From the minutes${row.fileName ? ` in ${row.fileName}` : ""}, line ${found.line}, imported after review.`
            : `Added while reviewing the minutes${row.fileName ? ` in ${row.fileName}` : ""} before import.`,
          now,
        });
        actions.push(action);
        syncs.push(await syncActionReminders(tx, { workspaceId, actionId: action.id, now }));
      }
      return {
        meetingId: meeting.id,
        actions,
        nextMeetingId: nextMeeting?.id ?? null,
        reminders: mergeSyncs(...syncs),
      };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError({ code: "minutes_imported_meanwhile" });
    }
    throw error;
  }
}
