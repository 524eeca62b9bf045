import { z } from "zod";
import type { BoardRef, ListFilter } from "../../../../domain/actions/command";
import type { ActionFilter } from "../../../../domain/actions/list-actions";
import { listActions, listActionsPage, type ActionList } from "../../../../use-cases/actions/list-actions";
import { toListRow } from "../../../home";
import type { MessageView } from "../../../views/blocks";
import { actionListView, LIST_PAGE_SIZE } from "../../../views/actions/action-list";
import { callerOfRequest, type CommandRequest } from "./request";

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

/** `/action list ...`: the first page, narrowed to the board named, if any. */
export async function runList(
  request: Omit<CommandRequest, "triggerId">,
  filter: ListFilter,
  board: BoardRef | undefined,
): Promise<MessageView> {
  const list = await listActions(request.deps.db, callerOfRequest(request), { filter, board, limit: LIST_PAGE_SIZE });
  return listView(request, list, {
    f: list.filter.kind,
    ...(list.filter.kind === "user" ? { u: list.filter.slackUserId } : {}),
    ...(list.board ? { b: list.board.id } : {}),
  });
}

/** A later page, for the "more" button. */
export async function showListPage(
  request: Omit<CommandRequest, "triggerId">,
  page: ListPageRequest,
): Promise<MessageView> {
  const filter: ActionFilter =
    page.f === "user" ? { kind: "user", slackUserId: page.u ?? request.userId } : { kind: page.f };
  const list = await listActionsPage(request.deps.db, callerOfRequest(request), {
    filter,
    ...(page.b ? { boardId: page.b } : {}),
    offset: page.o,
    limit: LIST_PAGE_SIZE,
  });
  const { o: _offset, ...same } = page;
  return listView(request, list, same);
}

/** The page as a message; `more` is what its "more" button carries, but for where the next page starts. */
function listView(
  request: Pick<CommandRequest, "now" | "workspace">,
  { filter, board, page }: ActionList,
  more: Omit<ListPageRequest, "o">,
): MessageView {
  const rows = page.items.map((item) => toListRow(item, request.now, request.workspace.timeZone));
  const next = page.offset + rows.length;
  return actionListView({
    title: titleOf(filter, board?.code),
    rows,
    total: page.total,
    offset: page.offset,
    moreValue: next < page.total ? JSON.stringify({ ...more, o: next }) : undefined,
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
