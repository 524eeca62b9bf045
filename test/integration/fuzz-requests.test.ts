// Ten thousand correctly signed requests that Slack would never send, made by fast-check from
// real request bodies spoiled one way each: wrong Content-Types; bodies of null, arrays,
// numbers, garbage and deep nesting; `payload=` holding anything but an interaction; commands
// missing fields or with repeated, unicode, huge or ill-typed ones; interactions and events
// with fields of the wrong type; odd envelope and event types; another team or none; and
// timestamps that are floats, Infinity, negative, old or ahead. Sent to the real app over
// HTTP, a few at a time over kept-alive connections. Every one is answered as the guard in
// front of Bolt promises (400, 401, 413; 200 for an event nobody listens to), none with a
// 5xx; no row, job, Web API call or Bolt acknowledgement comes of any; and afterwards the
// app still answers a real command.
import { Agent, request } from "node:http";
import fc from "fast-check";
import { appState } from "../support/app-state";
import {
  commandFields,
  eventEnvelopes,
  form,
  FORM,
  interactionPayloads,
  JSON_TYPE,
  signatureOf,
} from "../support/raw-slack";
import { startTestApp, TEST_SIGNING_SECRET, type TestApp } from "../support/test-app";

type Json = Record<string, unknown>;

// FUZZ_RUNS may ask for more, never fewer; FUZZ_SEED repeats a run that failed.
const RUNS = Math.max(10_000, Number(process.env.FUZZ_RUNS ?? 0));
const CONCURRENCY = 8;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

interface FuzzCase {
  name: string;
  body: string | Uint8Array;
  contentType: string | undefined;
  /** The timestamp header to send, from now in whole seconds. */
  timestamp: (now: number) => string;
  /** The signature header to send (undefined: none), from the timestamp sent and the body's bytes. */
  signature: (timestamp: string, body: Uint8Array) => string | undefined;
  expected: number;
}

const now = (seconds: number) => String(seconds);
const signed = (timestamp: string, body: Uint8Array) => signatureOf(timestamp, body);

// --- values of the wrong kind ---

