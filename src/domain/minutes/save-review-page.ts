// A page of the review form submitted: checked field by field, kept on the import row
// when every field reads, and the import confirmed from the kept review at the end.
import type { Db, Prisma } from "../../db/client";
import { confirmImport, type ConfirmedImport } from "./confirm-import";
import { pendingReview, proposeReview, reviewScreenOf, type ReviewScreen } from "./open-import-review";
import { applyReviewPage, type FieldProblem, type PageInput } from "./review/apply-review-page";
import { changesOf, choicesOf } from "./review/import-changes";
import type { ReviewDraft } from "./review/review-draft";
import { isRowId } from "../ids";

export type SavedPage =
  { ok: true; screen: ReviewScreen; isAnotherWanted: boolean } | { ok: false; problems: FieldProblem[] };

export async function saveReviewPage(
  db: Db,
  { workspaceId, importId, input, now }: { workspaceId: string; importId: string; input: PageInput; now: Date },
): Promise<SavedPage> {
  const row = await pendingReview(db, { workspaceId, importId });
  // An import read before reviews were kept (or never opened here) is reviewed as first proposed, without people.
  const draft =
    (row.review as unknown as ReviewDraft | null) ?? (await proposeReview(db, { workspaceId, row, people: [], now }));
  const outcome = applyReviewPage(draft, input, { now, timeZone: row.board.timeZone });
  if (!outcome.ok) return outcome;
  await db.minutesImport.updateMany({
    where: { id: row.id, status: "previewed" },
    data: { review: outcome.draft as unknown as Prisma.InputJsonValue },
  });
  return { ok: true, screen: reviewScreenOf(row, outcome.draft), isAnotherWanted: outcome.isAnotherWanted };
}

/** Confirms the import as reviewed: the kept review's choices, and what was changed recorded in its history. */
export async function confirmReviewedImport(
  db: Db,
  {
    workspaceId,
    importId,
    actorSlackUserId,
    now,
  }: { workspaceId: string; importId: string; actorSlackUserId: string; now: Date },
): Promise<ConfirmedImport> {
  const row = await pendingReview(db, { workspaceId, importId });
  const draft =
    (row.review as unknown as ReviewDraft | null) ?? (await proposeReview(db, { workspaceId, row, people: [], now }));
  return confirmImport(db, {
    workspaceId,
    importId,
    choices: choicesOf(draft),
    changes: changesOf(draft),
    actorSlackUserId,
    now,
  });
}

/** The board an import is for, to check who may review it; undefined when there is none. */
export async function reviewBoardOf(
  db: Db,
  { workspaceId, importId }: { workspaceId: string; importId: string },
): Promise<string | undefined> {
  if (!isRowId(importId)) return undefined;
  return (
    (await db.minutesImport.findFirst({ where: { id: importId, workspaceId }, select: { boardId: true } }))?.boardId ??
    undefined
  );
}
