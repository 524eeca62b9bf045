import { AppError } from "../../errors";
import type { Actor } from "./action-record";

/** What deciding needs to know about an action. */
export interface ChangeRightSubject {
  owners: ReadonlyArray<{ slackUserId: string | null }>;
  createdBySlackUserId: string | null;
  board: { chairSlackUserId: string | null; secretarySlackUserId: string | null } | null;
}

export type ChangeRight = "owner" | "creator" | "chair" | "secretary" | "admin";

/**
 * Who may change an action: its owners, its creator, the board's chair or
 * secretary, and workspace admins. Returns why they may, or undefined.
 */
export function changeRightOf(action: ChangeRightSubject, actor: Actor): ChangeRight | undefined {
  const user = actor.slackUserId;
  if (action.owners.some((o) => o.slackUserId === user)) return "owner";
  if (action.createdBySlackUserId === user) return "creator";
  if (action.board?.chairSlackUserId === user) return "chair";
  if (action.board?.secretarySlackUserId === user) return "secretary";
  if (actor.isAdmin) return "admin";
  return undefined;
}

/** The refusal for someone with no right to change the action; nothing was changed. */
export function notAllowedToChange(action: { reference: string; board: { code: string } | null }): AppError {
  return new AppError({
    code: "not_allowed_to_change",
    reference: action.reference,
    boardCode: action.board?.code ?? null,
  });
}
