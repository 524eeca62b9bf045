// Replaying Slack's published request shapes against the running app: fixtures filled in
// with a test's values, sent over HTTP and signed as Slack signs, with the trigger_id and
// response_url issued by the Slack stand-in as Slack would issue them. See fixtures/README.md
// for the sample each fixture follows.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { RecordedCall } from "../../src/local-slack/server";
import { formShown as formShownAfter } from "../support/forms";
import type { TestApp } from "../support/test-app";

export type Json = Record<string, unknown>;

const FIXTURES = path.join(__dirname, "fixtures");
const PLACEHOLDER = /\{\{([A-Z_]+)\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{([A-Z_]+)\}\}$/;

function fill(value: unknown, values: Readonly<Record<string, unknown>>, file: string): unknown {
  if (typeof value === "string") {
    const whole = WHOLE_PLACEHOLDER.exec(value);
    const valueOf = (name: string) => {
      if (!(name in values)) throw new Error(`${file} needs a value for {{${name}}}`);
      return values[name];
    };
    if (whole) return valueOf(whole[1]!);
    return value.replace(PLACEHOLDER, (_, name: string) => String(valueOf(name)));
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, values, file));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, values, file)]));
  return value;
}

/** A fixture with every {{NAME}} replaced: a whole-string placeholder by any value, one inside text as text. */
export function fixture(name: string, values: Readonly<Record<string, unknown>>): Json {
  return fill(JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")), values, name) as Json;
}

export interface Sent {
  status: number;
  text: string;
  json: Json | undefined;
  triggerId: string;
  /** The path of the response_url the request carried (undefined if none). */
  responsePath: string | undefined;
}

/** What every request from a person carries: the team, a trigger and a response_url, issued now. */
export function issued(app: TestApp): { TEAM_ID: string; TRIGGER_ID: string; RESPONSE_URL: string; ACTION_TS: string } {
  return {
    TEAM_ID: app.fake.teamId,
    TRIGGER_ID: app.fake.issueTriggerId(),
    RESPONSE_URL: app.fake.responseUrl(randomUUID()),
    ACTION_TS: (Date.now() / 1000).toFixed(6),
  };
}

function sent(
  response: { status: number; text: string; json: Json | undefined },
  triggerId: string,
  responseUrl: unknown,
): Sent {
  return {
    ...response,
    triggerId,
    responsePath: typeof responseUrl === "string" ? new URL(responseUrl).pathname : undefined,
  };
}

/** A slash command, form-encoded with every field Slack sends. */
export async function sendCommand(
  app: TestApp,
  values: {
    COMMAND: string;
    TEXT: string;
    USER_ID: string;
    USER_NAME: string;
    CHANNEL_ID: string;
    CHANNEL_NAME: string;
  },
): Promise<Sent> {
  const fields = fixture("command.json", { ...issued(app), ...values }) as Record<string, string>;
  const response = await app.slack.post(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded");
  return sent(response, fields.trigger_id!, fields.response_url);
}

/** An interaction (block_actions, view_submission, message_action): `payload=` and its JSON. */
export async function sendInteraction(
  app: TestApp,
  name: string,
  values: Readonly<Record<string, unknown>>,
): Promise<Sent> {
  const payload = fixture(name, { ...issued(app), ...values });
  const response = await app.slack.post(
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    "application/x-www-form-urlencoded",
  );
  return sent(response, String(payload.trigger_id ?? ""), payload.response_url);
}

/** An Events API event_callback around the event fixture. */
export async function sendEvent(
  app: TestApp,
  name: string,
  values: Readonly<Record<string, unknown>>,
): Promise<{ status: number; text: string; json: Json | undefined }> {
  const now = Date.now() / 1000;
  const common = { TEAM_ID: app.fake.teamId, BOT_USER_ID: app.fake.botUserId, EVENT_TS: now.toFixed(6) };
  const event = fixture(name, { ...common, ...values });
  const body = fixture("event-callback.json", {
    ...common,
    EVENT: event,
    EVENT_ID: `Ev${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`,
    EVENT_TIME: Math.floor(now),
  });
  return app.slack.post(JSON.stringify(body), "application/json");
}

/** The first post to a request's response_url. */
export async function replyTo(app: TestApp, request: Sent, timeoutMs = 5000): Promise<Json> {
  if (!request.responsePath) throw new Error("That request had no response_url");
  return (await app.fake.waitFor("response_url", (c) => c.args.__path === request.responsePath, timeoutMs)).args;
}

const FORM_METHODS = new Set(["views.open", "views.update", "views.push"]);

/**
 * The form the app showed with a callback_id: the latest views.open, views.push or views.update
 * carrying it (a form may open "Loading…" and be filled in by views.update), with its view id.
 */
export async function formShown(
  app: TestApp,
  callbackId: string,
  timeoutMs = 5000,
): Promise<{ viewId: string; view: Json; call: RecordedCall }> {
  const matches = (c: RecordedCall) =>
    FORM_METHODS.has(c.method) &&
    c.response.ok === true &&
    (c.args.view as Json | undefined)?.callback_id === callbackId;
  const latest = app.fake.calls.findLastIndex((c) => c.status === 200 && matches(c));
  const found = await formShownAfter(app.fake, matches, timeoutMs, latest >= 0 ? latest : app.fake.calls.length);
  const viewId = String((found.response.view as Json).id);
  return { viewId, view: found.args.view as Json, call: found };
}

type Element = {
  type?: string;
  action_id?: string;
  options?: Json[];
  initial_value?: string;
  initial_date?: string;
  initial_option?: Json;
  initial_options?: Json[];
  initial_user?: string;
  initial_users?: string[];
};
type Block = { type?: string; block_id?: string; element?: Element };

/** The person's input for one field: text, a date, an option's value, option values, a user, users. */
export type Answer = string | string[] | null;

/**
 * state.values as Slack sends it on submit, for every input of the view: what the person
 * answered (by block_id), else what the field started with. Shapes per element type as in
 * Slack's view_submission reference (see fixtures/README.md).
 */
export function submittedState(view: Json, answers: Readonly<Record<string, Answer>> = {}): Json {
  const values: Json = {};
  for (const block of (view.blocks as Block[] | undefined) ?? []) {
    const element = block.element;
    const actionId = element?.action_id;
    if (block.type !== "input" || !block.block_id || !element || !actionId) continue;
    const given = block.block_id in answers ? answers[block.block_id] : undefined;
    const option = (value: string) => {
      const found = element.options?.find((o) => o.value === value);
      if (!found) throw new Error(`${block.block_id} has no option ${value}`);
      return found;
    };
    let state: Json;
    switch (element.type) {
      case "plain_text_input":
        state = { value: given !== undefined ? given : (element.initial_value ?? null) };
        break;
      case "datepicker":
        state = { selected_date: given !== undefined ? given : (element.initial_date ?? null) };
        break;
      case "static_select":
      case "radio_buttons":
        state = {
          selected_option:
            given !== undefined ? (given === null ? null : option(String(given))) : (element.initial_option ?? null),
        };
        break;
      case "checkboxes":
        state = {
          selected_options:
            given !== undefined ? ((given as string[] | null) ?? []).map(option) : (element.initial_options ?? []),
        };
        break;
      case "users_select":
        state = { selected_user: given !== undefined ? given : (element.initial_user ?? null) };
        break;
      case "multi_users_select":
        state = { selected_users: given !== undefined ? (given ?? []) : (element.initial_users ?? []) };
        break;
      default:
        throw new Error(`No state shape for ${String(element.type)} (block ${block.block_id})`);
    }
    values[block.block_id] = { [actionId]: { type: element.type, ...state } };
  }
  for (const blockId of Object.keys(answers))
    if (!(blockId in values)) throw new Error(`The form has no input ${blockId}`);
  return values;
}

/** A view_submission of the form as the app showed it, with the person's answers. */
export function submitForm(
  app: TestApp,
  form: { viewId: string; view: Json },
  user: { USER_ID: string; USER_NAME: string },
  answers: Readonly<Record<string, Answer>> = {},
): Promise<Sent> {
  const view = fixture("view.json", {
    TEAM_ID: app.fake.teamId,
    VIEW_ID: form.viewId,
    BLOCKS: form.view.blocks ?? [],
    PRIVATE_METADATA: form.view.private_metadata ?? "",
    CALLBACK_ID: form.view.callback_id ?? "",
    STATE_VALUES: submittedState(form.view, answers),
    TITLE: form.view.title ?? null,
    CLOSE: form.view.close ?? null,
    SUBMIT: form.view.submit ?? null,
  });
  return sendInteraction(app, "view-submission.json", { ...user, VIEW: view });
}

/** The buttons in some blocks, by action_id, with the block they are in. */
export function buttonsIn(blocks: unknown): Array<{ actionId: string; value: string; text: string; blockId: string }> {
  const found: Array<{ actionId: string; value: string; text: string; blockId: string }> = [];
  for (const block of (blocks as Array<Json & { elements?: Json[]; accessory?: Json }> | undefined) ?? []) {
    for (const element of [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]) {
      if (element.type === "button")
        found.push({
          actionId: String(element.action_id),
          value: String(element.value ?? ""),
          text: String((element.text as Json).text),
          blockId: String(block.block_id ?? ""),
        });
    }
  }
  return found;
}
