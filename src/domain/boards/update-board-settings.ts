import { z } from "zod";
import type { Db, Prisma } from "../../db/client";
import { instantOnDay, isoDayOf } from "../../dates";
import { readReminderPolicy, type ReminderPolicy } from "../../reminders/plan";
import { followMeetingDateIn } from "../actions/follow-meeting-date";
import { ensureNextMeetingIn, nextRuleDay } from "../meetings/ensure-next-meeting";
import {
  DEFAULT_START_MINUTES,
  lockBoardMeetings,
  MEETING_BOARD_SELECT,
  minutesOfDay,
  type MeetingBoard,
} from "../meetings/meeting-board";
import { mergeSyncs, type ReminderSync } from "../reminders/reconcile-reminders";
import { syncActionReminders } from "../reminders/sync-action-reminders";
import { syncMeetingReminders } from "../reminders/sync-meeting-reminders";
import { isOccurrence } from "./recurrence";

export const HOLIDAY_REGIONS = ["england-and-wales", "scotland", "northern-ireland"] as const;

export const BoardSettingsSchema = z.object({
  chairSlackUserId: z.string().nullable(),
  secretarySlackUserId: z.string().nullable(),
  timeZone: z
    .string()
    .refine((zone) => Intl.supportedValuesOf("timeZone").includes(zone) || zone === "UTC", "is not a time zone"),
  holidayRegion: z.enum(HOLIDAY_REGIONS),
  defaultLocation: z.string().max(200).nullable(),
  defaultStartMinutes: z.number().int().min(0).max(1439).nullable(),
  recurrenceRule: z.string().nullable(),
  requireExtensionApproval: z.boolean(),
  reminderPolicy: z.custom<ReminderPolicy>((value) => readReminderPolicy(value).ok, "is not a valid reminder policy"),
  /** The month (1 to 12) its financial year starts in; left as it is when not given. */
  financialYearStartMonth: z.number().int().min(1).max(12).optional(),
});

export type BoardSettings = z.infer<typeof BoardSettingsSchema>;

export interface SavedBoardSettings {
  /** The board's next scheduled meeting after saving, if any. */
  nextMeeting: { id: string; startsAt: Date; location: string | null } | null;
  /** Whether that meeting was added or re-placed by the (new) rule just now. */
  isNextFromRule: boolean;
  reminders: ReminderSync;
}

type UpcomingMeeting = { id: string; startsAt: Date; location: string | null };

/** A meeting sitting exactly where the board's rule, usual time and place would put it. */
function isAsRuleMakesIt(meeting: UpcomingMeeting, board: MeetingBoard): boolean {
  if (!board.recurrenceRule) return false;
  return (
    isOccurrence(board.recurrenceRule, isoDayOf(meeting.startsAt, board.timeZone)) &&
    minutesOfDay(meeting.startsAt, board.timeZone) === (board.defaultStartMinutes ?? DEFAULT_START_MINUTES) &&
    (meeting.location ?? null) === (board.defaultLocation ?? null)
  );
}

/**
 * Saves a board's settings and, in the same transaction, re-plans what depends on
 * them: every reminder (the zone, holidays and policy decide when each fires); an
 * upcoming meeting the old rule made, untouched since, re-placed where the new rule,
 * time and place put it (actions due at it follow); and, for a recurring board, its
 * next meeting scheduled if none is.
 */
export async function updateBoardSettings(
  db: Db,
  { workspaceId, boardId, settings, now }: { workspaceId: string; boardId: string; settings: BoardSettings; now: Date },
): Promise<SavedBoardSettings> {
  const valid = BoardSettingsSchema.parse(settings);
  return db.$transaction(async (tx) => {
    await lockBoardMeetings(tx, boardId);
    const before = await tx.board.findFirstOrThrow({
      where: { id: boardId, workspaceId },
      select: MEETING_BOARD_SELECT,
    });
    const ruleMade = await tx.meeting.findMany({
      where: { boardId, status: "scheduled", startsAt: { gt: now }, createdBySlackUserId: null },
      select: { id: true, startsAt: true, location: true },
    });
    const after = await tx.board.update({
      where: { id: boardId, workspaceId },
      data: { ...valid, reminderPolicy: valid.reminderPolicy as unknown as Prisma.InputJsonValue },
      select: MEETING_BOARD_SELECT,
    });

    const syncs: ReminderSync[] = [];
    let isNextFromRule = false;
    for (const meeting of ruleMade.filter((m) => isAsRuleMakesIt(m, before) && !isAsRuleMakesIt(m, after))) {
      const replaced = await replaceRuleMadeMeeting(tx, { workspaceId, board: after, meeting, now });
      if (replaced) {
        syncs.push(replaced);
        isNextFromRule = true;
      }
    }
    const [actions, meetings] = await Promise.all([
      tx.action.findMany({
        where: { workspaceId, boardId, status: "open", dueAt: { not: null } },
        select: { id: true },
      }),
      tx.meeting.findMany({
        where: { workspaceId, boardId, status: "scheduled", startsAt: { gt: now } },
        select: { id: true },
      }),
    ]);
    for (const a of actions) syncs.push(await syncActionReminders(tx, { workspaceId, actionId: a.id, now }));
    for (const m of meetings) syncs.push(await syncMeetingReminders(tx, { workspaceId, meetingId: m.id, now }));
    const ensured = await ensureNextMeetingIn(tx, { workspaceId, boardId, now });
    syncs.push(ensured.reminders);
    const nextMeeting = await tx.meeting.findFirst({
      where: { boardId, status: "scheduled", startsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      select: { id: true, startsAt: true, location: true },
    });
    return { nextMeeting, isNextFromRule: isNextFromRule || ensured.meeting !== null, reminders: mergeSyncs(...syncs) };
  });
}

/**
 * Moves a meeting the old rule made to where the new settings put it: the same day
 * if the new rule still meets then, else the new rule's next day. With no rule now
 * (or no day ahead) it stays where it is: it is on people's calendars.
 */
async function replaceRuleMadeMeeting(
  tx: Prisma.TransactionClient,
  {
    workspaceId,
    board,
    meeting,
    now,
  }: { workspaceId: string; board: MeetingBoard; meeting: UpcomingMeeting; now: Date },
): Promise<ReminderSync | undefined> {
  if (!board.recurrenceRule) return undefined;
  const minutes = board.defaultStartMinutes ?? DEFAULT_START_MINUTES;
  const sameDay = isoDayOf(meeting.startsAt, board.timeZone);
  const keepsDay = isOccurrence(board.recurrenceRule, sameDay) && instantOnDay(sameDay, minutes, board.timeZone) > now;
  const day = keepsDay ? sameDay : await nextRuleDay(tx, board, { now, excludingMeetingId: meeting.id });
  if (!day) return undefined;
  await tx.meeting.update({
    where: { id: meeting.id },
    data: { startsAt: instantOnDay(day, minutes, board.timeZone), location: board.defaultLocation },
  });
  return (
    await followMeetingDateIn(tx, { workspaceId, meetingId: meeting.id, now, actorLabel: "board's schedule changed" })
  ).reminders;
}
