// What the app sends to Slack, printed for the console's reader: each message,
// ephemeral reply, DM, update, form and Home tab as text rendered from its Block
// Kit, under a line saying where it went. Buttons are numbered for `:press N`.
import type { RecordedCall } from "../local-slack/server";
import { readMarkdown, renderBlocksAsText, type RenderOptions } from "../slack/views/render-text";
import type { ConsoleWorkspace } from "./people";

type Json = Record<string, unknown>;

/** A button as shown, with what pressing it needs to send. */
export interface ShownButton {
  element: Json;
  blockId: string;
}

/** Where a message lives, so a button on it can be pressed as Slack would send it. */
export interface ShownMessage {
  channelId: string;
  ts: string;
  isEphemeral: boolean;
  text: string;
  blocks: Json[];
}

export function buttonsIn(blocks: readonly Json[]): ShownButton[] {
  const buttons: ShownButton[] = [];
  for (const block of blocks) {
    const blockId = String(block.block_id ?? "");
    const elements =
      block.type === "actions"
        ? ((block.elements as Json[] | undefined) ?? [])
        : block.accessory
          ? [block.accessory as Json]
          : [];
    for (const element of elements) if (element.type === "button") buttons.push({ element, blockId });
  }
  return buttons;
}

/** Renders blocks with their buttons numbered from 1, as `:press N` counts them. */
export function renderNumbered(blocks: readonly Json[], workspace: ConsoleWorkspace): string {
  const numbers = new Map(buttonsIn(blocks).map((b, i) => [b.element, i + 1]));
  const options: RenderOptions = {
    header: (text) => text,
    userName: (id) => workspace.nameOf(id),
    channelName: (id) => workspace.channel(id)?.name,
    button: (element) =>
      `[${numbers.get(element) ?? "?"}: ${readMarkdown(String((element.text as Json | undefined)?.text ?? ""))}]`,
  };
  return renderBlocksAsText(blocks, options);
}

/** A message's body: its blocks as read, or its plain text when it has none. */
export function renderMessage(payload: Json, workspace: ConsoleWorkspace): string {
  const blocks = (payload.blocks as Json[] | undefined) ?? [];
  return blocks.length > 0
    ? renderNumbered(blocks, workspace)
    : readMarkdown(String(payload.text ?? ""), {
        userName: (id) => workspace.nameOf(id),
        channelName: (id) => workspace.channel(id)?.name,
      });
}

/** A framed block of output: a heading line and the body beneath it, indented. */
export function framed(heading: string, body: string): string {
  const lines = body.split("\n").map((line) => `│ ${line}`);
  return [`┌─ ${heading}`, ...lines, "└─"].join("\n");
}

export interface ReplyContext {
  userId: string;
  channelId: string;
  /** The message a pressed button was on (a reply may replace it). */
  message?: ShownMessage;
}

/** Where a chat.* call or a response_url post went, as the reader would say it. */
export function headingOf(
  call: RecordedCall,
  workspace: ConsoleWorkspace,
  reply: ReplyContext | undefined,
): string | undefined {
  const args = call.args;
  const thread = args.thread_ts ? " (in the thread)" : "";
  switch (call.method) {
    case "chat.postMessage":
      return `${workspace.placeOf(String(call.response.channel ?? args.channel))}${thread}`;
    case "chat.postEphemeral":
      return `only @${workspace.nameOf(String(args.user))} sees this, in ${workspace.placeOf(String(args.channel))}`;
    case "chat.update":
      return `${workspace.placeOf(String(args.channel))}: the message is updated`;
    case "response_url": {
      if (!reply) return "a reply";
      const place = workspace.placeOf(reply.channelId);
      const replacing =
        args.replace_original === true || args.replace_original === "true" ? " (replacing the message)" : "";
      // In a DM, or posted for everyone, there is no one else who could see it.
      if (args.response_type === "in_channel" || /^D/.test(reply.channelId)) return `${place}${replacing}`;
      return `only @${workspace.nameOf(reply.userId)} sees this, in ${place}${replacing}`;
    }
    default:
      return undefined;
  }
}
