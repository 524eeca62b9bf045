// Who may see and change what: the one place these rules live. Every use case asks
// here; nothing else asks the Directory. A private board (its channel is private) exists
// only for members of its channel: to anyone else it is answered exactly as a code that
// does not exist, so its name and actions never show.
import { Prisma, type Db } from "../db/client";
import { ACTION_INCLUDE, type ActionRecord, type Actor } from "../domain/actions/action-record";
import { changeRightOf, notAllowedToChange, type ChangeRightSubject } from "../domain/actions/authorize-change";
import { approversOf, notAllowedToDecide } from "../domain/reminders/request-extension";
import {
  BOARD_SELECT,
  resolveBoard,
  unknownBoard,
  type BoardRef,
  type BoardSummary,
} from "../domain/boards/resolve-board";
import type { PrivateBoard } from "../domain/actions/list-actions";
import { AppError, type Problem } from "../errors";
import type { Caller } from "./caller";
import { isRowId } from "../domain/ids";

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
  // Archived and channel-less private boards too, so lists hide what isBoardHidden hides. Prepared:
  // every form asks this first, and Prisma's query builder cost more than the read.
  const privateBoards = await db.prepared.rows<PrivateBoard>(Prisma.sql`
    SELECT "id", "slackChannelId" FROM "Board"
    WHERE "workspaceId" = ${caller.workspace.id}::uuid AND "isPrivate"`);
  return hiddenAmong(privateBoards, await visibleOf(caller, privateBoards));
}

/** A workspace's private boards as the last read past them found them, to guess which the next shows. */
const privateBoardsSeen = new Map<string, readonly PrivateBoard[]>();
const PRIVATE_BOARDS_SEEN_LIMIT = 1000;
/** Reads before one whose guess held; boards changing under every one of them is an error. */
const MOST_READS_PAST_PRIVATE = 5;

/**
 * A read that hides private boards the caller is not in (a list, the Home tab) in one
 * statement: `read` is given the private boards to show, and returns with the workspace's
 * private boards as it found them. The boards to show are guessed from what the last such
 * read in this workspace found, then checked against what this one found: where the guess
 * was wrong the read is made again (a board made private or moved to another channel since).
 * A wrong guess can only hide too much, never show too much (list-actions.ts), and a read
 * that may have shown a board now hidden is never returned.
 */
export async function readPastPrivateBoards<T extends { privateBoards: readonly PrivateBoard[] }>(
  caller: Caller,
  read: (visiblePrivateBoardIds: readonly string[]) => Promise<T>,
): Promise<{ result: T; hiddenBoardIds: string[] }> {
  const workspaceId = caller.workspace.id;
  let shown = await visibleOf(caller, privateBoardsSeen.get(workspaceId) ?? []);
  for (let attempt = 1; ; attempt += 1) {
    const result = await read(shown);
    if (privateBoardsSeen.size >= PRIVATE_BOARDS_SEEN_LIMIT && !privateBoardsSeen.has(workspaceId))
      privateBoardsSeen.delete(privateBoardsSeen.keys().next().value as string);
    privateBoardsSeen.set(workspaceId, result.privateBoards);
    const visible = await visibleOf(caller, result.privateBoards);
    const isSafe = shown.every((id) => visible.includes(id));
    const isWhole = visible.every((id) => shown.includes(id));
    if (isSafe && (isWhole || attempt >= MOST_READS_PAST_PRIVATE))
      return { result, hiddenBoardIds: hiddenAmong(result.privateBoards, visible) };
    if (attempt >= MOST_READS_PAST_PRIVATE * 2) throw new Error("private boards kept changing while being read past");
    shown = visible;
  }
}

/**
 * Of these private boards, those the caller is in. Asked of everywhere, not of the board's own
 * channel: a list made there shows other boards too.
 */
async function visibleOf(caller: Caller, boards: readonly PrivateBoard[]): Promise<string[]> {
  const anywhere = { ...caller, channelId: undefined };
  const shown = await Promise.all(
    boards.map(async (board) => ((await isBoardHidden(anywhere, { ...board, isPrivate: true })) ? null : board.id)),
  );
  return shown.filter((id): id is string => id !== null);
}

