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
    throw new AppError({ code: "action_reference_unknown", written: reference, reference: normalised ?? null });
  }
  return action;
}

/** Events that count as progress for the RAG rule: notes, new dates, new owners, reopening. */
export const UPDATE_EVENT_TYPES = ["note", "due_changed", "assigned", "reopened"] as const;
