// A person's Home tab: their open actions they may see, and new dates waiting on their decision.
import type { Db } from "../../db/client";
import { listActions, type ListedAction } from "../../domain/actions/list-actions";
import { pendingRequestsFor, type PendingRequest } from "../../domain/reminders/request-extension";
import { hiddenBoardIds } from "../access";
import type { Caller } from "../caller";

export interface HomeContents {
  actions: ListedAction[];
  /** How many open actions they have in all (the tab shows the first `limit`). */
  total: number;
  pending: PendingRequest[];
}

/** Three statements (private boards, the actions, the requests), four when the tab is full. */
export async function showHome(db: Db, caller: Caller, { limit }: { limit: number }): Promise<HomeContents> {
  // The requests do not depend on which boards are hidden: read alongside.
  const pending = pendingRequestsFor(db, { workspaceId: caller.workspace.id, slackUserId: caller.userId });
  pending.catch(() => undefined);
  const page = await listActions(db, {
    workspaceId: caller.workspace.id,
    filter: { kind: "mine" },
    viewerSlackUserId: caller.userId,
    hiddenBoardIds: await hiddenBoardIds(db, caller),
    now: caller.now,
    timeZone: caller.workspace.timeZone,
    offset: 0,
    limit,
  });
  return { actions: page.items, total: page.total, pending: await pending };
}
