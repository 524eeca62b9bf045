// Who may import minutes into a board. An import records a held meeting and schedules
// the next one, so it changes the board's meetings: it is for the chair, the
// secretary, whoever created the board and workspace admins, as every other change to
// a board's meetings is (README, "Using it: boards and meetings"). A private board
// exists only for members of its channel.
import type { WebClient } from "@slack/web-api";
import type { AppError } from "../../../errors";
import type { SlackDeps } from "../../deps";
import { isBoardHiddenFrom } from "../../people";
import { assertCanManage } from "../commands/board-access";

/**
 * Refuses (AppError not_allowed) anyone who may not import into the board, and
 * throws `hidden` (the caller's own words for "no such board or import") when the
 * board is gone or private to a channel the person is not in. `channelId` is where a
 * slash command was typed; forms and buttons pass none, so membership is asked.
 */
export async function assertMayImport(
  deps: Pick<SlackDeps, "db">,
  client: WebClient,
  {
    workspaceId,
    boardId,
    userId,
    channelId,
    hidden,
  }: { workspaceId: string; boardId: string; userId: string; channelId?: string | undefined; hidden: AppError },
): Promise<void> {
  const board = await deps.db.board.findFirst({
    where: { id: boardId, workspaceId, archivedAt: null },
    select: {
      code: true,
      isPrivate: true,
      slackChannelId: true,
      chairSlackUserId: true,
      secretarySlackUserId: true,
      createdBySlackUserId: true,
    },
  });
  if (!board || (await isBoardHiddenFrom(client, board, { channelId, slackUserId: userId }))) throw hidden;
  await assertCanManage(client, board, userId);
}
