// What the New and Edit action forms offer: the boards the caller may see, and recent
// and coming meetings, so an action can be tied to the one that agreed it.
import type { Db } from "../../db/client";
import type { ActionRecord } from "../../domain/actions/action-record";
import { resolveBoard } from "../../domain/boards/resolve-board";
import { assertMayChange, hiddenBoardIds, visibleActionById } from "../access";
import type { Caller } from "../caller";

export interface ActionFormChoices {
  boards: Array<{ id: string; code: string; name: string }>;
  meetings: Array<{ id: string; startsAt: Date; board: { code: string; timeZone: string } }>;
  /** The board the form starts on: the one asked for, unless it is hidden from the caller. */
  boardId: string | undefined;
}

/** How far back the form offers meetings. */
const MEETINGS_SINCE_MS = 400 * 86_400_000;

/** The form's choices, starting on `boardId` if the caller may see it (private boards they are not in are not offered). */
export async function readActionFormChoices(
  db: Db,
  caller: Caller,
  { boardId }: { boardId: string | undefined },
): Promise<ActionFormChoices> {
  const workspaceId = caller.workspace.id;
  const hidden = await hiddenBoardIds(db, caller);
  const shown = boardId && !hidden.includes(boardId) ? boardId : undefined;
  const boards = await db.board.findMany({
    where: { workspaceId, archivedAt: null, id: { notIn: hidden } },
    select: { id: true, code: true, name: true },
    orderBy: { code: "asc" },
    take: 100,
  });
  const meetings = await db.meeting.findMany({
    where: {
      workspaceId,
      status: { not: "cancelled" },
      startsAt: { gte: new Date(caller.now.getTime() - MEETINGS_SINCE_MS) },
      ...(shown ? { boardId: shown } : { boardId: { notIn: hidden } }),
    },
    select: { id: true, startsAt: true, board: { select: { code: true, timeZone: true } } },
    orderBy: { startsAt: "desc" },
    take: 50,
  });
  return { boards, meetings, boardId: shown };
}

/** The New action form from the caller's channel: its board chosen, if it is a board's. */
export async function readNewActionForm(db: Db, caller: Caller): Promise<ActionFormChoices> {
  const board = await resolveBoard(db, {
    workspaceId: caller.workspace.id,
    ref: undefined,
    channelId: caller.channelId,
  });
  return readActionFormChoices(db, caller, { boardId: board?.id });
}

/** The Edit form of an action, if the caller may change it: told now, in the form, not after filling it in. */
export async function readEditActionForm(
  db: Db,
  caller: Caller,
  { actionId }: { actionId: string },
): Promise<{ action: ActionRecord; choices: ActionFormChoices }> {
  const action = await visibleActionById(db, caller, actionId);
  await assertMayChange(caller, action);
  return { action, choices: await readActionFormChoices(db, caller, { boardId: action.boardId ?? undefined }) };
}
