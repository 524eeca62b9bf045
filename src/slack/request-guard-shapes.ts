// The shapes Slack's requests come in, checked before Bolt sees them: a slash command is a
// form of single strings; an interaction is a form whose one `payload` is a JSON object; an
// event is a JSON envelope. Fields Bolt or the listeners read must have the type Slack gives
// them (an id is a short string, a user an object with an id, never null or a number), so
// nothing downstream meets a null where Slack always sends an object. Pure, never throws.
import { parse as parseQueryString } from "node:querystring";
import { z } from "zod";

/** What Slack is configured to send this app (manifest.yml; see surface.ts). */
export interface SlackSurface {
  commands: readonly string[];
  events: readonly string[];
}

export type RequestKind = "command" | "interaction" | "event" | "url_verification";

export type Shape =
  /** Bolt's to handle: the body fits, and this is the team it names (undefined: none, as for url_verification). */
  | {
      verdict: "forward";
      kind: RequestKind;
      mediaType: string;
      teamId: string | undefined;
      enterpriseId: string | undefined;
    }
  /** Answered here: 400 for a malformed body, 200 for something Slack sends that needs no work. */
  | { verdict: "answer"; status: 200 | 400; reason: string };

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

// Slack's ids (T…, E…, U…, W…, C…, G…, D…, B…, A…) are short and plain; anything else is not one.
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/);
// Trigger ids, timestamps, view and event ids: printable, no spaces, bounded.
const token = z.string().regex(/^[\x21-\x7e]{1,255}$/);
const text = z.string();
const optionalText = text.optional();
const url = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === "https:" || protocol === "http:";
    } catch {
      return false;
    }
  });

// --- slash commands (form fields) ---

const COMMAND_FIELDS = {
  command: z.string().regex(/^\/[a-z0-9_-]{1,32}$/),
  text,
  team_id: id,
  user_id: id,
  channel_id: id,
  trigger_id: token,
  response_url: url,
  enterprise_id: id.optional(),
  is_enterprise_install: z.enum(["true", "false"]).optional(),
  api_app_id: id.optional(),
  user_name: optionalText,
  channel_name: optionalText,
  team_domain: optionalText,
  enterprise_name: optionalText,
  token: optionalText,
};
const Command = z.object(COMMAND_FIELDS);

// --- interactions (the `payload` JSON) ---

const User = z.object({ id, team_id: id.optional(), username: optionalText, name: optionalText });
const Team = z.object({ id, domain: optionalText, enterprise_id: id.optional() });
const Enterprise = z.object({ id, name: optionalText });
const Channel = z.object({ id, name: optionalText });
const Option = z.object({ value: text });
// One input's state in a view: only the fields the listeners read are checked, each as Slack types it.
const ElementState = z.object({
  type: optionalText,
  value: text.nullable().optional(),
  selected_date: text.nullable().optional(),
  selected_time: text.nullable().optional(),
  selected_user: id.nullable().optional(),
  selected_users: z.array(id).nullable().optional(),
  selected_channel: id.nullable().optional(),
  selected_conversation: id.nullable().optional(),
  selected_option: Option.nullable().optional(),
  selected_options: z.array(Option).nullable().optional(),
});
const View = z.object({
  id: token.optional(),
  type: optionalText,
  callback_id: text.optional(),
  private_metadata: text.optional(),
  hash: optionalText,
  team_id: id.nullable().optional(),
  app_installed_team_id: id.nullable().optional(),
  root_view_id: token.nullable().optional(),
  previous_view_id: token.nullable().optional(),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), ElementState)) }).optional(),
  blocks: z.array(z.object({})).optional(),
});
const Action = z.object({
  action_id: text,
  block_id: optionalText,
  type: optionalText,
  value: optionalText,
  action_ts: optionalText,
  selected_date: text.nullable().optional(),
  selected_option: Option.nullable().optional(),
  selected_options: z.array(Option).nullable().optional(),
});
const Message = z.object({
  ts: token,
  type: optionalText,
  text: optionalText,
  user: id.optional(),
  thread_ts: token.optional(),
  files: z.array(z.object({ id, name: optionalText })).optional(),
  blocks: z.array(z.object({})).optional(),
});
// Bolt replies to the first of these when a body has no response_url, whatever the kind.
const ResponseUrls = z
  .array(z.object({ response_url: url, channel_id: id.optional(), block_id: optionalText, action_id: optionalText }))
  .max(10);
const Container = z.object({
  type: text,
  message_ts: token.optional(),
  channel_id: id.optional(),
  view_id: token.optional(),
  is_ephemeral: z.boolean().optional(),
});

