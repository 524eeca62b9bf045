// Telling a board's channel about a change someone made (a meeting moved or
// cancelled). The change is saved before this runs, so a refusal from Slack does
// not undo it: it is logged, and the person who made it is told, in words they can
// act on, that the board has not heard.
import type { WebClient } from "@slack/web-api";
import type { Logger } from "../logger";
import type { MessageView } from "./views/blocks";
import { slackErrorOf } from "./slack-error";

/** Undefined when posted (or the board has no channel); otherwise why not, for the person who made the change. */
export async function postInBoardChannel(
  logger: Logger,
  client: WebClient,
  { channelId, boardCode, view }: { channelId: string | null; boardCode: string; view: MessageView },
): Promise<string | undefined> {
  if (!channelId) return undefined;
  try {
    await client.chat.postMessage({ channel: channelId, text: view.text, blocks: view.blocks });
    return undefined;
  } catch (error) {
    const slackError = slackErrorOf(error);
    logger.warn(
      { err: error, slackError, board: boardCode, channelId },
      "could not tell the board's channel about a change",
    );
    const channel = `<#${channelId}>`;
    switch (slackError) {
      case "not_in_channel":
      case "channel_not_found":
        return `I couldn't post this in ${channel}: Minutebook is not a member of that channel, so the board has not been told. Invite it with \`/invite @Minutebook\` in ${channel} so the next change is posted there.`;
      case "is_archived":
        return `I couldn't post this in ${channel}: the channel is archived, so the board has not been told.`;
      default:
        return `Slack did not take the post about this in ${channel}${slackError ? ` (${slackError})` : ""}, so the board has not been told; you may want to tell it yourself.`;
    }
  }
}
