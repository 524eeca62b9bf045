import type { WebClient } from "@slack/web-api";
import type { MessageView } from "./views/blocks";

/** Answers whoever submitted a form: an ephemeral note in the conversation it came from, else (or if that fails) a DM. */
export async function tellSubmitter(
  client: WebClient,
  userId: string,
  channelId: string | undefined,
  view: MessageView,
): Promise<void> {
  if (channelId) {
    try {
      await client.chat.postEphemeral({ channel: channelId, user: userId, text: view.text, blocks: view.blocks });
      return;
    } catch {
      // Not in that channel any more, or it is a DM the bot cannot post in: fall back to a DM.
    }
  }
  await client.chat.postMessage({ channel: userId, text: view.text, blocks: view.blocks });
}
