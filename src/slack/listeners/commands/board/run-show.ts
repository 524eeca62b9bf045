import { loadBoardOverview } from "../../../../domain/boards/board-overview";
import { readerTimeZone } from "../../../people";
import type { MessageView } from "../../../views/blocks";
import { boardOverviewView } from "../../../views/boards/board-views";
import { boardFor } from "../board-access";
import { boardForName, type BoardName, type BoardRequest } from "./request";

/** `/board [#CODE]`: the board, or how to create one when this channel has none. */
export async function runShow(request: BoardRequest, name: BoardName | undefined): Promise<MessageView> {
  const { deps } = request;
  const board = await boardFor(deps, {
    workspaceId: request.workspace.id,
    ...boardForName(name),
    channelId: request.channelId,
    client: request.client,
    userId: request.userId,
  });
  const overview = await loadBoardOverview(deps.db, {
    workspaceId: request.workspace.id,
    boardId: board.id,
    now: request.now,
  });
  return boardOverviewView(overview!, await readerTimeZone(request.client, request.userId, request.workspace.timeZone));
}