/** A string Slack would never use as an id: empty, spaced, unicode, control characters, or too long. */
const badIdString = fc.oneof(
  fc.constant(""),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }).map((s) => `${s} é`),
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 12 }).map((s) => `U0${s}\u0000`),
  fc.integer({ min: 81, max: 5_000 }).map((n) => "U".repeat(n)),
);
/** A little JSON of any kind, cheaply. */
const scalar = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.string({ maxLength: 8 }));
/** Anything JSON can hold that is not a string. */
const notString = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.array(scalar, { maxLength: 3 }),
  fc.constant({}),
  fc.constant({ id: "U0SECRETARY" }),
);
/** Anything JSON can hold that is not an object (arrays count as not). */
const notObject = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.string({ maxLength: 20 }),
  fc.array(scalar, { maxLength: 3 }),
  fc.constant([{ id: "U0SECRETARY" }]),
);
const badId = fc.oneof(badIdString, notString);
/** Not an http(s) URL. */
const badUrl = fc.oneof(
  fc.constant(""),
  fc.constant("javascript:alert(1)"),
  fc.constant("ftp://files.example/x"),
  fc.string({ unit: "grapheme", maxLength: 30 }).map((s) => `not a url ${s}`),
  notString,
);
/** Not a token (trigger ids, timestamps, view ids): empty, spaced, non-ASCII or too long. */
const badToken = fc.oneof(
  fc.constant(""),
  fc.constant("a b"),
  fc.constant("触发"),
  fc.constant("x".repeat(256)),
  notString,
);
/** Not a whole number of seconds written plainly. */
const badTimestamp: fc.Arbitrary<[string, (now: number) => string]> = fc.oneof(
  fc.constant<[string, (n: number) => string]>(["Infinity", () => "Infinity"]),
  fc.constant<[string, (n: number) => string]>(["-Infinity", () => "-Infinity"]),
  fc.constant<[string, (n: number) => string]>(["NaN", () => "NaN"]),
  fc.constant<[string, (n: number) => string]>(["empty", () => ""]),
  fc.integer({ min: 1, max: 999_999 }).map((f): [string, (n: number) => string] => ["float", (n) => `${n}.${f}`]),
  fc.constant<[string, (n: number) => string]>(["exponent", (n) => n.toExponential(9)]),
  fc.constant<[string, (n: number) => string]>(["hex", (n) => `0x${n.toString(16)}`]),
  fc
    .integer({ min: 1, max: 3 })
    .map((z): [string, (n: number) => string] => ["leading zeros", (n) => `${"0".repeat(z)}${n}`]),
  fc.constant<[string, (n: number) => string]>(["plus sign", (n) => `+${n}`]),
  fc.integer({ min: 0, max: 2 ** 40 }).map((v): [string, (n: number) => string] => ["negative", () => `-${v}`]),
  // Old by more than five minutes: now is read at sending, so the server sees it older still.
  fc
    .integer({ min: 301, max: 2_000_000_000 })
    .map((age): [string, (n: number) => string] => ["old", (n) => String(Math.max(1, n - age))]),
  // Ahead by more than five minutes, with room for the seconds the request takes to arrive.
  fc
    .integer({ min: 330, max: 10 ** 11 })
    .map((ahead): [string, (n: number) => string] => ["ahead", (n) => String(n + ahead)]),
  fc
    .integer({ min: 13, max: 40 })
    .map((digits): [string, (n: number) => string] => ["too many digits", () => "9".repeat(digits)]),
);
const badSignature: fc.Arbitrary<[string, (t: string, b: Uint8Array) => string | undefined]> = fc.oneof(
  fc.constant<[string, (t: string, b: Uint8Array) => string | undefined]>(["none", () => undefined]),
  fc.constant<[string, (t: string, b: Uint8Array) => string | undefined]>(["empty", () => ""]),
  fc.constant<[string, (t: string, b: Uint8Array) => string | undefined]>([
    "v1",
    (t, b) => signed(t, b).replace("v0=", "v1="),
  ]),
  fc.constant<[string, (t: string, b: Uint8Array) => string | undefined]>([
    "upper case",
    (t, b) => `v0=${signed(t, b).slice(3).toUpperCase()}`,
  ]),
  fc
    .integer({ min: 1, max: 63 })
    .map((n): [string, (t: string, b: Uint8Array) => string | undefined] => [
      "truncated",
      (t, b) => signed(t, b).slice(0, 3 + n),
    ]),
  fc.constant<[string, (t: string, b: Uint8Array) => string | undefined]>([
    "another timestamp",
    (t, b) => signed(String(Number(t) - 1), b),
  ]),
  fc.constant<[string, (t: string, b: Uint8Array) => string | undefined]>([
    "another secret",
    (t, b) => signatureOf(t, b, `${TEST_SIGNING_SECRET}x`),
  ]),
  fc
    .string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 64, maxLength: 64 })
    .map((hex): [string, (t: string, b: Uint8Array) => string | undefined] => ["random", () => `v0=${hex}`]),
);

// --- spoiling a good request ---

type Spoil = { name: string; value: (good: Json) => Json };

const set =
  (path: string[], value: unknown) =>
  (good: Json): Json => {
    const copy = structuredClone(good);
    let at: Json = copy;
    for (const key of path.slice(0, -1)) at = at[key] as Json;
    if (value === undefined) delete at[path.at(-1)!];
    else at[path.at(-1)!] = value;
    return copy;
  };
const spoil = (path: string[], values: fc.Arbitrary<unknown>): fc.Arbitrary<Spoil> =>
  values.map((value) => ({
    name: `${path.join(".")} = ${JSON.stringify(value)?.slice(0, 40) ?? "(removed)"}`,
    value: set(path, value),
  }));
