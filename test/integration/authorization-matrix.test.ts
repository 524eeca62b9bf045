// Who may do what, for every way into Minutebook from Slack: each slash command that
// reads or changes something, each button, form and message shortcut, tried by each
// kind of person against a private board, end to end over signed HTTP. The whole
// matrix is one table (MATRIX below); every refusal and every hidden answer is also
// checked against the database: it changed nothing, and told an outsider nothing.
//
// The rules are README.md's: an action may be changed by its owners, whoever logged
// it, the board's chair or secretary, and workspace admins; a board and its meetings
// by the chair, the secretary, whoever created the board, and workspace admins
// (importing minutes records a meeting and schedules the next, so it is one of
// those); a private board's actions, meetings and minutes exist only for members of
// its channel. Snoozing a reminder is for the person it was sent to; Undo for whoever
// made the change; a new date is approved by the chair, the secretary or an admin.
//
// Values are the ones real messages carry (action, reminder, request and import ids,
// the list's JSON), built with the views' own helpers. The outsider's are forged: a
// private channel's messages never reach them. The same values of a public board are
// then tried by people with no role on it, and made-up ids by anyone.
import type { RecordedCall } from "../../src/local-slack/server";
import type { SentRequest } from "../../src/local-slack/requests";
import { changeAction } from "../../src/domain/actions/change-action";
import { createAction } from "../../src/domain/actions/create-action";
import { prepareImport } from "../../src/domain/minutes/prepare-import";
import { requestExtension } from "../../src/domain/reminders/request-extension";
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { runningClock } from "../../src/console/clock";
import { MESSAGE_SHORTCUTS } from "../../src/slack/surface";
import { ACTION_MODAL } from "../../src/slack/views/actions/action-modal";
import { ACTION_BUTTONS, undoValue } from "../../src/slack/views/actions/buttons";
import { BOARD_SETTINGS } from "../../src/slack/views/boards/board-views";
import { MINUTES_MODALS } from "../../src/slack/views/minutes/import-modals";
import { IMPORT_BUTTONS } from "../../src/slack/views/minutes/import-progress";
import { MEETING_BUTTONS, postUpdateValue } from "../../src/slack/views/reminders/meeting-reminders";
import { NEW_DATE } from "../../src/slack/views/reminders/new-date";
import { POST_UPDATE } from "../../src/slack/views/reminders/post-update";
import { REMINDER_BUTTONS } from "../../src/slack/views/reminders/reminder-message";
import { startTestApp, type TestApp } from "../support/test-app";
import { LOADING_CALLBACK_ID, PROBLEM_CALLBACK_ID } from "../../src/slack/open-form";

type Json = Record<string, unknown>;

// Mon 23 Nov 2026, 10:00 London, running at real speed.
const now = runningClock("2026-11-23T10:00:00Z");

const ROLES = ["owner", "creator", "chair", "secretary", "board creator", "admin", "member", "outsider"] as const;
type Role = (typeof ROLES)[number];
const USER: Record<Role, string> = {
  owner: "U0OWNER",
  creator: "U0CREATOR",
  chair: "U0CHAIR",
  secretary: "U0SECRETARY",
  "board creator": "U0FOUNDER",
  admin: "U0ADMIN",
  member: "U0MEMBER",
  outsider: "U0OUTSIDER",
};
const PRIVATE_CHANNEL = "G0PRIV";
const PUBLIC_CHANNEL = "C0PUB";
/** Where the outsider types: any channel but the private board's. */
const ELSEWHERE = "C0ELSEWHERE";
const BOARD_NAME = "Private Oversight Panel";
/** Every private action's text has it: an outsider's answer must never contain it. */
const SECRET_WORD = "informant";

// A allowed (and done), R refused (told so, nothing changed), H hidden (answered as if
// it did not exist, nothing changed, nothing about it told), - not possible in Slack.
// Reads change nothing for anyone. Snooze from the Home tab snoozes the person's own
// reminders about the action: the owner's, and the secretary's (who is sent the
// escalation when it is overdue); anyone else has none to snooze.
const MATRIX = `
| entry point                             | owner | creator | chair | secretary | board creator | admin | member | outsider |
| /action (the New action form)           | A     | A       | A     | A         | A             | A     | A      | H        |
| /action add <text> #BOARD               | A     | A       | A     | A         | A             | A     | A      | H        |
| /action list open #BOARD                | A     | A       | A     | A         | A             | A     | A      | H        |
| /action show <REF>                      | A     | A       | A     | A         | A             | A     | A      | H        |
| /action done <REF>                      | A     | A       | A     | A         | R             | A     | R      | H        |
| /action update <REF> <note>             | A     | A       | A     | A         | R             | A     | R      | H        |
| /action due <REF> <date>                | A     | A       | A     | A         | R             | A     | R      | H        |
| /action assign <REF> @user              | A     | A       | A     | A         | R             | A     | R      | H        |
| /action drop <REF> <reason>             | A     | A       | A     | A         | R             | A     | R      | H        |
| /action reopen <REF>                    | A     | A       | A     | A         | R             | A     | R      | H        |
| /meeting next                           | A     | A       | A     | A         | A             | A     | A      | H        |
| /meeting list                           | A     | A       | A     | A         | A             | A     | A      | H        |
| /meeting schedule <when>                | R     | R       | A     | A         | A             | A     | R      | H        |
| /meeting move <day> to <when>           | R     | R       | A     | A         | A             | A     | R      | H        |
| /meeting cancel <day>                   | R     | R       | A     | A         | A             | A     | R      | H        |
| /meeting close                          | R     | R       | A     | A         | A             | A     | R      | H        |
| /board                                  | A     | A       | A     | A         | A             | A     | A      | H        |
| /board settings                         | R     | R       | A     | A         | A             | A     | R      | H        |
| /board export                           | A     | A       | A     | A         | A             | A     | A      | H        |
| /board create (in the board's channel)  | R     | R       | R     | R         | R             | R     | R      | -        |
| /minutes                                | R     | R       | A     | A         | A             | A     | R      | H        |
| button action.done                      | A     | A       | A     | A         | R             | A     | R      | H        |
| button action.undo                      | R     | A       | R     | R         | R             | R     | R      | H        |
| button action.open                      | A     | A       | A     | A         | A             | A     | A      | H        |
| button action.edit                      | A     | A       | A     | A         | R             | A     | R      | H        |
| button action.snooze (Home tab)         | A     | R       | R     | A         | R             | R     | R      | H        |
| button action.list_more                 | A     | A       | A     | A         | A             | A     | A      | H        |
| button reminder.done                    | A     | A       | A     | A         | R             | A     | R      | H        |
| button reminder.snooze_day              | A     | R       | R     | R         | R             | R     | R      | H        |
| button reminder.snooze_week             | A     | R       | R     | R         | R             | R     | R      | H        |
| button reminder.new_date                | A     | A       | A     | A         | R             | A     | R      | H        |
| button extension.approve                | R     | R       | A     | A         | R             | A     | R      | H        |
| button extension.decline                | R     | R       | A     | A         | R             | A     | R      | H        |
| button reminder.post_update             | A     | A       | A     | A         | R             | A     | R      | H        |
| button minutes.review                   | R     | R       | A     | A         | A             | A     | R      | H        |
| button minutes.import_file              | R     | R       | A     | A         | A             | A     | R      | H        |
| form action.modal (new)                 | A     | A       | A     | A         | A             | A     | A      | H        |
| form action.modal (edit)                | A     | A       | A     | A         | R             | A     | R      | H        |
| form board.settings                     | R     | R       | A     | A         | A             | A     | R      | H        |
| form reminder.new_date_form             | A     | A       | A     | A         | R             | A     | R      | H        |
| form reminder.post_update_form          | A     | A       | A     | A         | R             | A     | R      | H        |
| form minutes.paste                      | R     | R       | A     | A         | A             | A     | R      | H        |
| form minutes.preview                    | R     | R       | A     | A         | A             | A     | R      | H        |
| shortcut log_as_action                  | A     | A       | A     | A         | A             | A     | A      | H        |
| shortcut import_minutes                 | R     | R       | A     | A         | A             | A     | R      | H        |
`;

