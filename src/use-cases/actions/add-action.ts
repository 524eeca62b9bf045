// `/action add`: an action logged on the board named (or the channel's), as the caller may know it.
import type { Db } from "../../db/client";
import type { ActionRecord, OwnerInput } from "../../domain/actions/action-record";
import { createAction } from "../../domain/actions/create-action";
import { resolveDue } from "../../domain/actions/resolve-due";
import type { BoardRef } from "../../domain/boards/resolve-board";
import { visibleBoard } from "../access";
import type { Caller } from "../caller";
import type { Outcome } from "../effects";

export interface ActionToAdd {
  text: string;
  owners: readonly OwnerInput[];
  /** As written ("by end of May"); read in the board's zone and financial year. */
  duePhrase: string | undefined;
  board: BoardRef | undefined;
  /** Names the request (Slack's trigger id): a second delivery of it finds the action logged. */
  requestKey: string | null;
}

export interface AddedAction {
  action: ActionRecord;
  /** False when the request was seen before: the action logged then comes back, and no one is told twice. */
  isNew: boolean;
}

/**
 * Board and date are resolved before anything is written, so a bad one saves nothing. Costs
 * two statements (the board with its reminder rules, then one write), one more for "the next
 * meeting"; one when no board is named and the channel is none's (the channel is still looked up).
 */
export async function addAction(db: Db, caller: Caller, input: ActionToAdd): Promise<Outcome<AddedAction>> {
  const board = await visibleBoard(db, caller, input.board);
  const due = input.duePhrase
    ? await resolveDue(db, { phrase: input.duePhrase, board, timeZone: caller.workspace.timeZone, now: caller.now })
    : undefined;
  const { action, isNew, reminders } = await createAction({
    db,
    workspaceId: caller.workspace.id,
    workspaceTimeZone: caller.workspace.timeZone,
    board,
    text: input.text,
    owners: input.owners,
    due,
    createdBySlackUserId: caller.userId,
    requestKey: input.requestKey,
    now: caller.now,
  });
  if (!isNew) return { result: { action, isNew }, effects: [] };
  return {
    result: { action, isNew },
    effects: [
      {
        kind: "action_changed",
        action,
        actorSlackUserId: caller.userId,
        newOwnerIds: input.owners.flatMap((owner) => ("slackUserId" in owner ? [owner.slackUserId] : [])),
        reminders,
      },
    ],
  };
}