const remove = (path: string[]): fc.Arbitrary<Spoil> =>
  fc.constant({ name: `${path.join(".")} removed`, value: set(path, undefined) });

const INTERACTION_SPOILS: Record<string, fc.Arbitrary<Spoil>> = {
  block_actions: fc.oneof(
    spoil(
      ["actions"],
      fc.oneof(
        fc.constant([]),
        notObject.filter((v) => !Array.isArray(v)),
        fc.constant([null]),
        fc.constant([{}]),
        fc.constant(Array(26).fill({ action_id: "a" })),
      ),
    ),
    spoil(["actions", "0", "action_id"], notString),
    spoil(["actions", "0", "value"], notString),
    spoil(["actions", "0", "selected_option"], fc.oneof(fc.constant("x"), fc.constant({}), fc.constant([]))),
    spoil(
      ["container"],
      notObject.filter((v) => v !== null),
    ),
    spoil(["container", "channel_id"], badId),
    remove(["user"]),
  ),
  view_submission: fc.oneof(
    spoil(["view"], notObject),
    remove(["view"]),
    spoil(["view", "callback_id"], notString),
    spoil(["view", "private_metadata"], notString),
    spoil(["view", "id"], badToken),
    spoil(["view", "state"], notObject),
    spoil(["view", "state", "values"], notObject),
    spoil(["view", "state", "values", "text"], notObject),
    spoil(["view", "state", "values", "text", "value"], notObject),
    spoil(
      ["view", "state", "values", "text", "value", "value"],
      fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.constant(["x"])),
    ),
    spoil(
      ["view", "state", "values", "due", "when", "selected_options"],
      fc.oneof(fc.constant("x"), fc.constant([null]), fc.constant([{ value: 5 }])),
    ),
    spoil(
      ["view", "app_installed_team_id"],
      badId.filter((v) => v !== null),
    ),
    spoil(
      ["response_urls"],
      fc.oneof(fc.constant([null]), fc.constant("x"), fc.constant([{}]), fc.constant([{ response_url: "nope" }])),
    ),
  ),
  message_action: fc.oneof(
    spoil(["message"], notObject),
    remove(["message"]),
    remove(["channel"]),
    spoil(["message", "ts"], badToken),
    spoil(["message", "files"], fc.oneof(fc.constant("x"), fc.constant([null]), fc.constant([{ id: 5 }]))),
    spoil(["callback_id"], notString),
    remove(["callback_id"]),
  ),
};
const ANY_INTERACTION_SPOILS: fc.Arbitrary<Spoil> = fc.oneof(
  spoil(["user"], notObject),
  spoil(["user", "id"], badId),
  spoil(
    ["user", "team_id"],
    badId.filter((v) => v !== null),
  ),
  spoil(
    ["type"],
    fc.oneof(
      notString,
      fc
        .string({ maxLength: 20 })
        .filter(
          (t) =>
            ![
              "block_actions",
              "block_suggestion",
              "view_submission",
              "view_closed",
              "shortcut",
              "message_action",
            ].includes(t),
        ),
    ),
  ),
  spoil(["team"], fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), fc.constant([]), fc.constant({}))),
  spoil(["team", "id"], badId),
  spoil(["enterprise"], fc.oneof(fc.integer(), fc.constant("E1"), fc.constant({}))),
  spoil(["channel"], fc.oneof(fc.constant(null), fc.integer(), fc.constant("C0GENERAL"), fc.constant({}))),
  spoil(["trigger_id"], badToken),
  spoil(["response_url"], badUrl),
  spoil(["is_enterprise_install"], fc.oneof(fc.constant("true"), fc.integer(), fc.constant(null))),
  fc
    .constantFrom("event", "command", "name", "function_data", "bot_access_token")
    .chain((key) => spoil([key], fc.jsonValue())),
);

