// The buttons on action messages and the Home tab. Ids are the contract between
// the views that draw them and the listeners that answer them.
import type { Button } from "@slack/types";

export const ACTION_BUTTONS = {
  done: "action.done",
  undo: "action.undo",
  open: "action.open",
  more: "action.list_more",
  edit: "action.edit",
  snooze: "action.snooze",
} as const;

export function button(text: string, actionId: string, value: string, style?: "primary" | "danger"): Button {
  return {
    type: "button",
    text: { type: "plain_text", text, emoji: false },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

/** Undo carries the version it undoes, so a stale button cannot undo a later change. */
export function undoValue(actionId: string, version: number): string {
  return `${actionId}:${version}`;
}

export function parseUndoValue(value: string): { actionId: string; version: number } | undefined {
  const match = /^([0-9a-f-]{36}):(\d+)$/.exec(value);
  return match ? { actionId: match[1]!, version: Number(match[2]) } : undefined;
}
