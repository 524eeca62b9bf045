import { z } from "zod";
import type { BoardRef, ListFilter } from "../../../../domain/actions/command";
import { listActions, type ActionFilter } from "../../../../domain/actions/list-actions";
import type { BoardSummary } from "../../../../domain/boards/resolve-board";
import { AppError } from "../../../../errors";
import { toListRow } from "../../../home";
import { hiddenBoardIdsFor } from "../../../people";
import type { MessageView } from "../../../views/blocks";
import { actionListView, LIST_PAGE_SIZE } from "../../../views/actions/action-list";
import type { CommandRequest } from "./request";
import { resolveVisibleBoard } from "./visible-board";

/** What the "more" button carries to fetch the next page. */
const MoreValue = z.object({
  f: z.enum(["mine", "overdue", "open", "done", "user", "board"]),
  u: z.string().optional(),
  b: z.string().uuid().optional(),
  o: z.number().int().min(0),
});
export type ListPageRequest = z.infer<typeof MoreValue>;

export function parseMoreValue(value: string): ListPageRequest | undefined {
  try {
    const parsed = MoreValue.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** `/action list ...`: resolves the board named, if any, then shows the first page. */
export async function runList(
  request: CommandRequest,
  filter: ListFilter,
  boardRef: BoardRef | undefined,
  offset: number,
): Promise<MessageView> {
  const ref = filter.kind === "board" ? filter.board : boardRef;
  // An explicit #BOARD narrows the list; the channel's board does not, except for "board" lists.
  const board = ref ? await resolveVisibleBoard(request, { ref, channelId: undefined }) : undefined;
  const page: ListPageRequest = {
    f: filter.kind,
    ...(filter.kind === "user" ? { u: filter.slackUserId } : {}),
    ...(board ? { b: board.id } : {}),
    o: offset,
  };
  return showListPage(request, page, board);
}

export async function showListPage(
  request: CommandRequest,
  page: ListPageRequest,
  knownBoard?: BoardSummary,
): Promise<MessageView> {
  const { deps, workspace, now } = request;
  const filter: ActionFilter =
    page.f === "user" ? { kind: "user", slackUserId: page.u ?? request.userId } : { kind: page.f };
  const board =
    knownBoard ??
    (page.b
      ? ((await deps.db.board.findFirst({ where: { id: page.b, workspaceId: workspace.id } })) ?? undefined)
      : undefined);
  const hiddenBoardIds = await hiddenBoardIdsFor(deps.db, request.client, {
    workspaceId: workspace.id,
    slackUserId: request.userId,
  });
  // A "more" button naming a private board the person is not in (it can only have been forged or forwarded).
  if (board && hiddenBoardIds.includes(board.id))
    throw new AppError("list_gone", "That list is no longer there. Run `/action list` again.");
  const result = await listActions(deps.db, {
    workspaceId: workspace.id,
    filter,
    viewerSlackUserId: request.userId,
    ...(board ? { boardId: board.id } : {}),
    hiddenBoardIds,
    now,
    timeZone: board?.timeZone ?? workspace.timeZone,
    offset: page.o,
    limit: LIST_PAGE_SIZE,
  });
  const rows = result.items.map((item) => toListRow(item, now, workspace.timeZone));
  const next = page.o + rows.length;
  return actionListView({
    title: titleOf(filter, board?.code),
    rows,
    total: result.total,
    offset: page.o,
    moreValue: next < result.total ? JSON.stringify({ ...page, o: next }) : undefined,
    emptyText: emptyTextOf(filter),
    isGrouped: filter.kind !== "done",
  });
}

function titleOf(filter: ActionFilter, boardCode: string | undefined): string {
  const on = boardCode ? ` · #${boardCode}` : "";
  switch (filter.kind) {
    case "mine":
      return `Your open actions${on}`;
    case "overdue":
      return `Overdue actions${on}`;
    case "open":
    case "board":
      return `Open actions${on}`;
    case "done":
      return `Done actions${on}`;
    case "user":
      return `Open actions of <@${filter.slackUserId}>${on}`;
  }
}

function emptyTextOf(filter: ActionFilter): string {
  switch (filter.kind) {
    case "mine":
      return "You have no open actions.";
    case "overdue":
      return "Nothing is overdue.";
    case "done":
      return "No actions have been marked done yet.";
    default:
      return "There are no open actions.";
  }
}
