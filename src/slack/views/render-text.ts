// Block Kit as a person would read it, in plain text: for tests that check a
// layout by eye, and for the local console.
type Json = Record<string, unknown>;

export interface RenderOptions {
  /** How a button reads; [Label] unless the reader numbers them (the console). */
  button?: (element: Json) => string;
  /** How a header reads; upper-cased unless the reader says otherwise. */
  header?: (text: string) => string;
  /** The name a user id is read as (@name); the id itself unless given. */
  userName?: (id: string) => string;
  /** The name a channel id is read as (#name); the id itself unless given. */
  channelName?: (id: string) => string | undefined;
}

/** Slack mrkdwn as read: *bold* and _italics_ marks dropped, <@U1> as @U1 (or its name), links as their text. */
export function readMarkdown(text: string, options: RenderOptions = {}): string {
  return text
    .replace(
      /<@([A-Z0-9]+)(?:\|([^>]+))?>/g,
      (_, id: string, name?: string) => `@${options.userName?.(id) ?? name ?? id}`,
    )
    .replace(
      /<#([A-Z0-9]+)(?:\|([^>]+))?>/g,
      (_, id: string, name?: string) => `#${name ?? options.channelName?.(id) ?? id}`,
    )
    .replace(/<([^|>]+)\|([^>]+)>/g, "$2")
    .replace(/<(https?:[^>]+)>/g, "$1")
    .replace(/(^|[\s(])\*(\S[^*]*?)\*(?=$|[\s).,:;])/gm, "$1$2")
    .replace(/(^|[\s(])_(\S[^_]*?)_(?=$|[\s).,:;])/gm, "$1$2")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const textOf = (t: unknown, options: RenderOptions = {}) =>
  t && typeof t === "object" ? readMarkdown(String((t as Json).text ?? ""), options) : "";

export function elementText(element: Json, options: RenderOptions = {}): string {
  switch (element.type) {
    case "button":
      return options.button?.(element) ?? `[${textOf(element.text)}]`;
    case "checkboxes":
    case "radio_buttons": {
      const chosen = new Set(((element.initial_options as Json[] | undefined) ?? []).map((o) => o.value));
      return ((element.options as Json[] | undefined) ?? [])
        .map((o) => `${chosen.has(o.value) ? "[x]" : "[ ]"} ${textOf(o.text)}`)
        .join("  ");
    }
    case "datepicker":
      return `<date: ${String(element.initial_date ?? "none")}>`;
    case "plain_text_input":
      return `<text${element.initial_value ? `: ${String(element.initial_value)}` : ""}>`;
    case "multi_users_select":
    case "users_select":
      return "<people>";
    case "static_select":
      return `<choice${element.initial_option ? `: ${textOf((element.initial_option as Json).text)}` : ""}>`;
    case "mrkdwn":
    case "plain_text":
      return textOf(element, options);
    default:
      return `<${String(element.type)}>`;
  }
}

export function renderBlocksAsText(blocks: readonly unknown[], options: RenderOptions = {}): string {
  const lines: string[] = [];
  for (const raw of blocks) {
    const block = raw as Json;
    switch (block.type) {
      case "header":
        lines.push(options.header ? options.header(textOf(block.text)) : textOf(block.text).toUpperCase());
        break;
      case "section": {
        const accessory = block.accessory ? `   ${elementText(block.accessory as Json, options)}` : "";
        // A field is usually "*Label*\nvalue": read as "Label: value".
        const fields = Array.isArray(block.fields)
          ? (block.fields as Json[]).map((f) => textOf(f, options).replace(/^([^\n]{1,40})\n/, "$1: "))
          : [];
        lines.push([textOf(block.text, options), ...fields].filter(Boolean).join("\n") + accessory);
        break;
      }
      case "context":
        lines.push(((block.elements as Json[]) ?? []).map((e) => elementText(e, options)).join(" "));
        break;
      case "actions":
        lines.push(((block.elements as Json[]) ?? []).map((e) => elementText(e, options)).join(" "));
        break;
      case "divider":
        lines.push("----");
        break;
      case "input":
        lines.push(
          `${textOf(block.label)}${block.optional ? " (optional)" : ""}: ${elementText(block.element as Json, options)}`,
        );
        break;
      default:
        lines.push(`<${String(block.type)}>`);
    }
  }
  return lines.join("\n");
}
