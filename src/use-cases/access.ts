// Who may see and change what: the one place these rules live. Every use case asks
// here; nothing else asks the Directory. A private board (its channel is private) exists
// only for members of its channel: to anyone else it is answered exactly as a code that
// does not exist, so its name and actions never show.
import type { Db } from "../db/client";
import type { Actor } from "../domain/actions/action-record";
import { changeRightOf, notAllowedToChange, type ChangeRightSubject } from "../domain/actions/authorize-change";
import { resolveBoard, unknownBoard, type BoardRef, type BoardSummary } from "../domain/boards/resolve-board";
import { AppError } from "../errors";
import type { Caller } from "./caller";

/** Whether a board is hidden from the caller: private, asked about from outside its channel, by someone not in it. */
export async function isBoardHidden(
  caller: Caller,
  board: { isPrivate: boolean; slackChannelId: string | null },
): Promise<boolean> {
  if (!board.isPrivate || board.slackChannelId === caller.channelId) return false;
  if (!board.slackChannelId) return true;
  // A Directory that cannot answer hides the board: showing a private board by mistake is the worse error.
  return !(await caller.directory.isChannelMember(board.slackChannelId, caller.userId).catch(() => false));
}

/** Boards whose actions the caller may not see anywhere (lists, Home tab, forms). */
export async function hiddenBoardIds(db: Db, caller: Caller): Promise<string[]> {
  const privateBoards = await db.board.findMany({
    where: { workspaceId: caller.workspace.id, isPrivate: true, archivedAt: null, slackChannelId: { not: null } },
    select: { id: true, isPrivate: true, slackChannelId: true },
  });
  // Asked of everywhere, not of the board's own channel: a list made there shows other boards too.
  const anywhere = { ...caller, channelId: undefined };
  const hidden = await Promise.all(
    privateBoards.map(async (board) => ((await isBoardHidden(anywhere, board)) ? board.id : null)),
  );
  return hidden.filter((id): id is string => id !== null);
}

/**
 * The board a request means (the one it names, else its channel's), as the caller may
 * know it; undefined when it names none and its channel is no board's.
 */
export async function visibleBoard(
  db: Db,
  caller: Caller,
  ref: BoardRef | undefined,
): Promise<BoardSummary | undefined> {
  const board = await resolveBoard(db, { workspaceId: caller.workspace.id, ref, channelId: caller.channelId });
  if (!board || !(await isBoardHidden(caller, board))) return board;
  throw await unknownBoard(
    db,
    caller.workspace.id,
    ref && "channelId" in ref ? `<#${ref.channelId}>` : `#${board.code}`,
  );
}

/** visibleBoard, for requests that need a board: none named and none here is a problem. */
export async function requiredBoard(db: Db, caller: Caller, ref: BoardRef | undefined): Promise<BoardSummary> {
  const board = await visibleBoard(db, caller, ref);
  if (board) return board;
  throw new AppError(
    "no_board_here",
    "This channel is not a board's channel.",
    "Name the board (such as #LCRB), or create one here with `/board create LCRB London Crime Reduction Board`.",
  );
}

/**
 * The caller as an actor on this action: the Directory is asked whether they are an
 * admin only when nothing else gives them the right (users.info is rate-limited).
 */
export async function actorFor(caller: Caller, action: ChangeRightSubject): Promise<Actor> {
  const actor = { slackUserId: caller.userId, isAdmin: false };
  if (changeRightOf(action, actor)) return actor;
  return { ...actor, isAdmin: await caller.directory.isWorkspaceAdmin(caller.userId).catch(() => false) };
}

/** Throws the refusal unless the caller may change the action; returns them as its actor. */
export async function assertMayChange(
  caller: Caller,
  action: ChangeRightSubject & { reference: string; board: { code: string } | null },
): Promise<Actor> {
  const actor = await actorFor(caller, action);
  if (!changeRightOf(action, actor)) throw notAllowedToChange(action);
  return actor;
}

/** A board's chair, its secretary, whoever created it, or a workspace admin may manage it. */
export async function mayManageBoard(
  caller: Caller,
  board: { chairSlackUserId: string | null; secretarySlackUserId: string | null; createdBySlackUserId: string | null },
): Promise<boolean> {
  if ([board.chairSlackUserId, board.secretarySlackUserId, board.createdBySlackUserId].includes(caller.userId))
    return true;
  return caller.directory.isWorkspaceAdmin(caller.userId).catch(() => false);
}

/** Throws the refusal unless the caller may manage the board. */
export async function assertMayManageBoard(
  caller: Caller,
  board: {
    code: string;
    chairSlackUserId: string | null;
    secretarySlackUserId: string | null;
    createdBySlackUserId: string | null;
  },
): Promise<void> {
  if (await mayManageBoard(caller, board)) return;
  throw new AppError(
    "not_allowed",
    `Only ${board.code}'s chair, secretary, whoever created it, or a workspace admin can do that. Nothing was changed.`,
    board.secretarySlackUserId ? `Ask <@${board.secretarySlackUserId}>.` : undefined,
  );
}
