import type { WebClient } from "@slack/web-api";
import { createBoard } from "../../../../use-cases/boards/create-board";
import { AppError } from "../../../../errors";
import type { MessageView } from "../../../views/blocks";
import { boardCreatedView } from "../../../views/boards/board-views";
import type { BoardRequest } from "./request";
import { slackErrorOf } from "../../../slack-error";

/** What Slack says of the channel a board is being made in, or why it would not say. */
type ChannelSeen = { kind: "seen"; isPrivate: boolean; isDirect: boolean } | { kind: "hidden" } | { kind: "unknown" };

/**
 * Slack hides a private channel from an app that is not in it: conversations.info answers
 * channel_not_found (https://docs.slack.dev/reference/methods/conversations.info, "Value
 * passed for channel was invalid", which includes channels the token cannot see). A group DM
 * without mpim:read answers missing_scope. Neither is a public channel, so none is stored as one.
 */
async function seeChannel(client: WebClient, channelId: string): Promise<ChannelSeen> {
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    if (!channel) return { kind: "unknown" };
    return {
      kind: "seen",
      isPrivate: channel.is_private === true || channel.is_mpim === true || channel.is_im === true,
      isDirect: channel.is_im === true || channel.is_mpim === true,
    };
  } catch (error) {
    const slackError = slackErrorOf(error);
    return slackError === "channel_not_found" || slackError === "not_in_channel" || slackError === "missing_scope"
      ? { kind: "hidden" }
      : { kind: "unknown" };
  }
}

/** `/board create <CODE> <name>`: this channel becomes the board's; its creator is its secretary. */
export async function runCreate(
  request: BoardRequest,
  { code, name }: { code: string; name: string },
): Promise<MessageView> {
  // Reminders and digests go to a board's channel: a direct message cannot be one.
  if (request.channelId.startsWith("D")) throw directMessage();
  const board = await createBoard(request.deps.db, request.caller, {
    // "#LCRB" arrives as a channel mention when a channel of that name exists: its name is the code.
    code: code.replace(/^<#[A-Z0-9]+\|([^>]*)>$/, "$1").replace(/^#/, ""),
    name,
    channelId: request.channelId,
    isPrivate: () => privacyOf(request),
  });
  return boardCreatedView(board);
}

/** Whether the channel is private, as Slack says; a channel Slack hides, or will not describe, makes no board. */
async function privacyOf(request: BoardRequest): Promise<boolean> {
  const seen = await seeChannel(request.client, request.channelId);
  if (seen.kind === "hidden") {
    throw new AppError({ code: "board_channel_hidden" });
  }
  if (seen.kind === "unknown") {
    // Stored as public, a private board's actions would show to anyone who names it: never guessed.
    throw new AppError({ code: "board_channel_unknown" });
  }
  if (seen.isDirect) throw directMessage();
  return seen.isPrivate;
}

function directMessage(): AppError {
  return new AppError({ code: "board_channel_is_dm" });
}
