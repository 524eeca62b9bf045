// The review of an import awaiting confirmation: what the form shows, with each owner's
// proposed match (an attendee's initials read, then a person in Slack or a body the
// board already uses) and any disagreement between the minutes' next meeting and the
// board's calendar. Made once and kept on the import row; reopening shows it as left.
import type { Db, Prisma } from "../../db/client";
import { isoDayOf, startOfIsoDay } from "../../dates";
import { AppError } from "../../errors";
import type { MinutesExtraction } from "../../minutes/types";
import type { WorkspacePerson } from "./review/match-people";
import { proposeOwners } from "./review/propose-owners";
import { buildReviewDraft, type NextMeetingConflict, type ReviewDraft } from "./review/review-draft";
import { isRowId } from "../ids";

export interface ReviewScreen {
  importId: string;
  board: { code: string; timeZone: string };
  extraction: Pick<MinutesExtraction, "meeting" | "nextMeeting"> & {
    present: number;
    items: number;
    decisions: number;
    found: number;
  };
  draft: ReviewDraft;
}

const NOT_FOUND = () => new AppError({ code: "import_not_found" });

export const REVIEW_ROW_SELECT = {
  id: true,
  status: true,
  result: true,
  review: true,
  board: { select: { id: true, code: true, timeZone: true } },
} as const;
type ReviewRow = Prisma.MinutesImportGetPayload<{ select: typeof REVIEW_ROW_SELECT }>;

/** The import, awaiting review, of this workspace; refused plainly otherwise. */
export async function pendingReview(
  db: Db,
  { workspaceId, importId }: { workspaceId: string; importId: string },
): Promise<ReviewRow & { board: NonNullable<ReviewRow["board"]> }> {
  const row = isRowId(importId)
    ? await db.minutesImport.findFirst({ where: { id: importId, workspaceId }, select: REVIEW_ROW_SELECT })
    : null;
  if (!row?.board || !row.result) throw NOT_FOUND();
  if (row.status !== "previewed") throw new AppError({ code: "import_not_pending" });
  return { ...row, board: row.board };
}

export function reviewScreenOf(
  row: ReviewRow & { board: { code: string; timeZone: string } },
  draft: ReviewDraft,
): ReviewScreen {
  const extraction = row.result as unknown as MinutesExtraction;
  return {
    importId: row.id,
    board: { code: row.board.code, timeZone: row.board.timeZone },
    extraction: {
      meeting: extraction.meeting,
      nextMeeting: extraction.nextMeeting,
      present: extraction.attendees.filter((a) => a.status === "present").length,
      items: extraction.items.length,
      decisions: extraction.decisions.length,
      found: extraction.actions.length,
    },
    draft,
  };
}

/** The board's next meeting on its calendar, when it is on another day than the minutes say. */
async function calendarConflict(
  db: Db,
  board: { id: string; timeZone: string },
  extraction: MinutesExtraction,
  now: Date,
): Promise<NextMeetingConflict | null> {
  const next = extraction.nextMeeting;
  // Old minutes whose next meeting has long passed disagree with no calendar.
  if (!next || next.date < isoDayOf(now, board.timeZone)) return null;
  const after = extraction.meeting.date ? startOfIsoDay(extraction.meeting.date, board.timeZone) : new Date(0);
  const scheduled = await db.meeting.findMany({
    where: { boardId: board.id, status: "scheduled", startsAt: { gt: new Date(after.getTime() + 24 * 3_600_000) } },
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true },
    take: 50,
  });
  const days = scheduled.map((m) => ({ id: m.id, day: isoDayOf(m.startsAt, board.timeZone) }));
  const first = days[0];
  if (!first || days.some((d) => d.day === next.date)) return null;
  return { documentDay: next.date, calendarMeetingId: first.id, calendarDay: first.day };
}

/** The review as first proposed: each owner's match, and the calendar's disagreement if any. */
export async function proposeReview(
  db: Db,
  {
    workspaceId,
    row,
    people,
    now,
  }: {
    workspaceId: string;
    row: ReviewRow & { board: { id: string; timeZone: string } };
    people: readonly WorkspacePerson[];
    now: Date;
  },
): Promise<ReviewDraft> {
  const extraction = row.result as unknown as MinutesExtraction;
  const bodies = await db.actionOwner.findMany({
    where: { workspaceId, bodyName: { not: null }, action: { boardId: row.board.id } },
    distinct: ["bodyName"],
    select: { bodyName: true },
    take: 500,
  });
  return buildReviewDraft(extraction, {
    owners: proposeOwners(extraction, { people, knownBodies: bodies.map((b) => b.bodyName!) }),
    timeZone: row.board.timeZone,
    conflict: await calendarConflict(db, row.board, extraction, now),
  });
}

export async function openImportReview(
  db: Db,
  {
    workspaceId,
    importId,
    people,
    now,
  }: { workspaceId: string; importId: string; people: readonly WorkspacePerson[]; now: Date },
): Promise<ReviewScreen> {
  const row = await pendingReview(db, { workspaceId, importId });
  if (row.review) return reviewScreenOf(row, row.review as unknown as ReviewDraft);
  const draft = await proposeReview(db, { workspaceId, row, people, now });
  await db.minutesImport.update({ where: { id: row.id }, data: { review: draft as unknown as Prisma.InputJsonValue } });
  return reviewScreenOf(row, draft);
}
