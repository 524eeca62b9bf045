import type { Db } from "../../db/client";
import { openImportReview, type ReviewScreen } from "../../domain/minutes/open-import-review";
import { prepareImport } from "../../domain/minutes/prepare-import";
import type { WorkspacePerson } from "../../domain/minutes/review/match-people";
import type { Caller } from "../caller";
import { importBoard } from "./import-board";

/**
 * Pasted minutes read into an import awaiting review, by someone who may import into the
 * board; nothing else is written until it is confirmed. `people` are the workspace's (asked
 * of Slack), for matching the owners the minutes name.
 */
export async function importMinutes(
  db: Db,
  caller: Caller,
  input: {
    boardId: string;
    text: string;
    meetingDate: string | undefined;
    people: () => Promise<WorkspacePerson[]>;
  },
): Promise<ReviewScreen> {
  const board = await importBoard(db, caller, input.boardId, { code: "import_board_gone" });
  const workspaceId = caller.workspace.id;
  const prepared = await prepareImport(db, {
    workspaceId,
    board,
    text: input.text,
    fileName: null,
    createdBySlackUserId: caller.userId,
    ...(input.meetingDate ? { meetingDate: input.meetingDate } : {}),
  });
  return openImportReview(db, {
    workspaceId,
    importId: prepared.importId,
    people: await input.people(),
    now: caller.now,
  });
}