const EVENT_SPOILS: Record<string, fc.Arbitrary<Spoil>> = {
  app_home_opened: fc.oneof(
    spoil(["event", "user"], fc.oneof(badId, fc.constant({}))),
    remove(["event", "user"]),
    spoil(["event", "channel"], fc.oneof(badId, fc.constant({}))),
    spoil(["event", "tab"], notString),
    spoil(["event", "view"], notObject),
  ),
  file_shared: fc.oneof(
    spoil(["event", "file_id"], badId),
    remove(["event", "file_id"]),
    spoil(["event", "user_id"], badId),
    spoil(["event", "channel_id"], badId),
    spoil(["event", "file"], notObject),
    spoil(["event", "item"], notObject),
  ),
};
const ANY_EVENT_SPOILS: fc.Arbitrary<Spoil> = fc.oneof(
  spoil(
    ["type"],
    fc.oneof(
      notString,
      fc
        .string({ maxLength: 20 })
        .filter((t) => !["event_callback", "url_verification", "app_rate_limited"].includes(t)),
    ),
  ),
  spoil(["event"], notObject),
  spoil(["event", "type"], notString),
  remove(["event", "type"]),
  spoil(["team_id"], badId),
  remove(["team_id"]),
  spoil(["event_id"], badToken),
  remove(["event_id"]),
  spoil(["event_time"], fc.oneof(fc.constant("x"), fc.constant(-1), fc.constant(1.5), fc.constant(null))),
  spoil(
    ["authorizations"],
    fc.oneof(fc.constant("x"), fc.constant([null]), fc.constant([{}]), fc.constant([{ team_id: 5 }])),
  ),
  spoil(["enterprise_id"], fc.oneof(fc.integer(), fc.constant(""), fc.constant({}))),
  spoil(["response_urls"], fc.oneof(fc.constant([null]), fc.constant([{}]))),
  spoil(["command"], fc.jsonValue()),
);

const COMMAND_FIELDS = ["command", "text", "team_id", "user_id", "channel_id", "trigger_id", "response_url"];
const commandSpoil: fc.Arbitrary<{ name: string; body: (team: string) => string }> = fc.oneof(
  fc.constantFrom(...COMMAND_FIELDS).map((field) => ({
    name: `command without ${field}`,
    body: (team: string) => form(Object.fromEntries(Object.entries(commandFields(team)).filter(([k]) => k !== field))),
  })),
  fc
    .tuple(fc.constantFrom("team_id", "user_id", "channel_id", "enterprise_id", "api_app_id"), badIdString)
    .map(([field, value]) => ({
      name: `command ${field} = ${value.slice(0, 30)}`,
      body: (team: string) => form(commandFields(team, { [field]: value })),
    })),
  badUrl
    .filter((v): v is string => typeof v === "string")
    .map((value) => ({
      name: `command response_url = ${value.slice(0, 30)}`,
      body: (team: string) => form(commandFields(team, { response_url: value })),
    })),
  badToken
    .filter((v): v is string => typeof v === "string")
    .map((value) => ({
      name: `command trigger_id = ${value.slice(0, 30)}`,
      body: (team: string) => form(commandFields(team, { trigger_id: value })),
    })),
  fc
    .string({ maxLength: 8 })
    .filter((v) => v !== "true" && v !== "false")
    .map((value) => ({
      name: `command is_enterprise_install = ${value}`,
      body: (team: string) => form(commandFields(team, { is_enterprise_install: value })),
    })),
  fc
    .oneof(
      fc.stringMatching(/^\/[a-z]{1,10}$/).filter((c) => !["/action", "/meeting", "/minutes", "/board"].includes(c)),
      fc.constantFrom("action", "/ACTION", "/action x", "/äction", "", "//action"),
    )
    .map((command) => ({
      name: `command named ${command}`,
      body: (team: string) => form(commandFields(team, { command })),
    })),
  fc
    .tuple(fc.constantFrom(...COMMAND_FIELDS, "token", "api_app_id"), fc.string({ maxLength: 10 }))
    .map(([field, value]) => ({
      name: `command with ${field} twice`,
      body: (team: string) => `${form(commandFields(team))}&${form({ [field]: value })}`,
    })),
  fc.jsonValue().map((value) => ({
    name: "command with an event field",
    body: (team: string) => form({ ...commandFields(team), event: JSON.stringify(value) }),
  })),
  fc.string({ unit: "grapheme", maxLength: 200 }).map((text) => ({
    name: "command with unicode text and no user",
    body: (team: string) =>
      form(Object.fromEntries(Object.entries(commandFields(team, { text })).filter(([k]) => k !== "user_id"))),
  })),
);

