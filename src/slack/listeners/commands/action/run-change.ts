import type { ActionCommand } from "../../../../domain/actions/command";
import type { Actor } from "../../../../domain/actions/action-record";
import { changeRightOf } from "../../../../domain/actions/authorize-change";
import { changeAction, type ActionChange } from "../../../../domain/actions/change-action";
import { resolveDue } from "../../../../domain/actions/resolve-due";
import { applyActionEffects } from "../../../action-effects";
import { isWorkspaceAdmin } from "../../../people";
import { actionChangedView } from "../../../views/actions/action-changed";
import { timeZoneOf } from "../../../views/actions/describe-action";
import type { CommandOutcome, CommandRequest } from "./request";
import { findVisibleAction } from "./run-show";

type ChangeCommand = Extract<ActionCommand, { kind: "done" | "update" | "due" | "assign" | "drop" | "reopen" }>;

/** done, update, due, assign, drop, reopen: find, check, change, say what happened. */
export async function runChange(request: CommandRequest, command: ChangeCommand): Promise<CommandOutcome> {
  const { deps, workspace, now } = request;
  const found = await findVisibleAction(request, command.reference);
  const actor = await actorFor(request, found);
  const change: ActionChange = await changeOf(request, command, found.board ?? undefined);
  const { action, before, eventType, reminders } = await changeAction(deps.db, {
    workspaceId: workspace.id,
    actionId: found.id,
    actor,
    change,
    now,
  });
  return {
    view: actionChangedView(eventType, action, request.userId, timeZoneOf(action, workspace.timeZone)),
    afterReply: () =>
      applyActionEffects(deps, {
        workspace,
        client: request.client,
        action,
        actorSlackUserId: request.userId,
        change: { before },
        reminders,
      }),
  };
}

/** Asks Slack whether the person is an admin only when nothing else gives them the right. */
export async function actorFor(
  request: Pick<CommandRequest, "client" | "userId">,
  action: Parameters<typeof changeRightOf>[0],
): Promise<Actor> {
  const actor = { slackUserId: request.userId, isAdmin: false };
  if (changeRightOf(action, actor)) return actor;
  return { ...actor, isAdmin: await isWorkspaceAdmin(request.client, request.userId).catch(() => false) };
}

async function changeOf(
  request: CommandRequest,
  command: ChangeCommand,
  board: Parameters<typeof resolveDue>[1]["board"],
): Promise<ActionChange> {
  switch (command.kind) {
    case "done":
      return { kind: "done", note: command.note };
    case "update":
      return { kind: "update", note: command.note };
    case "drop":
      return { kind: "drop", reason: command.reason };
    case "reopen":
      return { kind: "reopen" };
    case "assign":
      return { kind: "assign", owners: command.owners };
    case "due":
      return {
        kind: "due",
        due: await resolveDue(request.deps.db, {
          phrase: command.duePhrase,
          board,
          timeZone: request.workspace.timeZone,
          now: request.now,
        }),
      };
  }
}
