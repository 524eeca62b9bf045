// `/action list …` and its "more" button: a page of the actions the caller may see.
import type { Db } from "../../db/client";
import type { ListFilter } from "../../domain/actions/command";
import { listActions as listActionPage, type ActionFilter, type ActionPage } from "../../domain/actions/list-actions";
import type { BoardRef } from "../../domain/boards/resolve-board";
import { AppError } from "../../errors";
import { hiddenBoardIds, visibleBoard } from "../access";
import { alongside } from "../alongside";
import type { Caller } from "../caller";

/** One page of a list: what it is of, and where it starts. */
export interface ListPage {
  filter: ActionFilter;
  /** The board it is narrowed to, as the first page found it (a "more" button carries its id). */
  boardId?: string;
  offset: number;
  limit: number;
}

export interface ActionList {
  filter: ActionFilter;
  board: { id: string; code: string } | undefined;
  page: ActionPage;
}

/**
 * The first page of `/action list`: the board named (#LCRB, or the "board" filter's) narrows
 * it; the channel's board does not. Two statements (private boards, then the page with its
 * total), one more for a board named, one more for a page past the end.
 */
export async function listActions(
  db: Db,
  caller: Caller,
  input: { filter: ListFilter; board: BoardRef | undefined; limit: number },
): Promise<ActionList> {
  const ref = input.filter.kind === "board" ? input.filter.board : input.board;
  const hidden = alongside(hiddenBoardIds(db, caller));
  const board = ref ? await visibleBoard(db, caller, ref) : undefined;
  const filter: ActionFilter =
    input.filter.kind === "board" ? { kind: "board" } : (input.filter as Exclude<ListFilter, { kind: "board" }>);
  return listVisible(db, caller, { filter, board, offset: 0, limit: input.limit }, await hidden);
}

/** A later page, from a "more" button: a board it names that is now hidden reads as a list gone. */
export async function listActionsPage(db: Db, caller: Caller, page: ListPage): Promise<ActionList> {
  const hidden = alongside(hiddenBoardIds(db, caller));
  const board = page.boardId
    ? await db.board.findFirst({
        where: { id: page.boardId, workspaceId: caller.workspace.id },
        select: { id: true, code: true, timeZone: true },
      })
    : null;
  return listVisible(db, caller, { ...page, board: board ?? undefined }, await hidden);
}

async function listVisible(
  db: Db,
  caller: Caller,
  {
    filter,
    board,
    offset,
    limit,
  }: {
    filter: ActionFilter;
    board: { id: string; code: string; timeZone: string } | undefined;
    offset: number;
    limit: number;
  },
  hidden: readonly string[],
): Promise<ActionList> {
  // A "more" button naming a private board the person is not in (it can only have been forged or forwarded).
  if (board && hidden.includes(board.id)) throw new AppError({ code: "list_gone" });
  const page = await listActionPage(db, {
    workspaceId: caller.workspace.id,
    filter,
    viewerSlackUserId: caller.userId,
    ...(board ? { boardId: board.id } : {}),
    hiddenBoardIds: hidden,
    now: caller.now,
    timeZone: board?.timeZone ?? caller.workspace.timeZone,
    offset,
    limit,
  });
  return { filter, board: board ? { id: board.id, code: board.code } : undefined, page };
}