// --- whole requests ---

const ok = { timestamp: now, signature: signed };

function cases(teamId: string): fc.Arbitrary<FuzzCase> {
  const payloads = interactionPayloads(teamId);
  const envelopes = eventEnvelopes(teamId);
  const goodBodies: Array<{ name: string; body: string; contentType: string }> = [
    ...["/action", "/meeting", "/minutes", "/board"].map((command) => ({
      name: command,
      body: form(commandFields(teamId, { command })),
      contentType: FORM,
    })),
    ...Object.entries(payloads).map(([name, payload]) => ({
      name,
      body: form({ payload: JSON.stringify(payload) }),
      contentType: FORM,
    })),
    ...Object.entries(envelopes).map(([name, envelope]) => ({
      name,
      body: JSON.stringify(envelope),
      contentType: JSON_TYPE,
    })),
  ];
  const good = fc.constantFrom(...goodBodies);
  const notAnObjectJson = fc.oneof(
    fc.constantFrom("null", "[]", "5", "true", '"x"', "-0", "1e999"),
    fc
      .jsonValue()
      .filter((v) => typeof v !== "object" || v === null || Array.isArray(v))
      .map((v) => JSON.stringify(v)),
    fc.integer({ min: 1, max: 2_000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`),
    fc
      .integer({ min: 1, max: 2_000 })
      .map((depth) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`)
      .map((s) => `[${s}]`),
    fc.string({ unit: "grapheme", maxLength: 100 }).filter((s) => {
      try {
        const v = JSON.parse(s) as unknown;
        return typeof v !== "object" || v === null || Array.isArray(v);
      } catch {
        return true;
      }
    }),
  );

  const bodies: fc.Arbitrary<FuzzCase> = fc.oneof(
    // A whole body that is not an object, as JSON or as the payload.
    {
      weight: 10,
      arbitrary: notAnObjectJson.map((body) => ({
        name: `JSON body ${body.slice(0, 40)}`,
        body,
        contentType: JSON_TYPE,
        ...ok,
        expected: 400,
      })),
    },
    {
      weight: 10,
      arbitrary: notAnObjectJson.map((json) => ({
        name: `payload=${json.slice(0, 40)}`,
        body: form({ payload: json }),
        contentType: FORM,
        ...ok,
        expected: 400,
      })),
    },
    // A form that is neither a command nor an interaction (nor Slack's SSL check).
    {
      weight: 5,
      arbitrary: fc
        .dictionary(
          fc.string({ maxLength: 8 }).filter((k) => !["payload", "ssl_check", "command"].includes(k)),
          fc.string({ maxLength: 20 }),
          { maxKeys: 5 },
        )
        .map((fields) => ({
          name: `form ${form(fields).slice(0, 40)}`,
          body: form(fields),
          contentType: FORM,
          ...ok,
          expected: 400,
        })),
    },
    // Bytes that are not UTF-8.
    {
      weight: 5,
      arbitrary: fc.tuple(good, fc.nat(), fc.constantFrom(0xff, 0xfe, 0xc0, 0x80)).map(([g, at, byte]) => {
        const bytes = Buffer.from(g.body, "utf8");
        bytes[at % bytes.length] = byte;
        return {
          name: `${g.name} with byte ${byte}`,
          body: new Uint8Array(bytes),
          contentType: g.contentType,
          ...ok,
          expected: 400,
        };
      }),
    },
    // A good body under the wrong Content-Type.
    {
      weight: 5,
      arbitrary: fc
        .tuple(
          good,
          fc.constantFrom<string | undefined>(
            undefined,
            "",
            "text/plain",
            "application/xml",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencodedx",
            "application/jsonp",
            "form",
            "*/*",
          ),
        )
        .map(([g, contentType]) => ({
          name: `${g.name} as ${contentType}`,
          body: g.body,
          contentType,
          ...ok,
          expected: 400,
        })),
    },
    {
      weight: 5,
      arbitrary: good.map((g) => ({
        name: `${g.name} under the other type`,
        body: g.body,
        contentType: g.contentType === FORM ? JSON_TYPE : FORM,
        ...ok,
        expected: 400,
      })),
    },
    // Commands, interactions and events with one thing wrong.
    {
      weight: 20,
      arbitrary: commandSpoil.map((c) => ({
        name: c.name,
        body: c.body(teamId),
        contentType: FORM,
        ...ok,
        expected: 400,
      })),
    },
    {
      weight: 30,
      arbitrary: fc.constantFrom(...Object.keys(payloads)).chain((kind) =>
        fc.oneof(INTERACTION_SPOILS[kind]!, ANY_INTERACTION_SPOILS).map((s) => ({
          name: `${kind}: ${s.name}`,
          body: form({ payload: JSON.stringify(s.value(payloads[kind]!)) }),
          contentType: FORM,
          ...ok,
          expected: 400,
        })),
      ),
    },
    // A broken envelope is refused; a subscribed event whose own fields are not as the app reads them is
    // thanked for and dropped (a 400 would only make Slack send it three more times).
    {
      weight: 10,
      arbitrary: fc.constantFrom(...Object.keys(envelopes)).chain((kind) =>
        ANY_EVENT_SPOILS.map((s) => ({
          name: `${kind}: ${s.name}`,
          body: JSON.stringify(s.value(envelopes[kind]!)),
          contentType: JSON_TYPE,
          ...ok,
          expected: 400,
        })),
      ),
    },
    {
      weight: 10,
      arbitrary: fc.constantFrom(...Object.keys(envelopes)).chain((kind) =>
        EVENT_SPOILS[kind]!.map((s) => ({
          name: `${kind}: ${s.name}`,
          body: JSON.stringify(s.value(envelopes[kind]!)),
          contentType: JSON_TYPE,
          ...ok,
          expected: 200,
        })),
      ),
    },
    // A huge field in a command that is otherwise wrong.
    {
      weight: 1,
      arbitrary: fc.integer({ min: 20_000, max: 200_000 }).map((n) => ({
        name: `command with a ${n}-character user id`,
        body: form(commandFields(teamId, { user_id: "U".repeat(n) })),
        contentType: FORM,
        ...ok,
        expected: 400,
      })),
    },
  );
  const otherTeam = fc.stringMatching(/^T[A-Z0-9]{3,10}$/).filter((t) => t !== teamId);

  return fc.oneof(
    { weight: 800, arbitrary: bodies },
    // An event nobody listens to: thanked for, and dropped.
    {
      weight: 30,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...Object.keys(envelopes)),
          fc
            .stringMatching(/^[a-z_]{1,20}$/)
            .filter((t) => !["app_home_opened", "file_shared", "app_uninstalled", "tokens_revoked"].includes(t)),
        )
        .map(([kind, type]) => ({
          name: `${kind} as event type ${type}`,
          body: JSON.stringify(set(["event", "type"], type)(envelopes[kind]!)),
          contentType: JSON_TYPE,
          ...ok,
          expected: 200,
        })),
    },
    // Another team, or a good request with a bad timestamp or signature: 401.
    {
      weight: 50,
      arbitrary: otherTeam.chain((other) =>
        fc
          .constantFrom(
            ...Object.entries(interactionPayloads(other)).map(([name, p]) => ({
              name,
              body: form({ payload: JSON.stringify(p) }),
              contentType: FORM,
            })),
            ...Object.entries(eventEnvelopes(other)).map(([name, e]) => ({
              name,
              body: JSON.stringify(e),
              contentType: JSON_TYPE,
            })),
            { name: "/action", body: form(commandFields(other)), contentType: FORM },
          )
          .map((g) => ({ ...g, name: `${g.name} from ${other}`, ...ok, expected: 401 })),
      ),
    },
    {
      weight: 70,
      arbitrary: fc.tuple(good, badTimestamp).map(([g, [name, timestamp]]) => ({
        name: `${g.name} at a timestamp ${name}`,
        body: g.body,
        contentType: g.contentType,
        timestamp,
        signature: signed,
        expected: 401,
      })),
    },
    {
      weight: 48,
      arbitrary: fc.tuple(good, badSignature).map(([g, [name, signature]]) => ({
        name: `${g.name} with signature ${name}`,
        body: g.body,
        contentType: g.contentType,
        timestamp: now,
        signature,
        expected: 401,
      })),
    },
    // Over the 4 MB limit: 413, the rest unread.
    {
      weight: 2,
      arbitrary: good.map((g) => ({
        name: `${g.name} over 4 MB`,
        body: `${g.body}&pad=${"p".repeat(4 * 1024 * 1024)}`,
        contentType: g.contentType,
        ...ok,
        expected: 413,
      })),
    },
  );
}

