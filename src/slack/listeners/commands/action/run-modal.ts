import { AppError } from "../../../../errors";
import { newActionDefaults } from "../../../../use-cases/actions/new-action-defaults";
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
    load: async () => ({
      metadata: { mode: "new", ...(request.channelId ? { channelId: request.channelId } : {}) },
      initial: await newActionDefaults(request.deps.db, callerOfRequest(request)),
    }),
  });
  return { view: undefined, effects: [] };
}
