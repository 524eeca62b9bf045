import { ragStatusOf } from "../../../../domain/actions/rag";
import { showAction } from "../../../../use-cases/actions/show-action";
import type { MessageView } from "../../../views/blocks";
import { actionDetailView } from "../../../views/actions/action-detail";
import { timeZoneOf } from "../../../views/actions/describe-action";
import { callerOfRequest, type CommandRequest } from "./request";

/** `/action show <REF>` (or the Open button, by id): the action and its whole history. */
export async function runShow(
  request: Omit<CommandRequest, "triggerId">,
  which: string | { actionId: string },
): Promise<MessageView> {
  const shown = await showAction(
    request.deps.db,
    callerOfRequest(request),
    typeof which === "string" ? { reference: which } : which,
  );
  const { action } = shown;
  const timeZone = timeZoneOf(action, request.workspace.timeZone);
  const rag = ragStatusOf(
    {
      status: action.status,
      dueAt: action.dueAt,
      lastUpdateAt: shown.lastUpdateAt,
      amberWithinDays: action.board?.amberWithinDays ?? 7,
      timeZone,
    },
    request.now,
  );
  return actionDetailView(action, shown.history, rag, timeZone, shown.undelivered);
}
