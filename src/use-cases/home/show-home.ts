// A person's Home tab: their open actions they may see, and new dates waiting on their decision.
import type { Db } from "../../db/client";
import { listActions, type ListedAction } from "../../domain/actions/list-actions";
import { pendingRequestsFor, type PendingRequest } from "../../domain/reminders/request-extension";
import { readPastPrivateBoards } from "../access";
import { alongside } from "../alongside";
import type { Caller } from "../caller";

export interface HomeContents {
  actions: ListedAction[];
  /** How many open actions they have in all (the tab shows the first `limit`). */
  total: number;
  pending: PendingRequest[];
}

/**
 * Two statements at once (the actions with the private boards they hid, and the requests). A request on a private board
 * the person is not in is left out, as its actions are: a chair or secretary outside the
 * board's channel could not decide it (decideNewDate answers them "not found").
 */
export async function showHome(db: Db, caller: Caller, { limit }: { limit: number }): Promise<HomeContents> {
  // Read alongside the actions; filtered by the boards they hid once both are in.
  const requests = alongside(pendingRequestsFor(db, { workspaceId: caller.workspace.id, slackUserId: caller.userId }));
  const { result: page, hiddenBoardIds: hidden } = await readPastPrivateBoards(caller, (visiblePrivateBoardIds) =>
    listActions(db, {
      workspaceId: caller.workspace.id,
      filter: { kind: "mine" },
      viewerSlackUserId: caller.userId,
      visiblePrivateBoardIds,
      now: caller.now,
      timeZone: caller.workspace.timeZone,
      offset: 0,
      limit,
    }),
  );
  const pending = (await requests).filter((request) => !request.boardId || !hidden.includes(request.boardId));
  return { actions: page.items, total: page.total, pending };
}
