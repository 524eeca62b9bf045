import type { BoardRef } from "../../../../domain/actions/command";
import { resolveBoard, unknownBoard, type BoardSummary } from "../../../../domain/boards/resolve-board";
import { isBoardHiddenFrom } from "../../../people";
import type { CommandRequest } from "./request";

/**
 * The board an /action command means, as the person may know it: a private board
 * named from outside its channel by someone not in it is answered exactly as a code
 * that does not exist, so nothing is logged on it and its name is not shown.
 */
export async function resolveVisibleBoard(
  request: Pick<CommandRequest, "deps" | "client" | "workspace" | "userId" | "channelId">,
  { ref, channelId }: { ref: BoardRef | undefined; channelId: string | undefined },
): Promise<BoardSummary | undefined> {
  const board = await resolveBoard(request.deps.db, { workspaceId: request.workspace.id, ref, channelId });
  if (
    !board ||
    !(await isBoardHiddenFrom(request.client, board, { channelId: request.channelId, slackUserId: request.userId }))
  )
    return board;
  throw await unknownBoard(
    request.deps.db,
    request.workspace.id,
    ref && "channelId" in ref ? `<#${ref.channelId}>` : `#${board.code}`,
  );
}
