import type { BoardRef } from "../../../../domain/boards/resolve-board";
import { openBoardSettings } from "../../../../use-cases/boards/open-board-settings";
import { openFormAtOnce } from "../../../open-form";
import { boardSettingsModal } from "../../../views/boards/board-views";
import type { BoardRequest } from "./request";

/** `/board settings [#CODE]`: the settings form, for those who may change the board. */
export async function runSettings(request: BoardRequest, board: BoardRef | undefined): Promise<undefined> {
  const { deps } = request;
  await openFormAtOnce({
    client: request.client,
    triggerId: request.triggerId,
    title: "Board settings",
    logger: deps.logger,
    build: () =>
      deps.limit(async () => {
        const overview = await openBoardSettings(deps.db, request.caller, { board });
        return boardSettingsModal(overview, { boardId: overview.id, channelId: request.channelId });
      }),
  });
  return undefined;
}
