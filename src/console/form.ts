// A modal as the console shows it: a numbered form. Fields are filled by number
// ("2 @jo", "4 2026-12-01"), and submitting builds view.state.values exactly as
// Slack would send it, after Slack's own check that required fields are filled.
import { elementText, readMarkdown, renderBlocksAsText, type RenderOptions } from "../slack/views/render-text";

type Json = Record<string, unknown>;

/** One input of the form, numbered from 1 in the order shown. */
interface Field {
  number: number;
  blockId: string;
  actionId: string;
  label: string;
  isOptional: boolean;
  element: Json;
  /** The state value Slack would send for this element as it stands. */
  value: Json;
}

export interface FieldUpdate {
  /** What went wrong, said with an example of what works; undefined when set. */
  problem?: string;
  /** The field wants several lines: the console collects them until a line with a single "." */
  wantsLines?: boolean;
}

const textOf = (t: unknown) => (t && typeof t === "object" ? readMarkdown(String((t as Json).text ?? "")) : "");
const optionsOf = (element: Json) => (element.options as Json[] | undefined) ?? [];

function initialValue(element: Json): Json {
  const type = String(element.type);
  switch (type) {
    case "plain_text_input":
      return { type, value: (element.initial_value as string | undefined) ?? null };
    case "datepicker":
      return { type, selected_date: (element.initial_date as string | undefined) ?? null };
    case "static_select":
    case "radio_buttons":
      return { type, selected_option: (element.initial_option as Json | undefined) ?? null };
    case "checkboxes":
    case "multi_static_select":
      return { type, selected_options: (element.initial_options as Json[] | undefined) ?? [] };
    case "users_select":
      return { type, selected_user: (element.initial_user as string | undefined) ?? null };
    case "multi_users_select":
      return { type, selected_users: (element.initial_users as string[] | undefined) ?? [] };
    case "conversations_select":
    case "channels_select":
      return { type, selected_conversation: (element.initial_conversation as string | undefined) ?? null };
    default:
      return { type };
  }
}

function isEmpty(value: Json): boolean {
  for (const key of ["value", "selected_date", "selected_option", "selected_user", "selected_conversation"]) {
    if (key in value) return value[key] === null || value[key] === "";
  }
  for (const key of ["selected_options", "selected_users"]) {
    if (key in value) return (value[key] as unknown[]).length === 0;
  }
  return false;
}

export class ConsoleForm {
  readonly fields: Field[] = [];
  /** Errors Slack shows under fields after a refused submission, by block id. */
  errors: Record<string, string> = {};

  constructor(
    readonly id: string,
    readonly view: Json,
    /** Values kept from the form this one replaced (Slack keeps what was typed when a view is updated). */
    kept: ReadonlyMap<string, Json> = new Map(),
  ) {
    let number = 0;
    for (const block of (view.blocks as Json[] | undefined) ?? []) {
      if (block.type !== "input") continue;
      const element = block.element as Json;
      const blockId = String(block.block_id);
      number += 1;
      this.fields.push({
        number,
        blockId,
        actionId: String(element.action_id),
        label: textOf(block.label),
        isOptional: Boolean(block.optional),
        element,
        value: kept.get(`${blockId}/${String(element.action_id)}`) ?? initialValue(element),
      });
    }
  }

  get title(): string {
    return textOf(this.view.title);
  }

  get submitLabel(): string | undefined {
    return this.view.submit ? textOf(this.view.submit) : undefined;
  }

  /** The values as they stand, for the next form to keep. */
  keptValues(): Map<string, Json> {
    return new Map(this.fields.map((f) => [`${f.blockId}/${f.actionId}`, f.value]));
  }

  /** Slack's state.values: block id → action id → value. */
  stateValues(): Record<string, Record<string, Json>> {
    const values: Record<string, Record<string, Json>> = {};
    for (const field of this.fields) values[field.blockId] = { [field.actionId]: field.value };
    return values;
  }

  /** Required fields left empty: Slack refuses to send the form until they are filled. */
  missing(): Field[] {
    return this.fields.filter((f) => !f.isOptional && isEmpty(f.value));
  }

