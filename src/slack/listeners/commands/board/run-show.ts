import type { BoardRef } from "../../../../domain/boards/resolve-board";
import { showBoard } from "../../../../use-cases/boards/show-board";
import { readerTimeZone } from "../../../people";
import type { MessageView } from "../../../views/blocks";
import { boardOverviewView } from "../../../views/boards/board-views";
import type { BoardRequest } from "./request";

/** `/board [#CODE]`: the board, or how to create one when this channel has none. */
export async function runShow(request: BoardRequest, board: BoardRef | undefined): Promise<MessageView> {
  const overview = await showBoard(request.deps.db, request.caller, { board });
  const timeZone = await readerTimeZone(request.client, request.caller.userId, request.workspace.timeZone);
  return boardOverviewView(overview, timeZone);
}
