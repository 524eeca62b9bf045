import { z } from "zod";
import type { Db, Prisma } from "../../db/client";
import { readReminderPolicy, type ReminderPolicy } from "../../reminders/plan";
import { mergeSyncs, type ReminderSync } from "../reminders/reconcile-reminders";
import { syncActionReminders } from "../reminders/sync-action-reminders";
import { syncMeetingReminders } from "../reminders/sync-meeting-reminders";

export const HOLIDAY_REGIONS = ["england-and-wales", "scotland", "northern-ireland"] as const;

export const BoardSettingsSchema = z.object({
  chairSlackUserId: z.string().nullable(),
  secretarySlackUserId: z.string().nullable(),
  timeZone: z.string().refine((zone) => Intl.supportedValuesOf("timeZone").includes(zone) || zone === "UTC", "is not a time zone"),
  holidayRegion: z.enum(HOLIDAY_REGIONS),
  defaultLocation: z.string().max(200).nullable(),
  defaultStartMinutes: z.number().int().min(0).max(1439).nullable(),
  recurrenceRule: z.string().nullable(),
  requireExtensionApproval: z.boolean(),
  reminderPolicy: z.custom<ReminderPolicy>((value) => readReminderPolicy(value).ok, "is not a valid reminder policy"),
});

export type BoardSettings = z.infer<typeof BoardSettingsSchema>;

/**
 * Saves a board's settings and re-plans what depends on them (the zone, holidays
 * and policy decide when every reminder fires), all in one transaction.
 */
export async function updateBoardSettings(db: Db, { workspaceId, boardId, settings, now }: { workspaceId: string; boardId: string; settings: BoardSettings; now: Date }): Promise<ReminderSync> {
  const valid = BoardSettingsSchema.parse(settings);
  return db.$transaction(async (tx) => {
    await tx.board.update({ where: { id: boardId, workspaceId }, data: { ...valid, reminderPolicy: valid.reminderPolicy as unknown as Prisma.InputJsonValue } });
    const [actions, meetings] = await Promise.all([
      tx.action.findMany({ where: { workspaceId, boardId, status: "open", dueAt: { not: null } }, select: { id: true } }),
      tx.meeting.findMany({ where: { workspaceId, boardId, status: "scheduled", startsAt: { gt: now } }, select: { id: true } }),
    ]);
    const syncs: ReminderSync[] = [];
    for (const a of actions) syncs.push(await syncActionReminders(tx, { workspaceId, actionId: a.id, now }));
    for (const m of meetings) syncs.push(await syncMeetingReminders(tx, { workspaceId, meetingId: m.id, now }));
    return mergeSyncs(...syncs);
  });
}