/**
 * Sends one case and resolves with the status. Plain node:http over a keep-alive agent: the
 * app runs in this process too, and fetch's extra layers would cost as much as the app does.
 */
function send(target: URL, agent: Agent, c: FuzzCase): Promise<number> {
  const bytes = typeof c.body === "string" ? Buffer.from(c.body, "utf8") : c.body;
  const timestamp = c.timestamp(Math.floor(Date.now() / 1000));
  const headers: Record<string, string | number> = {
    "x-slack-request-timestamp": timestamp,
    "content-length": bytes.length,
  };
  if (c.contentType !== undefined) headers["content-type"] = c.contentType;
  const signature = c.signature(timestamp, bytes);
  if (signature !== undefined) headers["x-slack-signature"] = signature;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path: "/slack/events", method: "POST", headers, agent },
      (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode ?? 0));
        res.once("error", reject);
      },
    );
    req.once("error", reject);
    req.end(bytes);
  });
}

describe("fuzzing the Slack endpoint with signed requests Slack would never send", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ role: "web" });
  });
  afterAll(async () => {
    await app.stop();
  });

  it(`answers ${RUNS.toLocaleString("en-GB")} of them as the guard promises, none with a 5xx, changing nothing, and still serves`, async () => {
    const all = fc.sample(cases(app.fake.teamId), { numRuns: RUNS, seed: SEED });
    const before = await appState(app);
    const target = new URL(app.url);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const wrong: Array<{ name: string; expected: number; status: number | string }> = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const sender = async () => {
      while (next < all.length) {
        const c = all[next++]!;
        let status: number | string;
        try {
          status = await send(target, agent, c);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        } catch (error) {
          status = `no answer: ${(error as Error).message}`;
        }
        if (status !== c.expected) wrong.push({ name: c.name.slice(0, 120), expected: c.expected, status });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    agent.destroy();

    expect({ seed: SEED, wrong: wrong.slice(0, 10), count: wrong.length }).toEqual({ seed: SEED, wrong: [], count: 0 });
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);
    // Not one reached Bolt: no rows, jobs, Slack calls or acknowledgements.
    expect(await appState(app)).toEqual(before);

    // The process is up and Bolt answers a real command.
    const sent = await app.slack.command("/action", "help");
    expect(sent.status).toBe(200);
    expect(String((await sent.reply()).text)).toContain("/action");
  }, 120_000);
});
