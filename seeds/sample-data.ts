// Sample boards and minutes for trying Minutebook: four documents written fresh in
// the styles of real governance records (a monthly bilateral, an oversight board, a
// crime reduction board with explicit actions, a recommendations-and-responses
// letter), with dates set around today so some actions are overdue and some reminders
// are coming up. Loaded through the same import path as real minutes.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import type { Db } from "../src/db/client";
import { acceptEverything, confirmImport } from "../src/domain/minutes/confirm-import";
import { prepareImport } from "../src/domain/minutes/prepare-import";
import { mergeSyncs, type ReminderSync } from "../src/domain/reminders/reconcile-reminders";
import { projectRoot } from "../src/project-root";
import { isWorkingDay, nextWorkingDay, workingDayOnOrBefore } from "../src/reminders/plan";

export const SAMPLE_SECRETARY = "U0SECRETARY";
export const SAMPLE_CHAIR = "U0CHAIR";

interface SampleBoard {
  code: string;
  name: string;
  channelId: string;
  /** The channel's name, for the local console. */
  channelName: string;
  document: string;
}

export const SAMPLE_BOARDS: readonly SampleBoard[] = [
  {
    code: "BIL",
    name: "DCC-Chief Constable Monthly Bilateral",
    channelId: "C0BILATERAL",
    channelName: "bilateral",
    document: "bilateral.md.tmpl",
  },
  {
    code: "OSB",
    name: "Community Safety Oversight Board",
    channelId: "C0OVERSIGHT",
    channelName: "oversight",
    document: "oversight-board.md.tmpl",
  },
  {
    code: "RCRB",
    name: "Riverside Crime Reduction Board",
    channelId: "C0RCRB",
    channelName: "rcrb",
    document: "crime-reduction-board.md.tmpl",
  },
  {
    code: "PCSP",
    name: "Police and Crime Scrutiny Panel",
    channelId: "C0PANEL",
    channelName: "panel",
    document: "response-letter.md.tmpl",
  },
];

/** The sample boards' working days: the defaults a board gets. */
const SAMPLE_HOLIDAYS = "england-and-wales" as const;

/**
 * A meeting's day `offset` days from today, or the nearest working day away from
 * today when that one is a weekend or a bank holiday: boards do not meet then, and
 * moving away from today keeps a held meeting in the past and a coming one ahead.
 */
export function sampleMeetingDay(today: DateTime, offset: number): DateTime {
  const calendar = { timeZone: today.zoneName ?? "Europe/London", holidayRegion: SAMPLE_HOLIDAYS };
  const day = today.plus({ days: offset }).toISODate()!;
  const working = isWorkingDay(day, calendar)
    ? day
    : offset < 0
      ? workingDayOnOrBefore(day, calendar)
      : nextWorkingDay(day, calendar);
  return DateTime.fromISO(working, { zone: today.zone });
}

/**
 * The document with {{date:-7}}, {{day:+14}} and {{month:+3}} set around `today`;
 * {{meeting-date:-21}} and {{meeting-day:+14}} are meetings' days, on working days.
 */
export function renderSampleDocument(template: string, today: DateTime): string {
  return template.replace(
    /\{\{(meeting-date|meeting-day|date|day|month):([+-]\d+)\}\}/g,
    (_, kind: string, offset: string) => {
      const at =
        kind === "month"
          ? today.plus({ months: Number(offset) })
          : kind.startsWith("meeting-")
            ? sampleMeetingDay(today, Number(offset))
            : today.plus({ days: Number(offset) });
      return at.toFormat(kind.endsWith("day") ? "cccc d MMMM yyyy" : kind === "month" ? "MMMM yyyy" : "d MMMM yyyy");
    },
  );
}

export interface SeedSummary {
  boards: { code: string; isNew: boolean; actions: number; isImported: boolean }[];
  reminders: ReminderSync;
}

/** Idempotent: a board or document already loaded is left as it is. */
export async function seedSampleData(
  db: Db,
  { slackTeamId, now }: { slackTeamId: string; now: Date },
): Promise<SeedSummary> {
  const workspace = await db.workspace.upsert({
    where: { slackTeamId },
    create: { slackTeamId, name: "Minutebook samples" },
    update: {},
  });
  const today = DateTime.fromJSDate(now, { zone: workspace.timeZone }).startOf("day");
  const summary: SeedSummary = { boards: [], reminders: { scheduled: [], cancelled: [] } };
  for (const sample of SAMPLE_BOARDS) {
    const existing = await db.board.findUnique({
      where: { workspaceId_code: { workspaceId: workspace.id, code: sample.code } },
      select: { id: true },
    });
    const board = existing
      ? await db.board.findUniqueOrThrow({
          where: { id: existing.id },
          select: { id: true, code: true, timeZone: true },
        })
      : await db.board.create({
          data: {
            workspaceId: workspace.id,
            code: sample.code,
            name: sample.name,
            slackChannelId: sample.channelId,
            chairSlackUserId: SAMPLE_CHAIR,
            secretarySlackUserId: SAMPLE_SECRETARY,
            createdBySlackUserId: SAMPLE_SECRETARY,
            timeZone: workspace.timeZone,
          },
          select: { id: true, code: true, timeZone: true },
        });
    const isImported = (await db.meeting.count({ where: { boardId: board.id, sourceFileName: sample.document } })) > 0;
    let actions = 0;
    if (!isImported) {
      const template = await readFile(path.join(projectRoot(), "seeds", "documents", sample.document), "utf8");
      const prepared = await prepareImport(db, {
        workspaceId: workspace.id,
        board,
        text: renderSampleDocument(template, today),
        fileName: sample.document,
        createdBySlackUserId: SAMPLE_SECRETARY,
      });
      const confirmed = await confirmImport(db, {
        workspaceId: workspace.id,
        importId: prepared.importId,
        choices: acceptEverything(prepared.extraction, prepared.extraction.meeting.date ? null : today.toISODate()),
        actorSlackUserId: SAMPLE_SECRETARY,
        now,
      });
      actions = confirmed.actions.length;
      summary.reminders = mergeSyncs(summary.reminders, confirmed.reminders);
    }
    summary.boards.push({ code: sample.code, isNew: !existing, actions, isImported: !isImported });
  }
  return summary;
}
