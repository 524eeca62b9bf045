import { createBoard } from "../../../../domain/boards/create-board";
import { AppError } from "../../../../errors";
import type { MessageView } from "../../../views/blocks";
import { boardCreatedView } from "../../../views/boards/board-views";
import type { BoardRequest } from "./request";

/** `/board create <CODE> <name>`: this channel becomes the board's; its creator is its secretary. */
export async function runCreate(request: BoardRequest, { code, name }: { code: string; name: string }): Promise<MessageView> {
  const info = await request.client.conversations.info({ channel: request.channelId }).catch(() => undefined);
  // Reminders and digests go to a board's channel: a direct message cannot be one.
  if (request.channelId.startsWith("D") || info?.channel?.is_im || info?.channel?.is_mpim) {
    throw new AppError("board_channel_is_dm", "A board needs a channel of its own, not a direct message. Nothing was created.", "In the board's channel, try `/board create LCRB London Crime Reduction Board`.");
  }
  const board = await createBoard(request.deps.db, {
    workspaceId: request.workspace.id,
    // "#LCRB" arrives as a channel mention when a channel of that name exists: its name is the code.
    code: code.replace(/^<#[A-Z0-9]+\|([^>]*)>$/, "$1").replace(/^#/, ""),
    name,
    channelId: request.channelId,
    isPrivate: info?.channel?.is_private === true,
    createdBySlackUserId: request.userId,
    timeZone: request.workspace.timeZone,
  });
  return boardCreatedView(board);
}