const interactionBase = {
  user: User,
  team: Team.nullable().optional(),
  enterprise: Enterprise.nullable().optional(),
  is_enterprise_install: z.boolean().optional(),
  api_app_id: id.optional(),
  token: optionalText,
  trigger_id: token.optional(),
  response_url: url.optional(),
  response_urls: ResponseUrls.optional(),
  // Slack sends a channel object or none; Bolt reads channel.id whenever the key is there.
  channel: Channel.optional(),
  container: Container.optional(),
  view: View.optional(),
  message: Message.optional(),
};
const INTERACTIONS = {
  block_actions: z.object({
    ...interactionBase,
    type: z.literal("block_actions"),
    actions: z.array(Action).min(1).max(25),
  }),
  block_suggestion: z.object({
    ...interactionBase,
    type: z.literal("block_suggestion"),
    action_id: text,
    block_id: text,
    value: text,
  }),
  view_submission: z.object({
    ...interactionBase,
    type: z.literal("view_submission"),
    view: View.extend({ callback_id: text }),
  }),
  view_closed: z.object({
    ...interactionBase,
    type: z.literal("view_closed"),
    view: View.extend({ callback_id: text }),
    is_cleared: z.boolean().optional(),
  }),
  shortcut: z.object({ ...interactionBase, type: z.literal("shortcut"), callback_id: text }),
  message_action: z.object({
    ...interactionBase,
    type: z.literal("message_action"),
    callback_id: text,
    channel: Channel,
    message: Message,
    message_ts: token.optional(),
  }),
} as const;

// --- events (JSON envelopes) ---

const Authorization = z.object({
  // Present, null for an organisation-wide install: Bolt takes a missing one for no team at all.
  team_id: id.nullable(),
  enterprise_id: id.nullable().optional(),
  user_id: id.optional(),
  is_bot: z.boolean().optional(),
  is_enterprise_install: z.boolean().optional(),
});
// Fields Bolt looks into on any event (to find its user and channel), then each subscribed event's own.
const Event = z.object({
  type: z.string().regex(/^[a-z_.]{1,64}$/),
  event_ts: token.optional(),
  user: z.union([id, z.object({ id })]).optional(),
  channel: z.union([id, z.object({ id })]).optional(),
  channel_id: id.optional(),
  item: z.object({ channel: id.optional() }).optional(),
  subteam: z.object({ created_by: id.optional() }).optional(),
});
const EVENTS: Record<string, z.ZodType> = {
  app_home_opened: Event.extend({ user: id, channel: id, tab: optionalText, view: View.optional() }),
  file_shared: Event.extend({ file_id: id, user_id: id, channel_id: id, file: z.object({ id }).optional() }),
  app_uninstalled: Event,
  tokens_revoked: Event.extend({ tokens: z.object({ oauth: z.array(id).optional(), bot: z.array(id).optional() }) }),
};
const EventCallback = z.object({
  type: z.literal("event_callback"),
  team_id: id,
  enterprise_id: id.nullable().optional(),
  api_app_id: id.optional(),
  token: optionalText,
  event_id: token,
  event_time: z.number().int().nonnegative().optional(),
  event_context: optionalText,
  authorizations: z.array(Authorization).max(10).optional(),
  is_ext_shared_channel: z.boolean().optional(),
  context_team_id: id.nullable().optional(),
  context_enterprise_id: id.nullable().optional(),
  response_url: url.optional(),
  response_urls: ResponseUrls.optional(),
  event: z.object({ type: z.string() }),
});
const UrlVerification = z.object({ type: z.literal("url_verification"), challenge: token, token: optionalText });

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function malformed(reason: string): Shape {
  return { verdict: "answer", status: 400, reason };
}

/** The first problem zod found, as a short reason for the log (paths and codes, never values). */
function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  // A path can hold a key from the body (a block id): kept short.
  return issue ? `${issue.path.join(".").slice(0, 100) || "body"}: ${issue.code}` : "invalid";
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * What a correctly signed request to the events endpoint is, from its Content-Type and body
 * text: forwarded to Bolt only when it has a shape Slack sends, with every field Bolt and the
 * listeners read of the right type; otherwise answered here.
 */
export function shapeOf(contentType: string | undefined, body: string, surface: SlackSurface): Shape {
  const mediaType = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType === FORM) return formShape(body, surface);
  if (mediaType === JSON_TYPE) return jsonShape(body, surface);
  return malformed(`content type ${mediaType ? "not taken" : "missing"}`);
}

