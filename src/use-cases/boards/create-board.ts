import type { Db } from "../../db/client";
import { createBoard as insertBoard } from "../../domain/boards/create-board";
import type { Caller } from "../caller";

/**
 * `/board create <CODE> <name>`: the caller's channel becomes the board's, and they its
 * secretary. Anyone may create a board. Whether the channel is private is asked (of Slack,
 * by the caller's `isPrivate`) only once the code, name and channel are known to be good.
 */
export async function createBoard(
  db: Db,
  caller: Caller,
  input: { code: string; name: string; channelId: string; isPrivate: () => Promise<boolean> },
): Promise<{ id: string; code: string; name: string }> {
  return insertBoard(db, {
    workspaceId: caller.workspace.id,
    code: input.code,
    name: input.name,
    channelId: input.channelId,
    isPrivate: input.isPrivate,
    createdBySlackUserId: caller.userId,
    timeZone: caller.workspace.timeZone,
  });
}