type Outcome = "A" | "R" | "H" | "-" | string;

function parseMatrix(text: string): Map<string, Record<Role, Outcome>> {
  const rows = new Map<string, Record<Role, Outcome>>();
  for (const line of text.trim().split("\n").slice(1)) {
    const [name, ...cells] = line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    rows.set(name!, Object.fromEntries(ROLES.map((role, i) => [role, cells[i]!])) as Record<Role, Outcome>);
  }
  return rows;
}

function renderMatrix(rows: Map<string, Record<Role, Outcome>>, roles: readonly Role[] = ROLES): string {
  const header = ["entry point", ...roles];
  const lines = [...rows].map(([name, cells]) => [name, ...roles.map((r) => cells[r])]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return `\n${[row(header), ...lines.map(row)].join("\n")}\n`;
}

/** The per-cell state an entry point acts on, made fresh so every cell starts alike. */
interface Cell {
  role: Role;
  user: string;
  n: number;
  action?: { id: string; reference: string; version: number };
  reminderId?: string;
  requestId?: string;
  importId?: string;
  fileName?: string;
  day?: string;
  toDay?: string;
}

interface EntryPoint {
  name: string;
  /** Fresh state for one cell. */
  prepare?: (cell: Cell) => Promise<void>;
  /** Does it as the cell's person would; returns what they were shown. */
  run: (cell: Cell) => Promise<string>;
  /** The answer when it was allowed. */
  allowed: RegExp;
  /** For changes: the change is in the database (checked when allowed). */
  isDone?: (cell: Cell) => Promise<boolean>;
  /** Overrides the words-based outcome (a form that opens without the private board is hidden). */
  classify?: (words: string, cell: Cell) => Outcome | undefined;
}

const HIDDEN =
  /There is no action|There is no board|no longer exists|no longer there|is not a board's channel|Pick one of the boards listed|out of date/;
const REFUSED = /\bOnly\b|You have no reminders about|already [A-Z0-9]+'s channel/;

function classify(entry: EntryPoint, words: string, cell: Cell): Outcome {
  const special = entry.classify?.(words, cell);
  if (special) return special;
  if (entry.allowed.test(words)) return "A";
  if (HIDDEN.test(words)) return "H";
  if (REFUSED.test(words)) return "R";
  return `? ${words.replace(/\s+/g, " ").slice(0, 60)}`;
}

/** A board the entry points act on, with the people who hold its roles. */
interface Target {
  id: string;
  code: string;
  name: string;
  timeZone: string;
  channel: string;
  isPrivate: boolean;
  owner: string;
  creator: string;
  chair: string;
  secretary: string;
  /** A matters-arising list already in its channel, for Post update buttons. */
  mattersArisingId: string;
}

describe("who may do what: every Slack entry point, by role", () => {
  let app: TestApp;
  let workspaceId: string;
  let priv: Target;
  let pub: Target;
  /** The board the entry points act on now. */
  let board: Target;
  let counter = 0;
  const db = () => app.runtime.db;

  beforeAll(async () => {
    app = await startTestApp({ now });
    // Every cell's answer and owner notice goes to the same few DMs within seconds: past
    // Slack's one message a second there, the answers queue behind Retry-After for longer
    // than a cell waits. Rate limits are not what this table is about.
    app.fake.rateLimits = "off";
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    for (const role of ROLES)
      app.fake.addUser({ id: USER[role], name: role.replace(" ", "-"), isAdmin: role === "admin" });
    app.fake.addUser({ id: "U0NEWOWNER", name: "new-owner" });
    app.fake.addChannel({
      id: PRIVATE_CHANNEL,
      name: "priv",
      isPrivate: true,
      members: ROLES.filter((r) => r !== "outsider").map((r) => USER[r]),
      botIsMember: true,
    });
    app.fake.addChannel({ id: ELSEWHERE, name: "elsewhere", members: Object.values(USER) });
    // A public board where none of them has a role, and whose channel the outsider is not in either.
    app.fake.addChannel({
      id: PUBLIC_CHANNEL,
      name: "pub",
      members: ROLES.filter((r) => r !== "outsider").map((r) => USER[r]),
    });
    const makeBoard = async (
      code: string,
      name: string,
      channel: string,
      isPrivate: boolean,
      people: { owner: string; creator: string; chair: string; secretary: string; founder: string },
    ): Promise<Target> => {
      const created = await db().board.create({
        data: {
          workspaceId,
          code,
          name,
          slackChannelId: channel,
          isPrivate,
          chairSlackUserId: people.chair,
          secretarySlackUserId: people.secretary,
          createdBySlackUserId: people.founder,
        },
      });
      const meeting = await db().meeting.create({
        data: { workspaceId, boardId: created.id, startsAt: new Date("2026-12-01T15:00:00Z") },
      });
      const reminder = await db().reminder.create({
        data: {
          workspaceId,
          boardId: created.id,
          meetingId: meeting.id,
          subject: `meeting:${meeting.id}`,
          kind: "matters_arising",
          recipient: `channel:${channel}`,
          fireAt: new Date("2026-11-30T09:00:00Z"),
        },
      });
      return {
        id: created.id,
        code,
        name,
        timeZone: created.timeZone,
        channel,
        isPrivate,
        ...people,
        mattersArisingId: reminder.id,
      };
    };
    priv = await makeBoard("PRIV", BOARD_NAME, PRIVATE_CHANNEL, true, {
      owner: USER.owner,
      creator: USER.creator,
      chair: USER.chair,
      secretary: USER.secretary,
      founder: USER["board creator"],
    });
    pub = await makeBoard("PUB", "Public Scrutiny Board", PUBLIC_CHANNEL, false, {
      owner: "U0PUBOWNER",
      creator: "U0PUBCREATOR",
      chair: "U0PUBCHAIR",
      secretary: "U0PUBSECRETARY",
      founder: "U0PUBSECRETARY",
    });
    board = priv;
  });
  afterAll(async () => {
    await app.stop();
  });

  // ---- fresh state for a cell ------------------------------------------------------

  /** An open action on the private board: owned by the owner, logged by the creator, with reminders to the owner. */
  async function freshAction(cell: Cell, { isDone = false } = {}): Promise<void> {
    const { action } = await createAction({
      db: db(),
      workspaceId,
      board,
      text: `Review the ${SECRET_WORD} payments, case ${cell.n}`,
      owners: [{ slackUserId: board.owner }],
      due: { dueAt: new Date("2027-02-15T00:00:00Z"), duePrecision: "day", dueText: null, dueMeetingId: null },
      createdBySlackUserId: board.creator,
      now: now(),
    });
    let version = action.version;
    if (isDone) {
      version = (
        await changeAction(db(), {
          workspaceId,
          actionId: action.id,
          actor: { slackUserId: board.owner, isAdmin: false },
          change: { kind: "done", note: undefined },
          now: now(),
        })
      ).action.version;
    }
    cell.action = { id: action.id, reference: action.reference, version };
    const reminder = await db().reminder.findFirst({
      where: { actionId: action.id, recipient: `user:${board.owner}` },
      orderBy: { fireAt: "asc" },
    });
    cell.reminderId = reminder?.id;
  }

  /** Minutes numbered n are of a meeting of their own (a meeting's minutes are imported once): n days on from Fri 1 Jan 2010. */
  const minutesText = (n: number) =>
    [
      BOARD_NAME,
      "Minutes of Meeting",
      `${new Date(Date.UTC(2010, 0, 1 + n)).toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).replace(",", "")}, 3:30pm Committee Room 4, City Hall`,
      `Reference ${n}`,
      "",
      "ITEM 1. Welcome",
      "The Chair opened the meeting.",
      "",
      "ITEM 2. Informant payments",
      `Action 1: MOPAC to review the ${SECRET_WORD} process ${n} by the end of January 2027.`,
    ].join("\n");

  async function freshImport(cell: Cell): Promise<void> {
    const prepared = await prepareImport(db(), {
      workspaceId,
      board,
      text: minutesText(100 + cell.n),
      fileName: null,
      createdBySlackUserId: board.secretary,
    });
    cell.importId = prepared.importId;
  }

  /** A day no other meeting uses, counted on from Mon 4 Jan 2027. */
  let dayCount = 0;
  function freshDay(): { words: string; iso: string } {
    const day = new Date(Date.UTC(2027, 0, 4 + dayCount++));
    return {
      words: day.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
      iso: day.toISOString().slice(0, 10),
    };
  }
  async function meetingOn(iso: string): Promise<void> {
    await db().meeting.create({ data: { workspaceId, boardId: board.id, startsAt: new Date(`${iso}T15:00:00Z`) } });
  }
  const meetingStatus = async (iso: string) =>
    (await db().meeting.findFirst({ where: { boardId: board.id, startsAt: new Date(`${iso}T15:00:00Z`) } }))?.status;

  // ---- doing it as Slack would ------------------------------------------------------

  function nextCall(since: number, match: (call: RecordedCall) => boolean, timeoutMs = 6000): Promise<RecordedCall> {
    const found = app.fake.calls.slice(since).find((c) => c.status === 200 && match(c));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(
          new Error(
            `no answer within ${timeoutMs} ms; calls since: ${app.fake.calls
              .slice(since)
              .map((c) => c.method)
              .join(", ")}`,
          ),
        );
      }, timeoutMs);
      const stop = app.fake.onCall((c) => {
        if (c.status !== 200 || !match(c)) return;
        clearTimeout(timer);
        stop();
        resolve(c);
      });
    });
  }

  const wordsOf = (args: Json) => `${String(args.text ?? "")} ${JSON.stringify(args.blocks ?? "")}`;
  /** Not answers: what the app tells others as a change's consequence. */
  const isSideMessage = (text: string) =>
    /^(New action for you|\d+ new actions for you|New date asked for|Your new date for)/.test(text);

  /**
   * What the person saw first: the HTTP answer, a response_url reply, a form opened
   * with their trigger, or a message to them (ephemeral, or a DM).
   */
  async function answerTo(send: () => Promise<SentRequest>, user: string, triggerId: string): Promise<string> {
    const since = app.fake.calls.length;
    const sent = await send();
    expect(sent.status).toBe(200);
    // A form closed with "clear" answers afterwards, in a message: wait for that.
    if (sent.json?.response_action && sent.json.response_action !== "clear")
      return `${String(sent.json.response_action)}: ${JSON.stringify(sent.json)}`;
    const body = sent.replies()[0];
    if (body) return `reply: ${wordsOf(body)}`;
    const path = new URL(sent.responseUrl).pathname;
    const call = await nextCall(
      since,
      (c) =>
        (c.method === "response_url" && c.args.__path === path) ||
        (c.method === "views.open" && c.args.trigger_id === triggerId) ||
        (c.method === "chat.postEphemeral" && c.args.user === user) ||
        (c.method === "chat.postMessage" && c.args.channel === user && !isSideMessage(String(c.args.text))),
    );
    if (call.method !== "views.open") return `${call.method}: ${wordsOf(call.args)}`;
    // A form opens "Loading…" with the trigger; what the person then sees is the views.update of that view.
    const viewId = (call.response.view as Json | undefined)?.id;
    const shown =
      (call.args.view as Json).callback_id === LOADING_CALLBACK_ID
        ? ((await nextCall(since, (c) => c.method === "views.update" && c.args.view_id === viewId)).args.view as Json)
        : (call.args.view as Json);
    return shown.callback_id === PROBLEM_CALLBACK_ID ? `problem: ${wordsOf(shown)}` : `form: ${JSON.stringify(shown)}`;
  }

  const trigger = () => `${Date.now()}.${Math.random().toString(36).slice(2)}`;
  /** Members act in the board's channel; the outsider can only name the board from elsewhere. */
  const channelOf = (cell: Cell) => (cell.role === "outsider" ? ELSEWHERE : board.channel);
  const named = (cell: Cell) => (cell.role === "outsider" ? ` #${board.code}` : "");

  function command(name: string, text: (cell: Cell) => string, where: (cell: Cell) => string = channelOf) {
    return (cell: Cell) => {
      const triggerId = trigger();
      return answerTo(
        () => app.slack.command(name, text(cell), { userId: cell.user, channelId: where(cell), triggerId }),
        cell.user,
        triggerId,
      );
    };
  }

  function press(
    actionId: string,
    value: (cell: Cell) => string,
    from: "message" | "home" = "message",
    where: (cell: Cell) => string = channelOf,
  ) {
    return (cell: Cell) => {
      const triggerId = trigger();
      const user = { id: cell.user, username: cell.role, team_id: app.fake.teamId };
      const home = {
        container: { type: "view", view_id: "V0HOME" },
        view: { id: "V0HOME", type: "home" },
        response_url: undefined,
      };
      const message = {
        container: { type: "message", message_ts: "1700000000.000100", channel_id: where(cell), is_ephemeral: false },
        channel: { id: where(cell), name: "board" },
      };
      return answerTo(
        () =>
          app.slack.interaction({
            type: "block_actions",
            trigger_id: triggerId,
            user,
            ...(from === "home" ? home : message),
            actions: [
              {
                type: "button",
                action_id: actionId,
                block_id: "b",
                value: value(cell),
                action_ts: String(Date.now() / 1000),
              },
            ],
          }),
        cell.user,
        triggerId,
      );
    };
  }

  function submit(callbackId: string, metadata: (cell: Cell) => Json, values: (cell: Cell) => Json) {
    return (cell: Cell) => {
      const triggerId = trigger();
      return answerTo(
        () =>
          app.slack.interaction({
            type: "view_submission",
            trigger_id: triggerId,
            user: { id: cell.user, username: cell.role, team_id: app.fake.teamId },
            view: {
              id: `V${cell.n}${Date.now()}`,
              type: "modal",
              callback_id: callbackId,
              private_metadata: JSON.stringify(metadata(cell)),
              state: { values: values(cell) },
            },
          }),
        cell.user,
        triggerId,
      );
    };
  }

  function shortcut(callbackId: string, files: (cell: Cell) => Json[] = () => []) {
    return (cell: Cell) => {
      const triggerId = trigger();
      const ts = `1700000${String(cell.n).padStart(3, "0")}.000100`;
      return answerTo(
        () =>
          app.slack.interaction({
            type: "message_action",
            callback_id: callbackId,
            trigger_id: triggerId,
            user: { id: cell.user, username: cell.role, team_id: app.fake.teamId },
            // An outsider cannot open a private channel's messages: this is a forged payload.
            channel: { id: board.channel, name: "board" },
            message_ts: ts,
            message: {
              type: "message",
              user: board.chair,
              ts,
              text: `<@${board.owner}> to chase the auditors`,
              files: files(cell),
            },
          }),
        cell.user,
        triggerId,
      );
    };
  }

  const field = (value: unknown) => ({ value: { value } });
  const actionRow = (cell: Cell) =>
    db().action.findUniqueOrThrow({ where: { id: cell.action!.id }, include: { owners: true, events: true } });
  const lastEvent = async (cell: Cell) =>
    (await actionRow(cell)).events.sort((a, b) => +a.createdAt - +b.createdAt).at(-1);
  const formHasBoard = (words: string) => words.startsWith("form:") && words.includes(board.name);
  /** A form that opened without the board in it: the board did not exist for them. */
  const formWithoutBoard = (words: string) =>
    words.startsWith("form:") && !words.includes(board.name) ? "H" : undefined;
  const fileFor = (cell: Cell) => {
    cell.fileName = `minutes-${cell.n}.txt`;
    app.fake.addFile({ id: `F0M${cell.n}`, name: cell.fileName, bytes: Buffer.from(minutesText(200 + cell.n)) });
  };
  /** A file import that was let through is read by the worker: wait for it, so later cells start from a quiet database. */
  const fileImported = async (cell: Cell) => {
    await nextCall(0, (c) => c.method === "chat.update" && String(c.args.text).startsWith(cell.fileName!), 15_000);
    return (await db().minutesImport.findFirst({ where: { slackFileId: `F0M${cell.n}` } }))?.status === "previewed";
  };
  const newDue = (cell: Cell) => `${(cell.n % 28) + 1} March 2027`;

  const ENTRY_POINTS: EntryPoint[] = [
    {
      name: "/action (the New action form)",
      run: command("/action", () => ""),
      allowed: /^form:.*New action/,
      classify: (words, cell) =>
        cell.role === "outsider" ? formWithoutBoard(words) : formHasBoard(words) ? "A" : undefined,
    },
    {
      name: "/action add <text> #BOARD",
      run: command("/action", (cell) => `add Brief the panel on the ${SECRET_WORD} audit ${cell.n} #${board.code}`),
      allowed: /[A-Z]+-\d+ logged/,
      isDone: async (cell) =>
        (await db().action.count({
          where: { boardId: board.id, text: `Brief the panel on the ${SECRET_WORD} audit ${cell.n}` },
        })) === 1,
    },
    {
      name: "/action list open #BOARD",
      prepare: freshAction,
      run: command("/action", () => `list open #${board.code}`),
      allowed: new RegExp(`Open actions · #[A-Z]+.*${SECRET_WORD}`),
    },
    {
      name: "/action show <REF>",
      prepare: freshAction,
      run: command("/action", (c) => `show ${c.action!.reference}`),
      allowed: /History/,
    },
    {
      name: "/action done <REF>",
      prepare: freshAction,
      run: command("/action", (c) => `done ${c.action!.reference}`),
      allowed: /marked done by/,
      isDone: async (c) => (await actionRow(c)).status === "done",
    },
    {
      name: "/action update <REF> <note>",
      prepare: freshAction,
      run: command("/action", (c) => `update ${c.action!.reference} Chased the auditors`),
      allowed: /Update recorded on/,
      isDone: async (c) => (await lastEvent(c))?.note === "Chased the auditors",
    },
    {
      name: "/action due <REF> <date>",
      prepare: freshAction,
      run: command("/action", (c) => `due ${c.action!.reference} end of March 2027`),
      allowed: /is now due/,
      isDone: async (c) => (await actionRow(c)).dueText === "end of March 2027",
    },
    {
      name: "/action assign <REF> @user",
      prepare: freshAction,
      run: command("/action", (c) => `assign ${c.action!.reference} <@U0NEWOWNER>`),
      allowed: /now belongs to/,
      isDone: async (c) => (await actionRow(c)).owners.some((o) => o.slackUserId === "U0NEWOWNER"),
    },
    {
      name: "/action drop <REF> <reason>",
      prepare: freshAction,
      run: command("/action", (c) => `drop ${c.action!.reference} Overtaken`),
      allowed: /dropped by/,
      isDone: async (c) => (await actionRow(c)).status === "dropped",
    },
    {
      name: "/action reopen <REF>",
      prepare: (c) => freshAction(c, { isDone: true }),
      run: command("/action", (c) => `reopen ${c.action!.reference}`),
      allowed: /open again/,
      isDone: async (c) => (await actionRow(c)).status === "open",
    },
    {
      name: "/meeting next",
      run: command("/meeting", (c) => `next${named(c)}`),
      allowed: /[A-Z]+ (next meets|has no meeting scheduled)/,
    },
    {
      name: "/meeting list",
      run: command("/meeting", (c) => `list${named(c)}`),
      allowed: /[A-Z]+ · upcoming meetings/,
    },
    {
      name: "/meeting schedule <when>",
      prepare: async (c) => {
        const day = freshDay();
        c.day = day.iso;
        c.toDay = day.words;
      },
      run: command("/meeting", (c) => `schedule${named(c)} ${c.toDay} 15:00 at City Hall`),
      allowed: /[A-Z]+ meeting scheduled/,
      isDone: async (c) => (await meetingStatus(c.day!)) === "scheduled",
    },
    {
      name: "/meeting move <day> to <when>",
      prepare: async (c) => {
        const from = freshDay();
        const to = freshDay();
        await meetingOn(from.iso);
        c.day = from.iso;
        c.toDay = `${from.words} to ${to.words} 15:00`;
      },
      run: command("/meeting", (c) => `move${named(c)} ${c.toDay}`),
      allowed: /moved to/,
      isDone: async (c) => (await meetingStatus(c.day!)) === undefined,
    },
    {
      name: "/meeting cancel <day>",
      prepare: async (c) => {
        const day = freshDay();
        await meetingOn(day.iso);
        c.day = day.iso;
        c.toDay = day.words;
      },
      run: command("/meeting", (c) => `cancel${named(c)} ${c.toDay}`),
      allowed: /cancelled/,
      isDone: async (c) => (await meetingStatus(c.day!)) === "cancelled",
    },
    {
      name: "/meeting close",
      // Each cell's meeting is later than the last: close takes the latest still open.
      prepare: async (c) => {
        const startsAt = new Date(Date.UTC(2026, 10, 2, c.n % 24, 0));
        startsAt.setUTCDate(2 + Math.floor(c.n / 24));
        await db().meeting.create({ data: { workspaceId, boardId: board.id, startsAt } });
        c.day = startsAt.toISOString();
      },
      run: command("/meeting", (c) => `close${named(c)}`),
      allowed: /closed/,
      isDone: async (c) =>
        (await db().meeting.findFirst({ where: { boardId: board.id, startsAt: new Date(c.day!) } }))?.status === "held",
    },
    { name: "/board", run: command("/board", (c) => named(c).trim()), allowed: /Chair <@U0[A-Z]+> · Secretary/ },
    {
      name: "/board settings",
      run: command("/board", (c) => `settings${named(c)}`),
      allowed: /^form:.*[A-Z]+ settings/,
    },
    {
      name: "/board export",
      prepare: freshAction,
      run: command("/board", (c) => `export csv${named(c)}`),
      allowed: /action log \(.*\) is in <#/,
    },
    {
      name: "/board create (in the board's channel)",
      run: command(
        "/board",
        () => "create NEWBOARD Another panel",
        () => board.channel,
      ),
      allowed: /created; this is its channel/,
    },
    { name: "/minutes", run: command("/minutes", (c) => named(c).trim()), allowed: /^form:.*Import minutes/ },
    {
      name: "button action.done",
      prepare: freshAction,
      run: press(ACTION_BUTTONS.done, (c) => c.action!.id),
      allowed: /marked done by/,
      isDone: async (c) => (await actionRow(c)).status === "done",
    },
    {
      name: "button action.undo",
      prepare: freshAction,
      // The Undo on the creator's confirmation: the action id and the version it undoes.
      run: press(ACTION_BUTTONS.undo, (c) => undoValue(c.action!.id, c.action!.version)),
      allowed: /withdrawn/,
      isDone: async (c) => (await actionRow(c)).status === "dropped",
    },
    {
      name: "button action.open",
      prepare: freshAction,
      run: press(ACTION_BUTTONS.open, (c) => c.action!.id),
      allowed: /^form:.*History/,
    },
    {
      name: "button action.edit",
      prepare: freshAction,
      run: press(ACTION_BUTTONS.edit, (c) => c.action!.id),
      allowed: /^form:.*Edit action/,
    },
    {
      name: "button action.snooze (Home tab)",
      prepare: freshAction,
      run: press(ACTION_BUTTONS.snooze, (c) => c.action!.id, "home"),
      allowed: /Snoozed by/,
      isDone: async (c) => (await db().reminder.count({ where: { actionId: c.action!.id, kind: "snooze" } })) === 1,
    },
    {
      name: "button action.list_more",
      prepare: freshAction,
      run: press(ACTION_BUTTONS.more, () => JSON.stringify({ f: "board", b: board.id, o: 0 })),
      allowed: new RegExp(SECRET_WORD),
    },
    {
      name: "button reminder.done",
      prepare: freshAction,
      run: press(REMINDER_BUTTONS.done, (c) => c.reminderId!),
      allowed: /Marked done by/,
      isDone: async (c) => (await actionRow(c)).status === "done",
    },
    {
      name: "button reminder.snooze_day",
      prepare: freshAction,
      run: press(REMINDER_BUTTONS.snoozeDay, (c) => c.reminderId!),
      allowed: /Snoozed by/,
      isDone: async (c) => (await db().reminder.count({ where: { actionId: c.action!.id, kind: "snooze" } })) === 1,
    },
    {
      name: "button reminder.snooze_week",
      prepare: freshAction,
      run: press(REMINDER_BUTTONS.snoozeWeek, (c) => c.reminderId!),
      allowed: /Snoozed by/,
      isDone: async (c) => (await db().reminder.count({ where: { actionId: c.action!.id, kind: "snooze" } })) === 1,
    },
    {
      name: "button reminder.new_date",
      prepare: freshAction,
      run: press(REMINDER_BUTTONS.newDate, (c) => c.reminderId!),
      allowed: /^form:.*New date/,
    },
    ...(["approve", "decline"] as const).map((verb): EntryPoint => ({
      name: `button extension.${verb}`,
      prepare: async (c) => {
        await freshAction(c);
        const due = {
          dueAt: new Date("2027-03-31T00:00:00Z"),
          duePrecision: "day" as const,
          dueText: null,
          dueMeetingId: null,
        };
        c.requestId = (
          await requestExtension(db(), {
            workspaceId,
            actionId: c.action!.id,
            slackUserId: board.owner,
            due,
            reason: "Auditors late",
            now: now(),
          })
        ).id;
      },
      run: press(NEW_DATE[verb], (c) => c.requestId!),
      allowed: new RegExp(`New date ${verb}d by`),
      isDone: async (c) =>
        (await db().extensionRequest.findUniqueOrThrow({ where: { id: c.requestId! } })).status === `${verb}d`,
    })),
    {
      name: "button reminder.post_update",
      prepare: freshAction,
      run: press(MEETING_BUTTONS.postUpdate, (c) => postUpdateValue(board.mattersArisingId, c.action!.id)),
      allowed: /^form:.*Post update/,
    },
    {
      name: "button minutes.review",
      prepare: freshImport,
      run: press(IMPORT_BUTTONS.review, (c) => c.importId!),
      allowed: /^form:.*Check the minutes/,
      // Opening the review keeps it on the import (owners matched), so paging and reopening find it as left.
      isDone: async (c) => (await db().minutesImport.findUniqueOrThrow({ where: { id: c.importId! } })).review !== null,
    },
    {
      name: "button minutes.import_file",
      prepare: async (c) => fileFor(c),
      // The offer is in the board's channel (to an outsider of a private one, a forged press).
      run: press(
        IMPORT_BUTTONS.importFile,
        (c) => `F0M${c.n}`,
        "message",
        () => board.channel,
      ),
      allowed: /Reading minutes-\d+\.txt/,
      isDone: fileImported,
    },
    {
      name: "form action.modal (new)",
      run: submit(
        ACTION_MODAL.callbackId,
        (c) => ({ mode: "new", channelId: channelOf(c) }),
        (c) => ({
          [ACTION_MODAL.text]: field(`Check the ${SECRET_WORD} ledger ${c.n}`),
          [ACTION_MODAL.board]: { value: { type: "static_select", selected_option: { value: board.id } } },
        }),
      ),
      allowed: /[A-Z]+-\d+ logged/,
      isDone: async (c) =>
        (await db().action.count({ where: { boardId: board.id, text: `Check the ${SECRET_WORD} ledger ${c.n}` } })) ===
        1,
    },
    {
      name: "form action.modal (edit)",
      prepare: freshAction,
      run: submit(
        ACTION_MODAL.callbackId,
        (c) => ({ mode: "edit", actionId: c.action!.id, version: c.action!.version, channelId: channelOf(c) }),
        (c) => ({
          [ACTION_MODAL.text]: field(`Review the ${SECRET_WORD} payments, case ${c.n}, again`),
          [ACTION_MODAL.ownerUsers]: { value: { type: "multi_users_select", selected_users: [board.owner] } },
          [ACTION_MODAL.dueDate]: { value: { type: "datepicker", selected_date: "2027-02-15" } },
        }),
      ),
      allowed: /[A-Z]+-\d+ saved/,
      isDone: async (c) => (await actionRow(c)).text.endsWith("again"),
    },
    {
      name: "form board.settings",
      run: submit(
        BOARD_SETTINGS.callbackId,
        (c) => ({ boardId: board.id, channelId: channelOf(c) }),
        (c) => {
          const F = BOARD_SETTINGS.fields;
          const approve = { value: "yes", text: { type: "plain_text", text: "yes" } };
          return {
            [F.chair]: { value: { selected_user: board.chair } },
            [F.secretary]: { value: { selected_user: board.secretary } },
            [F.timeZone]: { value: { selected_option: { value: "Europe/London" } } },
            [F.holidayRegion]: { value: { selected_option: { value: "england-and-wales" } } },
            [F.location]: field(`Room ${c.n}`),
            [F.approval]: { value: { selected_options: [approve] } },
          };
        },
      ),
      allowed: /[A-Z]+ settings saved/,
      isDone: async (c) =>
        (await db().board.findUniqueOrThrow({ where: { id: board.id } })).defaultLocation === `Room ${c.n}`,
    },
    {
      name: "form reminder.new_date_form",
      prepare: freshAction,
      run: submit(
        NEW_DATE.callbackId,
        (c) => ({ actionId: c.action!.id, channelId: `D${c.user.slice(1)}` }),
        (c) => ({ [NEW_DATE.phrase]: field(newDue(c)), [NEW_DATE.reason]: field("Auditors late") }),
      ),
      // The chair and secretary move it; anyone else who may change it asks them.
      allowed: /is now due|to approve moving/,
      isDone: async (c) =>
        (await actionRow(c)).dueText === newDue(c) ||
        (await db().extensionRequest.count({
          where: { actionId: c.action!.id, requestedBySlackUserId: c.user, status: "pending" },
        })) === 1,
    },
    {
      name: "form reminder.post_update_form",
      prepare: freshAction,
      run: submit(
        POST_UPDATE.callbackId,
        (c) => ({ reminderId: board.mattersArisingId, actionId: c.action!.id }),
        () => ({ [POST_UPDATE.note]: field("Auditors chased") }),
      ),
      allowed: /Update posted on/,
      isDone: async (c) => (await lastEvent(c))?.note === "Auditors chased",
    },
    {
      name: "form minutes.paste",
      run: submit(
        MINUTES_MODALS.paste,
        (c) => ({ boardId: board.id, channelId: channelOf(c) }),
        (c) => ({ [MINUTES_MODALS.text]: field(minutesText(300 + c.n)) }),
      ),
      allowed: /^update:.*Check the minutes/,
      isDone: async (c) =>
        (await db().minutesImport.count({ where: { boardId: board.id, sourceText: minutesText(300 + c.n) } })) === 1,
    },
    {
      name: "form minutes.preview",
      prepare: freshImport,
      run: submit(
        MINUTES_MODALS.preview,
        (c) => ({ importId: c.importId!, channelId: channelOf(c) }),
        () => ({}),
      ),
      allowed: /Minutes imported for [A-Z]+/,
      isDone: async (c) =>
        (await db().minutesImport.findUniqueOrThrow({ where: { id: c.importId! } })).status === "confirmed",
    },
    {
      name: "shortcut log_as_action",
      run: shortcut(MESSAGE_SHORTCUTS[0].callbackId),
      allowed: /^form:.*New action/,
      classify: (words, cell) =>
        cell.role === "outsider" ? formWithoutBoard(words) : formHasBoard(words) ? "A" : undefined,
    },
    {
      name: "shortcut import_minutes",
      prepare: async (c) => fileFor(c),
      run: shortcut(MESSAGE_SHORTCUTS[1].callbackId, (c) => [{ id: `F0M${c.n}`, name: c.fileName }]),
      allowed: /Reading minutes-\d+\.txt/,
      isDone: fileImported,
    },
  ];

  /** Everything a refusal could have touched, as one comparable value (a hash of every row of every table it could write). */
  async function snapshot(): Promise<string> {
    const tables = [
      "Board",
      "Meeting",
      "MinuteItem",
      "Attendee",
      "Decision",
      "Action",
      "ActionOwner",
      "ActionEvent",
      "Reminder",
      "ExtensionRequest",
      "MinutesImport",
    ];
    const [row] = await db().$queryRawUnsafe<Array<{ hash: string }>>(
      `SELECT md5(${tables.map((t) => `coalesce((SELECT string_agg(md5(t::text), '' ORDER BY md5(t::text)) FROM "${t}" t), '')`).join(" || ")}) AS hash`,
    );
    return row!.hash;
  }

  /**
   * Runs each entry point as each role against `board`, each cell from fresh state;
   * returns the table of outcomes and every check that failed on the way.
   */
  async function runTable(
    roles: readonly Role[],
    expected: Map<string, Record<Role, Outcome>>,
    run: (entry: EntryPoint, cell: Cell) => Promise<string> = (entry, cell) => entry.run(cell),
  ) {
    const actual = new Map<string, Record<Role, Outcome>>();
    const problems: string[] = [];
    for (const entry of ENTRY_POINTS) {
      const row = {} as Record<Role, Outcome>;
      for (const role of roles) {
        if (expected.get(entry.name)?.[role] === "-") {
          row[role] = "-";
          continue;
        }
        const cell: Cell = { role, user: USER[role], n: ++counter };
        await entry.prepare?.(cell);
        const before = await snapshot();
        const words = await run(entry, cell).catch((error: Error) => `! ${error.message}`);
        const outcome = classify(entry, words, cell);
        row[role] = outcome;
        const where = `${entry.name} as ${role} on ${board.code}`;
        if (outcome === "A") {
          if (entry.isDone && !(await entry.isDone(cell)))
            problems.push(`${where}: allowed, but the change is not in the database`);
          if (!entry.isDone && (await snapshot()) !== before) problems.push(`${where}: a read changed the database`);
        } else if ((await snapshot()) !== before) {
          problems.push(`${where}: ${outcome}, but the database changed`);
        }
        // A command echoes what was typed (a reference, #PRIV); anything else names nothing private.
        const isEcho = entry.name.startsWith("/");
        if (
          board.isPrivate &&
          role === "outsider" &&
          (words.includes(board.name) ||
            words.includes(SECRET_WORD) ||
            (!isEcho && new RegExp(`\\b${board.code}\\b`).test(words)))
        ) {
          problems.push(`${where}: the outsider was shown something of the private board: ${words.slice(0, 200)}`);
        }
      }
      actual.set(entry.name, row);
      // Each row starts from a board with few actions (saving the settings re-plans every one).
      await db().action.deleteMany({ where: { boardId: board.id } });
    }
    return { actual, problems };
  }

  it("matches the table for every entry point and every role on a private board, and a refusal changes nothing", async () => {
    const expected = parseMatrix(MATRIX);
    expect([...expected.keys()]).toEqual(ENTRY_POINTS.map((e) => e.name));
    board = priv;
    const { actual, problems } = await runTable(ROLES, expected);
    expect(renderMatrix(actual)).toBe(renderMatrix(expected));
    expect(problems).toEqual([]);
  }, 90_000);

  it("refuses a member the values of another board they have no role on, as the table's member column says, and shows a public board to people outside its channel", async () => {
    // The same buttons and forms, carrying PUB's action, reminder, request, import and
    // board ids: to a member of PRIV with no role on PUB they are someone else's. PUB is
    // public, so the outsider (not in its channel either) is treated as a member.
    board = pub;
    const member = parseMatrix(MATRIX);
    const expected = new Map(
      [...member].map(([name, row]) => [
        name,
        { member: row.member, outsider: row.member === "-" ? "-" : row.member } as Record<Role, Outcome>,
      ]),
    );
    const { actual, problems } = await runTable(["member", "outsider"], expected);
    expect(renderMatrix(actual, ["member", "outsider"])).toBe(renderMatrix(expected, ["member", "outsider"]));
    expect(problems).toEqual([]);
  }, 60_000);

  it("answers made-up ids in buttons and forms as gone, without an error or a change", async () => {
    board = priv;
    const takesIds = ENTRY_POINTS.filter(
      (e) =>
        /^(button|form) /.test(e.name) && !/\(new\)|board\.settings|minutes\.paste|import_file|list_more/.test(e.name),
    );
    const errorsBefore = app.logs.records().filter((r) => Number(r.level) >= 50).length;
    const seen: string[] = [];
    for (const value of ["not-an-id", "00000000-0000-4000-8000-000000000000"]) {
      for (const entry of takesIds) {
        const cell: Cell = {
          role: "member",
          user: USER.member,
          n: ++counter,
          action: { id: value, reference: "PRIV-999", version: 1 },
          reminderId: value,
          requestId: value,
          importId: value,
        };
        const before = await snapshot();
        const words = await entry.run(cell).catch((error: Error) => `! ${error.message}`);
        seen.push(
          `${entry.name} ${value.length > 10 ? "(unknown uuid)" : "(not an id)"}: ${classify(entry, words, cell)}${(await snapshot()) === before ? "" : " (database changed)"}`,
        );
      }
    }
    expect(seen.filter((line) => !line.endsWith(": H"))).toEqual([]);
    expect(
      app.logs
        .records()
        .filter((r) => Number(r.level) >= 50)
        .slice(errorsBefore),
    ).toEqual([]);
  });

  it("keeps a private board from a workspace admin outside its channel, and its code out of the list of boards", async () => {
    board = priv;
    const cell: Cell = { role: "admin", user: "U0ADMIN2", n: ++counter };
    app.fake.addUser({ id: cell.user, name: "other-admin", isAdmin: true });
    await freshAction(cell);
    const show = await (
      await app.slack.command("/action", `show ${cell.action!.reference}`, { userId: cell.user, channelId: ELSEWHERE })
    ).reply();
    expect(String(show.text)).toContain(`There is no action ${cell.action!.reference}`);
    const done = await (
      await app.slack.command("/action", `done ${cell.action!.reference}`, { userId: cell.user, channelId: ELSEWHERE })
    ).reply();
    expect(String(done.text)).toContain(`There is no action ${cell.action!.reference}`);
    expect((await actionRow(cell)).status).toBe("open");
    // A board code that does not exist is answered with the boards there are: the public ones.
    const unknown = await (
      await app.slack.command("/action", "add Something #NOPE", { userId: USER.outsider, channelId: ELSEWHERE })
    ).reply();
    expect(String(unknown.text)).toContain("There is no board #NOPE");
    expect(String(unknown.text)).toContain("#PUB");
    expect(String(unknown.text)).not.toContain("PRIV");
  });

  it("lets only those who may change an action owned by bodies outside Slack snooze its reminders to the channel", async () => {
    board = pub;
    const { action } = await createAction({
      db: db(),
      workspaceId,
      board,
      text: "Publish the response",
      owners: [{ bodyName: "London Councils" }],
      due: { dueAt: new Date("2027-02-15T00:00:00Z"), duePrecision: "day", dueText: null, dueMeetingId: null },
      createdBySlackUserId: pub.creator,
      now: now(),
    });
    const reminder = await db().reminder.findFirstOrThrow({
      where: { actionId: action.id, recipient: `channel:${PUBLIC_CHANNEL}` },
    });
    const snooze = (userId: string) =>
      app.slack
        .button({ actionId: REMINDER_BUTTONS.snoozeDay, value: reminder.id, userId, channelId: PUBLIC_CHANNEL })
        .then((sent) => sent.reply());
    const before = await snapshot();
    expect(String((await snooze(USER.member)).text)).toContain(`Only ${action.reference}'s owners`);
    expect(await snapshot()).toBe(before);
    expect(String((await snooze(pub.secretary)).text)).toContain("Snoozed by");
    expect(await db().reminder.count({ where: { actionId: action.id, kind: "snooze" } })).toBe(1);
  });
});
