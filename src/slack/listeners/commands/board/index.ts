// `/board`: create a board for this channel, show it, open its settings.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { loadBoardOverview } from "../../../../domain/boards/board-overview";
import { createBoard } from "../../../../domain/boards/create-board";
import { AppError, isAppError } from "../../../../errors";
import type { SlackDeps } from "../../../deps";
import { failureView, message, section, type MessageView } from "../../../views/blocks";
import { boardOverviewView, boardSettingsModal } from "../../../views/boards/board-views";
import { commandHelpView } from "../../../views/command-help";
import { escapeText } from "../../../views/actions/describe-action";
import { assertCanManage, boardFor } from "../board-access";

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type Workspace = { id: string; timeZone: string };

export function boardCommandListener(deps: SlackDeps) {
  return async ({ command, ack, respond, client, context }: Args): Promise<void> => {
    await ack();
    const workspace = context.workspace as Workspace | undefined;
    if (!workspace) return;
    let view: MessageView | undefined;
    try {
      view = await deps.limit(() => run(deps, { client, workspace, text: command.text ?? "", userId: command.user_id, channelId: command.channel_id, triggerId: command.trigger_id }));
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "/board failed");
      view = failureView(error);
    }
    if (view) await respond({ response_type: "ephemeral", text: view.text, blocks: view.blocks });
  };
}

interface BoardRequest {
  client: Args["client"];
  workspace: Workspace;
  text: string;
  userId: string;
  channelId: string;
  triggerId: string;
}

async function run(deps: SlackDeps, request: BoardRequest): Promise<MessageView | undefined> {
  const [verb = "", ...rest] = request.text.trim().split(/\s+/);
  const code = /^#([A-Za-z0-9]{2,10})$/.exec(rest[0] ?? "")?.[1]?.toUpperCase();
  switch (verb.toLowerCase()) {
    case "help":
      return commandHelpView("/board");
    case "create": {
      const [boardCode = "", ...name] = rest;
      const info = await request.client.conversations.info({ channel: request.channelId }).catch(() => undefined);
      const board = await createBoard(deps.db, { workspaceId: request.workspace.id, code: boardCode.replace(/^#/, ""), name: name.join(" "), channelId: request.channelId, isPrivate: info?.channel?.is_private === true, createdBySlackUserId: request.userId, timeZone: request.workspace.timeZone });
      const said = `${board.code} · ${board.name} created; this is its channel.`;
      return message(said, [section(`*${escapeText(said)}*\nYou are its secretary for now. Next: \`/board settings\` for the chair, time zone and when it meets; \`/meeting schedule\` for its next meeting.`)]);
    }
    case "settings": {
      const board = await boardFor(deps, { workspaceId: request.workspace.id, code, channelId: request.channelId, client: request.client, userId: request.userId });
      await assertCanManage(request.client, board, request.userId);
      const overview = await loadBoardOverview(deps.db, { workspaceId: request.workspace.id, boardId: board.id, now: deps.now() });
      await request.client.views.open({ trigger_id: request.triggerId, view: boardSettingsModal(overview!, { boardId: board.id, channelId: request.channelId }) });
      return undefined;
    }
    case "":
    case "show": {
      const board = await boardFor(deps, { workspaceId: request.workspace.id, code: code ?? (/^#([A-Za-z0-9]{2,10})$/.exec(verb)?.[1]?.toUpperCase()), channelId: request.channelId, client: request.client, userId: request.userId });
      return boardOverviewView((await loadBoardOverview(deps.db, { workspaceId: request.workspace.id, boardId: board.id, now: deps.now() }))!);
    }
    default:
      if (/^#/.test(verb)) {
        const board = await boardFor(deps, { workspaceId: request.workspace.id, code: verb.slice(1).toUpperCase(), channelId: request.channelId, client: request.client, userId: request.userId });
        return boardOverviewView((await loadBoardOverview(deps.db, { workspaceId: request.workspace.id, boardId: board.id, now: deps.now() }))!);
      }
      throw new AppError("board_command_unknown", `I don't know "/board ${verb}".`, "Try `/board create LCRB London Crime Reduction Board`, `/board settings` or `/board`.");
  }
}
