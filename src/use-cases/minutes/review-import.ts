// Reviewing an import before it is confirmed: opened from its message, then saved a page
// at a time. Only those who may import into its board may review it.
import type { Db } from "../../db/client";
import { openImportReview as reviewOf, type ReviewScreen } from "../../domain/minutes/open-import-review";
import type { PageInput } from "../../domain/minutes/review/apply-review-page";
import type { WorkspacePerson } from "../../domain/minutes/review/match-people";
import { saveReviewPage, type SavedPage } from "../../domain/minutes/save-review-page";
import type { Caller } from "../caller";
import { importBoardOfReview } from "./import-board";

/** The review form of an import read from a file; `people` are the workspace's, for matching owners. */
export async function openImportReview(
  db: Db,
  caller: Caller,
  input: { importId: string; people: () => Promise<WorkspacePerson[]> },
): Promise<ReviewScreen> {
  await importBoardOfReview(db, caller, input.importId);
  return reviewOf(db, {
    workspaceId: caller.workspace.id,
    importId: input.importId,
    people: await input.people(),
    now: caller.now,
  });
}

/** A page of the review submitted: kept when every field reads, else the problems field by field. */
export async function saveImportReviewPage(
  db: Db,
  caller: Caller,
  input: { importId: string; page: PageInput },
): Promise<SavedPage> {
  await importBoardOfReview(db, caller, input.importId);
  return saveReviewPage(db, {
    workspaceId: caller.workspace.id,
    importId: input.importId,
    input: input.page,
    now: caller.now,
  });
}