function formShape(body: string, surface: SlackSurface): Shape {
  const fields = parseQueryString(body);
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) return malformed(`field ${name.slice(0, 40)} repeated`);
  }
  if (fields.ssl_check === "1") return { verdict: "answer", status: 200, reason: "ssl check" };
  if ("payload" in fields) return interactionShape(fields.payload as string);
  // Bolt takes any body with an `event` for an event, whatever else it holds.
  if ("event" in fields) return malformed("form with an event field");
  const command = Command.safeParse(fields);
  if (!command.success) return malformed(`command ${problemOf(command.error)}`);
  if (!surface.commands.includes(command.data.command)) return malformed("command not in the manifest");
  return {
    verdict: "forward",
    kind: "command",
    mediaType: FORM,
    teamId: command.data.team_id,
    enterpriseId: command.data.enterprise_id,
  };
}

function interactionShape(payloadText: string): Shape {
  const payload = parseJson(payloadText);
  if (!isPlainObject(payload)) return malformed("payload is not a JSON object");
  // Bolt sorts a body by the first three keys before its type, and takes a workflow function's
  // token from the last two: none belongs in an interaction of an app without functions.
  for (const key of ["event", "command", "name", "function_data", "bot_access_token"])
    if (key in payload) return malformed(`payload with a ${key} field`);
  const type = payload.type;
  const schema =
    typeof type === "string" && Object.hasOwn(INTERACTIONS, type)
      ? INTERACTIONS[type as keyof typeof INTERACTIONS]
      : undefined;
  if (!schema) return malformed("payload type not taken");
  const parsed = schema.safeParse(payload);
  if (!parsed.success) return malformed(`${type} ${problemOf(parsed.error)}`);
  const data = parsed.data as z.infer<(typeof INTERACTIONS)["block_actions"]> & {
    view?: { app_installed_team_id?: string | null };
  };
  // As Bolt finds it: a form opened from another workspace names the installing team on the view.
  const teamId =
    (type === "view_submission" || type === "view_closed" ? data.view?.app_installed_team_id : undefined) ??
    data.team?.id ??
    data.user.team_id;
  const enterpriseId = data.enterprise?.id ?? data.team?.enterprise_id;
  return { verdict: "forward", kind: "interaction", mediaType: FORM, teamId, enterpriseId };
}

function jsonShape(body: string, surface: SlackSurface): Shape {
  const envelope = parseJson(body);
  if (!isPlainObject(envelope)) return malformed("body is not a JSON object");
  switch (envelope.type) {
    case "url_verification": {
      const parsed = UrlVerification.safeParse(envelope);
      if (!parsed.success) return malformed(`url_verification ${problemOf(parsed.error)}`);
      return {
        verdict: "forward",
        kind: "url_verification",
        mediaType: JSON_TYPE,
        teamId: undefined,
        enterpriseId: undefined,
      };
    }
    case "app_rate_limited":
      return { verdict: "answer", status: 200, reason: "Slack is holding back events: app_rate_limited" };
    case "event_callback":
      return eventShape(envelope, surface);
    default:
      return malformed("envelope type not taken");
  }
}

function eventShape(envelope: Json, surface: SlackSurface): Shape {
  if ("command" in envelope) return malformed("event with a command field");
  const parsed = EventCallback.safeParse(envelope);
  if (!parsed.success) return malformed(`event_callback ${problemOf(parsed.error)}`);
  const type = parsed.data.event.type;
  // Acknowledged and dropped: Slack stops sending what it is thanked for, and nothing here listens.
  if (!surface.events.includes(type) || !Object.hasOwn(EVENTS, type))
    return { verdict: "answer", status: 200, reason: "event not subscribed" };
  const event = EVENTS[type]!.safeParse(envelope.event);
  // Signed by Slack, of a kind subscribed to, but not as the app reads it: thanked and dropped, as a
  // 400 would only make Slack send it three more times (https://docs.slack.dev/apis/events-api/#retries).
  if (!event.success)
    return { verdict: "answer", status: 200, reason: `event ${type} not as read: ${problemOf(event.error)}` };
  const first = parsed.data.authorizations?.[0];
  // As Bolt finds it: the first authorisation's team, else the envelope's.
  const teamId = first?.team_id ?? parsed.data.team_id;
  const enterpriseId = (first ? first.enterprise_id : parsed.data.enterprise_id) ?? undefined;
  return { verdict: "forward", kind: "event", mediaType: JSON_TYPE, teamId, enterpriseId };
}
