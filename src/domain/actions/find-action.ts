import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { ACTION_INCLUDE, type ActionRecord } from "./action-record";
import { normaliseReference } from "./reference";

/** The action with this reference in this workspace, or a clear "not found". */
export async function findAction(
  db: Db,
  { workspaceId, reference }: { workspaceId: string; reference: string },
): Promise<ActionRecord> {
  const normalised = normaliseReference(reference);
  const action = normalised
    ? await db.action.findUnique({
        where: { workspaceId_reference: { workspaceId, reference: normalised } },
        include: ACTION_INCLUDE,
      })
    : null;
  if (!action) {
    throw new AppError(
      "action_not_found",
      `There is no action ${normalised ?? `"${reference}"`} in this workspace.`,
      "References look like LCRB-12 (board code and number) or A-3; `/action list` shows yours.",
    );
  }
  return action;
}

/** Events that count as progress for the RAG rule: notes, new dates, new owners, reopening. */
export const UPDATE_EVENT_TYPES = ["note", "due_changed", "assigned", "reopened"] as const;
