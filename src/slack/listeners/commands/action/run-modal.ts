import { AppError } from "../../../../errors";
import { readNewActionForm } from "../../../../use-cases/actions/read-action-form";
import { openActionForm } from "../../../action-form";
import { callerOfRequest, type CommandOutcome, type CommandRequest } from "./request";

/** `/action` alone: the New action form, with this channel's board chosen. */
export async function runModal(request: CommandRequest): Promise<CommandOutcome> {
  if (!request.triggerId) throw new AppError({ code: "no_trigger" });
  await openActionForm({
    deps: request.deps,
    client: request.client,
    triggerId: request.triggerId,
    workspace: request.workspace,
    userId: request.userId,
    mode: "new",
    load: async () => {
      // The channel's board is chosen, if the person may see it (as the message shortcut's form).
      const choices = await readNewActionForm(request.deps.db, callerOfRequest(request));
      return {
        metadata: { mode: "new", ...(request.channelId ? { channelId: request.channelId } : {}) },
        initial: choices.boardId ? { boardId: choices.boardId } : {},
        choices,
      };
    },
  });
  return { view: undefined, effects: [] };
}
