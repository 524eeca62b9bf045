import { resolveBoard } from "../../../../domain/boards/resolve-board";
import { AppError } from "../../../../errors";
import { openActionForm } from "../../../action-form";
import type { CommandOutcome, CommandRequest } from "./request";

/** `/action` alone: the New action form, with this channel's board chosen. */
export async function runModal(request: CommandRequest): Promise<CommandOutcome> {
  if (!request.triggerId)
    throw new AppError(
      "no_trigger",
      "Slack did not send what is needed to open the form; try `/action add <text>` instead.",
    );
  await openActionForm({
    deps: request.deps,
    client: request.client,
    triggerId: request.triggerId,
    workspace: request.workspace,
    userId: request.userId,
    mode: "new",
    load: async () => {
      const board = await resolveBoard(request.deps.db, {
        workspaceId: request.workspace.id,
        ref: undefined,
        channelId: request.channelId,
      });
      return {
        metadata: { mode: "new", ...(request.channelId ? { channelId: request.channelId } : {}) },
        initial: board ? { boardId: board.id } : {},
      };
    },
  });
  return { view: undefined };
}
