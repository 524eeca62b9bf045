// Which board a /board or /meeting command means, and who may change it.
import type { WebClient } from "@slack/web-api";
import { AppError } from "../../../errors";
import type { SlackDeps } from "../../deps";
import { isBoardHiddenFrom, isWorkspaceAdmin } from "../../people";
import { MEETING_BOARD_SELECT } from "../../../domain/meetings/meeting-board";

/**
 * The board a command names (#CODE) or the board of the channel it was typed in. A
 * private board named from elsewhere is found only by members of its channel: to
 * anyone else it does not exist, exactly as an unknown code.
 */
export async function boardFor(
  deps: SlackDeps,
  {
    workspaceId,
    code,
    mentionedChannelId,
    channelId,
    client,
    userId,
  }: {
    workspaceId: string;
    code: string | undefined;
    mentionedChannelId?: string | undefined;
    channelId: string | undefined;
    client?: WebClient;
    userId?: string;
  },
) {
  const where = code
    ? { workspaceId, code, archivedAt: null }
    : { workspaceId, slackChannelId: mentionedChannelId ?? channelId ?? "", archivedAt: null };
  const found = await deps.db.board.findFirst({
    where,
    select: {
      ...MEETING_BOARD_SELECT,
      name: true,
      chairSlackUserId: true,
      secretarySlackUserId: true,
      createdBySlackUserId: true,
      slackChannelId: true,
      isPrivate: true,
    },
  });
  const isHidden =
    found && client && userId ? await isBoardHiddenFrom(client, found, { channelId, slackUserId: userId }) : false;
  const board = isHidden ? null : found;
  if (!board) {
    if (code)
      throw new AppError(
        "board_not_found",
        `There is no board #${code} in this workspace. Nothing was changed.`,
        "`/board` in a board's channel shows its code.",
      );
    if (mentionedChannelId)
      throw new AppError(
        "board_not_found",
        `<#${mentionedChannelId}> is not a board's channel. Nothing was changed.`,
        "Name the board by its code (such as #LCRB); `/board` in a board's channel shows it.",
      );
    throw new AppError(
      "no_board_here",
      "This channel is not a board's channel.",
      "Name the board (such as #LCRB), or create one here with `/board create LCRB London Crime Reduction Board`.",
    );
  }
  return board;
}

/** The chair, the secretary, whoever created the board, or a workspace admin. */
export async function assertCanManage(
  client: WebClient,
  board: {
    code: string;
    chairSlackUserId: string | null;
    secretarySlackUserId: string | null;
    createdBySlackUserId: string | null;
  },
  userId: string,
): Promise<void> {
  if ([board.chairSlackUserId, board.secretarySlackUserId, board.createdBySlackUserId].includes(userId)) return;
  if (await isWorkspaceAdmin(client, userId).catch(() => false)) return;
  throw new AppError(
    "not_allowed",
    `Only ${board.code}'s chair, secretary, whoever created it, or a workspace admin can do that. Nothing was changed.`,
    board.secretarySlackUserId ? `Ask <@${board.secretarySlackUserId}>.` : undefined,
  );
}