/** The ids of these private boards that are not among `visible`. */
function hiddenAmong(boards: readonly PrivateBoard[], visible: readonly string[]): string[] {
  return boards.map((board) => board.id).filter((id) => !visible.includes(id));
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
  throw new AppError({ code: "no_board_here", for: "command" });
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

/** What says who may manage a board, and its code for the refusal. */
interface ManagedBoard {
  code: string;
  chairSlackUserId: string | null;
  secretarySlackUserId: string | null;
  createdBySlackUserId: string | null;
}

/** A board's chair, its secretary, whoever created it, or a workspace admin may manage it. */
export async function mayManageBoard(caller: Caller, board: Omit<ManagedBoard, "code">): Promise<boolean> {
  if ([board.chairSlackUserId, board.secretarySlackUserId, board.createdBySlackUserId].includes(caller.userId))
    return true;
  return caller.directory.isWorkspaceAdmin(caller.userId).catch(() => false);
}

/** Throws the refusal unless the caller may manage the board. */
export async function assertMayManageBoard(caller: Caller, board: ManagedBoard): Promise<void> {
  if (await mayManageBoard(caller, board)) return;
  throw new AppError({
    code: "not_allowed_to_manage",
    boardCode: board.code,
    secretarySlackUserId: board.secretarySlackUserId,
  });
}

// --- boards, meetings and minutes ---

/** What managing a board and holding its meetings need of it, besides its summary. */
const BOARD_DETAILS_SELECT = {
  createdBySlackUserId: true,
  defaultLocation: true,
  defaultStartMinutes: true,
  recurrenceRule: true,
} as const;

/** A board with who created it (they may manage it) and when and where it meets. */
export interface BoardDetails extends BoardSummary {
  createdBySlackUserId: string | null;
  defaultLocation: string | null;
  defaultStartMinutes: number | null;
  recurrenceRule: string | null;
}

/** The details of a board access has already found (in the caller's workspace). */
export async function boardDetails(db: Db, caller: Caller, board: BoardSummary): Promise<BoardDetails> {
  const details = await db.board.findFirstOrThrow({
    where: { id: board.id, workspaceId: caller.workspace.id },
    select: BOARD_DETAILS_SELECT,
  });
  return { ...board, ...details };
}

/** The board a request names (or its channel's) as the caller may know it, refused unless they may manage it. */
export async function requiredManagedBoard(db: Db, caller: Caller, ref: BoardRef | undefined): Promise<BoardDetails> {
  const board = await boardDetails(db, caller, await requiredBoard(db, caller, ref));
  await assertMayManageBoard(caller, board);
  return board;
}

/**
 * A board by its id (kept in a form's metadata, or an import's row) as the caller may know
 * it: undefined when it is gone, archived, or private to a channel they are not in.
 */
export async function visibleBoardById(db: Db, caller: Caller, boardId: string): Promise<BoardDetails | undefined> {
  const board = await db.board.findFirst({
    where: { id: boardId, workspaceId: caller.workspace.id, archivedAt: null },
    select: { ...BOARD_SELECT, ...BOARD_DETAILS_SELECT },
  });
  if (!board || (await isBoardHidden(caller, board))) return undefined;
  return board;
}

/**
 * Who may import minutes into a board: those who may manage it, since an import records the
 * meeting held and schedules the next, as every other change to its meetings does (README,
 * "Using it: boards and meetings").
 */
export async function assertMayImportMinutes(caller: Caller, board: ManagedBoard): Promise<void> {
  await assertMayManageBoard(caller, board);
}

// --- action buttons, forms and reminders ---

/**
 * The action a button or form names by id, as the caller may know it: one that is gone,
 * or on a private board hidden from them (asked of everywhere, as lists are), reads as
 * gone, naming nothing (they typed no reference, so none is echoed back). `gone` is the
 * problem that says so: what the button was on (a reminder, a request) when it names that.
 */
export async function visibleActionById(
  db: Db,
  caller: Caller,
  actionId: string,
  gone: Problem = { code: "action_not_found" },
): Promise<ActionRecord> {
  // Not an id at all (a forged button) is gone too, not a database error.
  const action = isRowId(actionId)
    ? await db.action.findFirst({ where: { id: actionId, workspaceId: caller.workspace.id }, include: ACTION_INCLUDE })
    : null;
  if (!action || (await isActionHidden(caller, action))) throw new AppError(gone);
  return action;
}

/**
 * Posting an update is changing the action, refused in words about updates (the form
 * says so before anything is written).
 */
export async function assertMayPostUpdate(
  caller: Caller,
  action: ChangeRightSubject & { reference: string },
): Promise<Actor> {
  const actor = await actorFor(caller, action);
  if (changeRightOf(action, actor)) return actor;
  throw new AppError({ code: "not_allowed_to_post_update", reference: action.reference });
}

/**
 * Snoozing is for the person a reminder was sent to (the domain checks that in its
 * transaction). A reminder to a channel (an action owned only by bodies outside Slack)
 * silences the whole channel's reminders: that is for those who may change the action.
 */
export async function assertMaySnooze(
  caller: Caller,
  reminder: { recipient: string },
  action: ChangeRightSubject & { reference: string; board: { code: string } | null },
): Promise<void> {
  if (reminder.recipient.startsWith("channel:")) await assertMayChange(caller, action);
}

/**
 * The caller as the one undoing a change: only whoever made it may undo it (the domain
 * checks that against the action's last event), so being an admin gives no right here.
 */
export function undoerOf(caller: Caller): Actor {
  return { slackUserId: caller.userId, isAdmin: false };
}

/**
 * The caller as the decider of a new date: the board's chair or secretary, or a workspace
 * admin; an owner's or creator's say does not count. The Directory is asked about admins
 * only when the caller is neither. The domain checks again inside its transaction.
 */
export async function assertMayDecideNewDate(
  caller: Caller,
  action: { reference: string; board: { chairSlackUserId: string | null; secretarySlackUserId: string | null } | null },
): Promise<Actor> {
  const actor = { slackUserId: caller.userId, isAdmin: false };
  if (approversOf(action.board).includes(caller.userId)) return actor;
  if (await caller.directory.isWorkspaceAdmin(caller.userId).catch(() => false)) return { ...actor, isAdmin: true };
  throw notAllowedToDecide(action.reference);
}

// --- the /action command and the Home tab ---

/**
 * Whether an action is hidden from the caller: its board is private and they are not in
 * its channel, wherever they ask from (as lists hide it). Anyone else is told it does not exist.
 */
export async function isActionHidden(
  caller: Caller,
  action: { board: { isPrivate: boolean; slackChannelId: string | null } | null },
): Promise<boolean> {
  if (!action.board) return false;
  return isBoardHidden({ ...caller, channelId: undefined }, action.board);
}