  /**
   * Sets field `number` from what was typed. `lookupUser` turns "@jo" into a user id.
   * An empty answer clears the field (or, for a multi-line text field, asks for lines).
   */
  set(number: number, typed: string, lookupUser: (name: string) => string | undefined): FieldUpdate {
    const field = this.fields.find((f) => f.number === number);
    if (!field) return { problem: `There is no field ${number}: this form has fields 1 to ${this.fields.length}.` };
    const answer = typed.trim();
    const type = String(field.element.type);
    const clear = answer === "" || answer === "-" || answer.toLowerCase() === "none";
    switch (type) {
      case "plain_text_input":
        if (answer === "" && field.element.multiline) return { wantsLines: true };
        field.value = { type, value: clear ? null : typed.replace(/^\s+/, "") };
        return {};
      case "datepicker":
        if (!clear && !/^\d{4}-\d{2}-\d{2}$/.test(answer))
          return { problem: `Field ${number} is a date: type it as YYYY-MM-DD, such as 2026-12-01 (or "none").` };
        field.value = { type, selected_date: clear ? null : answer };
        return {};
      case "static_select":
      case "radio_buttons": {
        if (clear) {
          field.value = { type, selected_option: null };
          return {};
        }
        const option = this.optionFor(field, answer);
        if (!option)
          return { problem: `Field ${number} is a choice: type the number of one of ${this.describeOptions(field)}.` };
        field.value = { type, selected_option: option };
        return {};
      }
      case "checkboxes":
      case "multi_static_select": {
        const picked = clear ? [] : answer.split(/[\s,]+/).map((n) => this.optionFor(field, n));
        if (picked.some((o) => !o))
          return {
            problem: `Field ${number} is a set of boxes: type the numbers to tick, such as "${number} 1 3", or "${number} none".`,
          };
        field.value = { type, selected_options: picked };
        return {};
      }
      case "users_select":
      case "multi_users_select": {
        const names = clear ? [] : answer.split(/[\s,]+/);
        const ids = names.map((n) => lookupUser(n));
        const unknown = names.filter((_, i) => !ids[i]);
        if (unknown.length > 0)
          return {
            problem: `No one here is called ${unknown.join(", ")}: type people as @name (":people" lists them).`,
          };
        if (type === "users_select" && ids.length > 1)
          return { problem: `Field ${number} takes one person, such as "${number} @jo".` };
        field.value = type === "users_select" ? { type, selected_user: ids[0] ?? null } : { type, selected_users: ids };
        return {};
      }
      default:
        return { problem: `The console cannot fill a ${type} field yet.` };
    }
  }

  private optionFor(field: Field, typed: string): Json | undefined {
    const options = optionsOf(field.element);
    const index = Number(typed);
    if (Number.isInteger(index) && index >= 1 && index <= options.length) return options[index - 1];
    return options.find((o) => textOf(o.text).toLowerCase() === typed.toLowerCase());
  }

  private describeOptions(field: Field): string {
    return optionsOf(field.element)
      .map((o, i) => `${i + 1} ${textOf(o.text)}`)
      .join(", ");
  }

  /** The form as text: other blocks as read, each input as "N. Label: value". */
  render(options: RenderOptions, userName: (id: string) => string): string {
    const lines: string[] = [];
    for (const block of (this.view.blocks as Json[] | undefined) ?? []) {
      if (block.type !== "input") {
        lines.push(renderBlocksAsText([block], options));
        continue;
      }
      const field = this.fields.find((f) => f.blockId === block.block_id)!;
      lines.push(
        `${field.number}) ${field.label}${field.isOptional ? " (optional)" : ""}: ${this.shown(field, userName)}`,
      );
      const hint = textOf(block.hint);
      if (hint) lines.push(`     ${hint}`);
      const error = this.errors[field.blockId];
      if (error) lines.push(`     ↳ ${error}`);
    }
    return lines.join("\n");
  }

  private shown(field: Field, userName: (id: string) => string): string {
    const v = field.value;
    const choices = (selected: Json[]) => {
      const chosen = new Set(selected.map((o) => o.value));
      return optionsOf(field.element)
        .map((o, i) => `${chosen.has(o.value) ? "[x]" : "[ ]"} ${i + 1} ${textOf(o.text)}`)
        .join("  ");
    };
    switch (v.type) {
      case "plain_text_input": {
        const text = v.value as string | null;
        if (!text) return "(empty)";
        const lines = text.split("\n");
        return lines.length > 1 ? `${lines[0]} … (${lines.length} lines)` : text;
      }
      case "datepicker":
        return (v.selected_date as string | null) ?? "(no date)";
      case "static_select":
      case "radio_buttons": {
        const chosen = v.selected_option as Json | null;
        const all = optionsOf(field.element)
          .map((o, i) => `${i + 1} ${textOf(o.text)}`)
          .join(", ");
        return `${chosen ? textOf(chosen.text) : "(none chosen)"}   [choices: ${all}]`;
      }
      case "checkboxes":
      case "multi_static_select":
        return choices(v.selected_options as Json[]);
      case "users_select":
        return v.selected_user ? `@${userName(String(v.selected_user))}` : "(no one)";
      case "multi_users_select": {
        const ids = v.selected_users as string[];
        return ids.length > 0 ? ids.map((id) => `@${userName(id)}`).join(" ") : "(no one)";
      }
      default:
        return elementText(field.element);
    }
  }
}
