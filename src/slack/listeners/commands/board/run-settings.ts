import { openFormAtOnce } from "../../../open-form";
import { loadBoardOverview } from "../../../../domain/boards/board-overview";
import { boardSettingsModal } from "../../../views/boards/board-views";
import { assertCanManage, boardFor } from "../board-access";
import { boardForName, type BoardName, type BoardRequest } from "./request";

/** `/board settings [#CODE]`: the settings form, for those who may change the board. */
export async function runSettings(request: BoardRequest, name: BoardName | undefined): Promise<undefined> {
  const { deps } = request;
  await openFormAtOnce({
    client: request.client,
    triggerId: request.triggerId,
    title: "Board settings",
    logger: deps.logger,
    build: () =>
      deps.limit(async () => {
        const board = await boardFor(deps, {
          workspaceId: request.workspace.id,
          ...boardForName(name),
          channelId: request.channelId,
          client: request.client,
          userId: request.userId,
        });
        await assertCanManage(request.client, board, request.userId);
        const overview = await loadBoardOverview(deps.db, {
          workspaceId: request.workspace.id,
          boardId: board.id,
          now: request.now,
        });
        return boardSettingsModal(overview!, { boardId: board.id, channelId: request.channelId });
      }),
  });
  return undefined;
}
