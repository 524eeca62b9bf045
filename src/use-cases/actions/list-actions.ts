// `/action list …` and its "more" button: a page of the actions the caller may see.
import type { Db } from "../../db/client";
import type { ListFilter } from "../../domain/actions/command";
import { listActions as listActionPage, type ActionFilter, type ActionPage } from "../../domain/actions/list-actions";
import type { BoardRef } from "../../domain/boards/resolve-board";
import { AppError } from "../../errors";
import { readPastPrivateBoards, visibleBoard } from "../access";
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
 * it; the channel's board does not. One statement (the page, its total and the private boards
 * it hid), one more before it for a board named, one more after it when a private board
 * changed since this process last listed the workspace (readPastPrivateBoards).
 */
export async function listActions(
  db: Db,
  caller: Caller,
  input: { filter: ListFilter; board: BoardRef | undefined; limit: number },
): Promise<ActionList> {
  const ref = input.filter.kind === "board" ? input.filter.board : input.board;
  const board = ref ? await visibleBoard(db, caller, ref) : undefined;
  const filter: ActionFilter =
    input.filter.kind === "board" ? { kind: "board" } : (input.filter as Exclude<ListFilter, { kind: "board" }>);
  return listVisible(db, caller, { filter, board, offset: 0, limit: input.limit });
}

/** A later page, from a "more" button: a board it names that is now hidden reads as a list gone. */
export async function listActionsPage(db: Db, caller: Caller, page: ListPage): Promise<ActionList> {
  const board = page.boardId
    ? await db.board.findFirst({
        where: { id: page.boardId, workspaceId: caller.workspace.id },
        select: { id: true, code: true, timeZone: true },
      })
    : null;
  return listVisible(db, caller, { ...page, board: board ?? undefined });
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
): Promise<ActionList> {
  const { result: page, hiddenBoardIds } = await readPastPrivateBoards(caller, (visiblePrivateBoardIds) =>
    listActionPage(db, {
      workspaceId: caller.workspace.id,
      filter,
      viewerSlackUserId: caller.userId,
      ...(board ? { boardId: board.id } : {}),
      visiblePrivateBoardIds,
      now: caller.now,
      timeZone: board?.timeZone ?? caller.workspace.timeZone,
      offset,
      limit,
    }),
  );
  // A "more" button naming a private board the person is not in (it can only have been forged
  // or forwarded): the page read showed none of it.
  if (board && hiddenBoardIds.includes(board.id)) throw new AppError({ code: "list_gone" });
  return { filter, board: board ? { id: board.id, code: board.code } : undefined, page };
}
