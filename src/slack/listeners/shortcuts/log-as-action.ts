import type { MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { readNewActionForm } from "../../../use-cases/actions/read-action-form";
import { openActionForm } from "../../action-form";
import { callerOf } from "../../directory";
import { truncate } from "../../views/blocks";
import type { SlackDeps } from "../../deps";
import type { ListenerArgs } from "../../context";

type Args = ListenerArgs<SlackShortcutMiddlewareArgs<MessageShortcut>>;

/** "Log as action" on a message: the New action form, filled in from the message. */
export function logAsActionListener(deps: SlackDeps) {
  return async ({ ack, shortcut, client, context }: Args): Promise<void> => {
    await ack();
    const workspace = context.workspace;
    if (!workspace) return;
    const channelId = shortcut.channel.id;
    const userId = shortcut.user.id;
    const text = (shortcut.message.text ?? "")
      .replace(/<@([UW][A-Z0-9]+)(\|[^>]*)?>/g, "")
      .replace(/\s+/g, " ")
      .trim();
    const mentioned = [...(shortcut.message.text ?? "").matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1]!);
    await openActionForm({
      deps,
      client,
      triggerId: shortcut.trigger_id,
      workspace,
      userId,
      mode: "new",
      load: async () => {
        // The message's channel's board is chosen, if the person may see it.
        const choices = await readNewActionForm(
          deps.db,
          callerOf(client, { workspace, userId, channelId, now: deps.now() }),
        );
        return {
          metadata: { mode: "new", channelId, sourceChannelId: channelId, sourceMessageTs: shortcut.message.ts },
          initial: {
            text: truncate(text, 1000),
            ...(mentioned.length ? { ownerUserIds: [...new Set(mentioned)] } : {}),
            ...(choices.boardId ? { boardId: choices.boardId } : {}),
          },
          choices,
        };
      },
    });
  };
}
