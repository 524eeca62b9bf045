// The local console: the real Minutebook (Bolt app, listeners, queues, workers,
// sweeps, PostgreSQL, Redis) with a terminal standing in for Slack. What a person
// types becomes the signed requests Slack would send; what the app sends to the
// local Slack Web API server is printed. `npm start` runs it when no Slack app's
// credentials are configured outside production.
import { randomBytes, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { DateTime } from "luxon";
import pino from "pino";
import { renderSampleDocument, seedSampleData } from "../../seeds/sample-data";
import { isAppError } from "../errors";
import { DOCUMENT_TYPES } from "../minutes/read-document";
import { loadConfig, secretsOf, type Config } from "../config";
import { SlackRequests, type SentRequest } from "../local-slack/requests";
import { LocalSlack, type RecordedCall } from "../local-slack/server";
import { createLogger } from "../logger";
import { startRuntime, type Runtime } from "../runtime";
import { SLASH_COMMANDS } from "../slack/surface";
import { plainWordsFor } from "../slack/views/problems";
import { readMarkdown } from "../slack/views/render-text";
import { advanceClock, queueReminderJobsAfterRestart, setAsideReminderJobs } from "./advance-clock";
import { CONSOLE_DATABASE_URL, CONSOLE_LOG_FILE, CONSOLE_REDIS_KEY_PREFIX } from "./console-mode";
import { runningClock, type RunningClock } from "./clock";
import { ConsoleForm } from "./form";
import { keepChannels, keepClock, readKeptState } from "./kept-state";
import { CONSOLE_TEAM_ID, ConsoleWorkspace, FIRST_CHANNEL, FIRST_USER } from "./people";
import {
  buttonsIn,
  framed,
  headingOf,
  renderMessage,
  renderNumbered,
  type ReplyContext,
  type ShownButton,
  type ShownMessage,
} from "./printer";
import { LOADING_CALLBACK_ID } from "../slack/open-form";

type Json = Record<string, unknown>;
type Env = Readonly<Record<string, string | undefined>>;

export const CONSOLE_HELP = `Type what you would type in Slack, for example
  /action add Draft the CONTEST terms @jo by end of May
  /action list overdue        /meeting next        /minutes        /action help
and these, which stand in for clicking around Slack:
  :as @name      be someone else (:people lists who is here)
  :in #channel   go to a channel (:channels lists them; a new name makes one)
  :press N       press button N of the last message you can see here or in your DMs
                 (or of the open form); :press m7 N presses one on message m7
  :clock +7d     move the clock on (+30m, +6h, +2w) so reminders due by then fire now
  :file PATH     share a file here (minutes as .txt, .md, .docx or .pdf)
  :home          open your Minutebook Home tab
  :samples       load the sample boards      :help   this      :quit   leave
In a form: "N text" fills field N, :submit sends it, :cancel closes it.`;

const CLOCK_STEP = /^\+(\d+)\s*(m|min|minutes?|h|hours?|d|days?|w|weeks?)$/i;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Something on screen with buttons: a message, the open form or a Home tab. */
interface Pressable {
  tag: number;
  buttons: ShownButton[];
  message?: ShownMessage;
  /** An ephemeral message: only this person sees it. */
  visibleTo?: string;
  form?: ConsoleForm;
  homeUser?: string;
}

export interface ConsoleOptions {
  env: Env;
  input: Readable;
  output: Writable;
  /** Prompts are redrawn around output only on a terminal. */
  isTerminal: boolean;
}

export class LocalConsole {
  private user = FIRST_USER;
  private channelId = FIRST_CHANNEL;
  private forms: ConsoleForm[] = [];
  /** Everything shown with buttons, oldest first; each has a tag (m1, m2, …) for `:press mK N`. */
  private pressables: Pressable[] = [];
  private readonly replies = new Map<string, ReplyContext>();
  private readonly homes = new Map<string, Json>();
  private homeWanted: string | undefined;
  private pasting: { field: number; lines: string[] } | undefined;
  private lastCallAt = 0;
  /** The last line sent something to the app, whose answers are worth waiting for. */
  private isWaitingForApp = false;
  /** A prompt is on the last line of the output (when it is not a terminal). */
  private isAfterPrompt = false;
  private rl: Interface | undefined;
  private closed = false;
  private stopping: Promise<void> | undefined;
  /** What stopping kept for next time: the clock's reading, or why it could not. */
  private kept: { at: Date } | { problem: string } | undefined;

  private constructor(
    private readonly options: ConsoleOptions,
    private readonly slack: LocalSlack,
    private readonly workspace: ConsoleWorkspace,
    private readonly runtime: Runtime,
    private readonly requests: SlackRequests,
    private readonly clock: RunningClock,
    private readonly config: Config,
  ) {
    slack.onCall((call) => this.onCall(call));
  }

  static async start(options: ConsoleOptions): Promise<LocalConsole> {
    const { env } = options;
    const clock = runningClock(new Date().toISOString());
    const botToken = `xoxb-local-${randomBytes(12).toString("hex")}`;
    const signingSecret = randomBytes(16).toString("hex");
    const slack = await LocalSlack.start({ botToken, now: clock, teamId: CONSOLE_TEAM_ID, botUserId: "U0MINUTEBOOK" });
    const workspace = new ConsoleWorkspace(slack);
    let runtime: Runtime | undefined;
    try {
      const config = loadConfig({
        ...env,
        SLACK_BOT_TOKEN: botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: slack.apiUrl,
        DATABASE_URL: env.DATABASE_URL || CONSOLE_DATABASE_URL,
        REDIS_KEY_PREFIX: env.REDIS_KEY_PREFIX || CONSOLE_REDIS_KEY_PREFIX,
        PORT: env.PORT || "0",
        ROLE: "all",
      });
      const logFile = path.resolve(env.CONSOLE_LOG_FILE || CONSOLE_LOG_FILE);
      const logger = createLogger({
        level: config.logLevel,
        secrets: secretsOf(config),
        scrubSlackTokens: true,
        destination: pino.destination({ dest: logFile, sync: false }),
      });
      runtime = await startRuntime({ config, logger, now: clock });
      // The console's own time and channels carry on from the last run (read as soon as the database is ready).
      const kept = await readKeptState(runtime.db);
      if (kept.clockAt) clock.set(kept.clockAt.toISOString());
      workspace.restoreChannels(kept.channels);
      await queueReminderJobsAfterRestart(runtime, clock());
      const requests = new SlackRequests({ appUrl: `http://127.0.0.1:${runtime.port}`, signingSecret, fake: slack });
      const started = new LocalConsole(options, slack, workspace, runtime, requests, clock, config);
      started.write(
        `Database ${new URL(config.databaseUrl).pathname.slice(1)}, Redis keys ${config.redisKeyPrefix}:*, the app's log in ${logFile}.`,
      );
      if (kept.clockAt)
        started.write(
          `The console's clock carries on from where it was left: ${started.clockWords()} (${config.defaultTimeZone}).`,
        );
      if (kept.channels.length > 0)
        started.write(`Channels made here before: ${kept.channels.map((c) => `#${c.name}`).join(" ")}.`);
      return started;
    } catch (error) {
      await runtime?.stop();
      await slack.stop();
      throw error;
    }
  }

  /** Reads lines until :quit or the end of input, then stops the app. */
  async run(): Promise<void> {
    const rl = createInterface({
      input: this.options.input,
      output: this.options.isTerminal ? this.options.output : undefined,
      terminal: this.options.isTerminal,
    });
    this.rl = rl;
    const lines = rl[Symbol.asyncIterator]();
    const next = async (): Promise<string | undefined> => {
      const result = await lines.next();
      return result.done ? undefined : String(result.value);
    };
    rl.on("SIGINT", () => rl.close());
    try {
      if (!(await this.hasBoards())) {
        this.prompt(
          "This workspace has no boards yet. Load the sample boards, meetings and actions (dated around today)? [Y/n] ",
        );
        const answer = await next();
        if (answer === undefined) return;
        if (!/^n/i.test(answer.trim())) await this.loadSamples();
      }
      this.write(`\n${CONSOLE_HELP}\n`);
      for (;;) {
        this.prompt(this.promptText());
        const line = await next();
        if (line === undefined || this.closed) break;
        try {
          await this.handle(line);
        } catch (error) {
          this.write(`That did not work: ${this.problemWords(error)}`);
        }
        if (this.closed) break;
        if (this.isWaitingForApp) await this.settle();
        this.isWaitingForApp = false;
      }
    } finally {
      rl.close();
      this.rl = undefined;
      await this.stop();
      const kept = this.kept;
      this.write(
        kept && "at" in kept
          ? `Bye: the console's clock (${this.clockWords(kept.at)}) and channels are kept for next time.`
          : `Bye. The console's clock could not be kept (${kept?.problem ?? "it was not saved"}); next time it starts at the real date.`,
      );
    }
  }

  /** What went wrong, as Slack would say it when it is the person's problem (an AppError). */
  private problemWords(error: unknown): string {
    if (isAppError(error))
      return readMarkdown(plainWordsFor(error.problem), { userName: (id) => this.workspace.nameOf(id) });
    return error instanceof Error ? error.message : String(error);
  }

  /** Keeps the clock for next time, then stops the app; once, however many times it is asked (:quit, then SIGTERM). */
  async stop(): Promise<void> {
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<void> {
    this.closed = true;
    try {
      const at = this.clock();
      await keepClock(this.runtime.db, at);
      this.kept = { at };
      await setAsideReminderJobs(this.runtime);
    } catch (error) {
      this.kept ??= { problem: error instanceof Error ? error.message : String(error) };
    }
    await this.runtime.stop();
    await this.slack.stop();
    this.slack.assertNoViolations();
  }

  private async hasBoards(): Promise<boolean> {
    return (await this.runtime.db.board.count({ where: { workspace: { slackTeamId: CONSOLE_TEAM_ID } } })) > 0;
  }

  private async loadSamples(): Promise<void> {
    const summary = await seedSampleData(this.runtime.db, { slackTeamId: CONSOLE_TEAM_ID, now: this.clock() });
    await this.runtime.reminderJobs.apply(summary.reminders);
    const boards = summary.boards.map(
      (b) => `${b.code} (${b.isImported ? `${b.actions} actions from its minutes` : "already loaded"})`,
    );
    this.write(`Sample boards: ${boards.join(", ")}; ${summary.reminders.scheduled.length} reminders planned.`);
    this.write(
      `Their channels: ${this.slack.conversations.map((c) => `#${c.name}`).join(" ")}. You are @${this.workspace.nameOf(this.user)} in #${this.workspace.channel(this.channelId)?.name}.`,
    );
  }

  private promptText(): string {
    if (this.pasting) return "";
    const form = this.forms.at(-1);
    if (form) return `form "${form.title}" > `;
    return `@${this.workspace.nameOf(this.user)} in ${this.workspace.placeOf(this.channelId)} · ${this.appTime()} > `;
  }

  private async handle(raw: string): Promise<void> {
    if (this.pasting) return this.paste(raw);
    const line = raw.trim();
    if (!line) return;
    const form = this.forms.at(-1);
    const fieldAnswer = /^(\d+)(?:\s+([\s\S]*))?$/.exec(line);
    if (form && fieldAnswer) return this.fill(form, Number(fieldAnswer[1]), fieldAnswer[2] ?? "");
    if (line.startsWith("/")) return this.command(line);
    if (!line.startsWith(":")) {
      this.write(
        form
          ? 'In a form, type "N text" to fill field N, then :submit (or :cancel).'
          : "Type a slash command, such as /action help, or :help for what the console understands.",
      );
      return;
    }
    const [word = "", ...rest] = line.slice(1).split(/\s+/);
    const argument = rest.join(" ");
    switch (word.toLowerCase()) {
      case "help":
        return this.write(CONSOLE_HELP);
      case "quit":
      case "exit":
      case "q":
        this.closed = true;
        return;
      case "as":
        return this.switchUser(argument);
      case "in":
        return this.switchChannel(argument);
      case "press":
        return this.press(argument);
      case "clock":
        return this.moveClock(argument);
      case "file":
        return this.shareFile(argument);
      case "home":
        return this.openHome();
      case "submit":
        return form ? this.submit(form) : this.write("No form is open.");
      case "cancel":
      case "close":
        if (!form) return this.write("No form is open.");
        this.forms.pop();
        return this.write(`Closed the form "${form.title}"; nothing was sent.`);
      case "people":
        return this.write(
          this.slack.people
            .map((p) => `@${p.name}  ${p.realName ?? ""}${p.isAdmin ? " (workspace admin)" : ""}`)
            .join("\n"),
        );
      case "channels":
        return this.write(this.slack.conversations.map((c) => `#${c.name}`).join("  "));
      case "samples":
        return this.loadSamples();
      default:
        return this.write(`":${word}" is not something the console knows. ${CONSOLE_HELP.split("\n")[0]}, or :help.`);
    }
  }

  private async command(line: string): Promise<void> {
    const name = line.split(/\s+/)[0] ?? "";
    if (!SLASH_COMMANDS.some((c) => c.command === name)) {
      return this.write(
        `${name} is not a valid command. Minutebook's are ${SLASH_COMMANDS.map((c) => c.command).join(", ")}.`,
      );
    }
    if (this.forms.length > 0) {
      this.forms = [];
      this.write("(the open form is closed, as Slack closes it when you go back to the message box)");
    }
    const text = this.workspace.escape(line.slice(name.length).trim());
    const channel = this.workspace.channel(this.channelId);
    this.isWaitingForApp = true;
    const sent = await this.requests.command(name, text, {
      userId: this.user,
      userName: this.workspace.nameOf(this.user),
      channelId: this.channelId,
      channelName: channel?.name ?? "directmessage",
    });
    this.remember(sent, { userId: this.user, channelId: this.channelId });
    this.showAck(sent, { userId: this.user, channelId: this.channelId });
  }

  /** Remembers whose request a response_url belongs to, so its replies are shown to the right person. */
  private remember(sent: SentRequest, reply: ReplyContext): void {
    this.replies.set(new URL(sent.responseUrl).pathname, reply);
  }

  private showAck(sent: SentRequest, reply: ReplyContext): void {
    if (sent.status !== 200) {
      this.write(`The app answered HTTP ${sent.status}: ${sent.text.slice(0, 300)}`);
      return;
    }
    const body = sent.json;
    if (body && (body.text !== undefined || body.blocks !== undefined)) {
      this.slack.checkMessage("http_response", body);
      this.showMessage(
        `only @${this.workspace.nameOf(reply.userId)} sees this, in ${this.workspace.placeOf(reply.channelId)}`,
        body,
        { channelId: reply.channelId, ts: sent.responseUrl, isEphemeral: true },
        reply.userId,
      );
    }
  }

  private showMessage(
    heading: string,
    payload: Json,
    where: Omit<ShownMessage, "text" | "blocks">,
    visibleTo?: string,
  ): void {
    const blocks = (payload.blocks as Json[] | undefined) ?? [];
    const buttons = buttonsIn(blocks);
    if (buttons.length === 0) {
      this.write(framed(heading, renderMessage(payload, this.workspace)));
      return;
    }
    // A message updated in place keeps its tag.
    const earlier = this.pressables.find((p) => p.message?.channelId === where.channelId && p.message.ts === where.ts);
    const pressable = this.addPressable({
      tag: earlier?.tag ?? 0,
      buttons,
      message: { ...where, text: String(payload.text ?? ""), blocks },
      ...(visibleTo ? { visibleTo } : {}),
    });
    this.write(framed(`${heading} · m${pressable.tag}`, renderMessage(payload, this.workspace)));
  }

  /** Keeps the newest of each tag, last; a tag of 0 takes the next number. */
  private addPressable(pressable: Pressable): Pressable {
    const tagged = {
      ...pressable,
      tag: pressable.tag || this.pressables.reduce((max, p) => Math.max(max, p.tag), 0) + 1,
    };
    this.pressables = [...this.pressables.filter((p) => p.tag !== tagged.tag), tagged];
    return tagged;
  }

  /** Whether the person the console is being can see it from where they are: here, their DMs, their Home tab, their form. */
  private canSee(p: Pressable, anywhere = false): boolean {
    if (p.form) return this.forms.includes(p.form);
    if (p.homeUser) return p.homeUser === this.user;
    if (!p.message || (p.visibleTo && p.visibleTo !== this.user)) return false;
    const ownDm = `D${this.user.slice(1)}`;
    if (/^D/.test(p.message.channelId)) return p.message.channelId === ownDm;
    return anywhere || p.message.channelId === this.channelId;
  }

  private onCall(call: RecordedCall): void {
    this.lastCallAt = Date.now();
    if (call.status !== 200 || call.response.ok === false) {
      if (/^(chat|views)\./.test(call.method) || call.method === "response_url")
        this.write(`(Slack refused ${call.method}: ${String(call.response.error)})`);
      return;
    }
    switch (call.method) {
      case "views.open":
      case "views.push":
        return this.openForm(String((call.response.view as Json).id), call.args.view as Json);
      case "views.update":
        return this.updateForm(
          String(call.args.view_id ?? ""),
          String((call.response.view as Json).id),
          call.args.view as Json,
        );
      case "views.publish":
        return this.homePublished(String(call.args.user_id), call.args.view as Json);
      case "files.completeUploadExternal":
        return this.fileShared(call.args);
      default:
        break;
    }
    const reply = call.method === "response_url" ? this.replies.get(String(call.args.__path)) : undefined;
    const place = headingOf(call, this.workspace, reply);
    if (!place) return;
    const heading = `${place} · ${this.appTime()}`;
    if (
      call.method === "response_url" &&
      (call.args.delete_original === true || call.args.delete_original === "true")
    ) {
      this.write(framed(heading, "(the message is removed)"));
      return;
    }
    const channelId =
      call.method === "response_url"
        ? (reply?.channelId ?? this.channelId)
        : String(call.response.channel ?? call.args.channel);
    const isReplacing = call.args.replace_original === true || call.args.replace_original === "true";
    const ts = String(
      (call.method === "response_url" && isReplacing ? reply?.message?.ts : undefined) ??
        call.response.ts ??
        call.response.message_ts ??
        call.args.ts ??
        call.args.__path,
    );
    const isEphemeral =
      call.method === "chat.postEphemeral" ||
      (call.method === "response_url" && call.args.response_type !== "in_channel");
    const visibleTo =
      call.method === "chat.postEphemeral" ? String(call.args.user) : isEphemeral ? reply?.userId : undefined;
    this.showMessage(heading, call.args, { channelId, ts, isEphemeral }, visibleTo);
  }

  /** A file the app shared (an export), with its comment, as the channel shows it. */
  private fileShared(args: Json): void {
    const channel = String(args.channel_id ?? args.channels ?? "").split(",")[0] ?? "";
    const files = (Array.isArray(args.files) ? (args.files as Json[]) : []).map(
      (f) => `file: ${String(f.title ?? f.id)}`,
    );
    const comment =
      typeof args.initial_comment === "string"
        ? readMarkdown(args.initial_comment, { userName: (id) => this.workspace.nameOf(id) })
        : "";
    this.write(
      framed(
        `${this.workspace.placeOf(channel)}: Minutebook shares a file · ${this.appTime()}`,
        [comment, ...files].filter(Boolean).join("\n"),
      ),
    );
  }

  private openForm(id: string, view: Json): void {
    const form = new ConsoleForm(id, view);
    this.forms.push(form);
    // A form opens "Loading…" and is filled in a moment later (src/slack/open-form.ts): shown once, filled in.
    if (view.callback_id === LOADING_CALLBACK_ID) return;
    this.showForm(form);
  }

  private updateForm(oldId: string, newId: string, view: Json): void {
    const index = this.forms.findIndex((f) => f.id === oldId);
    const old = this.forms[index];
    if (!old) return;
    this.forms[index] = new ConsoleForm(newId, view, old.keptValues());
    if (index === this.forms.length - 1) this.showForm(this.forms[index]!);
  }

  private showForm(form: ConsoleForm): void {
    const body = form.render({ header: (text) => text, userName: (id) => this.workspace.nameOf(id) }, (id) =>
      this.workspace.nameOf(id),
    );
    const submit = form.submitLabel ? `:submit sends it (${form.submitLabel}), ` : "";
    const multiline = form.fields.filter((f) => f.element.multiline).map((f) => f.number);
    const paste =
      multiline.length > 0
        ? `\nField ${multiline.join(", ")} takes several lines: type the number alone, paste, then a line with a single ".".`
        : "";
    this.write(
      framed(
        `form "${form.title}" (for @${this.workspace.nameOf(this.user)})`,
        `${body}\n\nType "N text" to fill field N; ${submit}:cancel closes it.${paste}`,
      ),
    );
    const buttons = buttonsIn((form.view.blocks as Json[] | undefined) ?? []);
    if (buttons.length > 0)
      this.addPressable({ tag: this.pressables.find((p) => p.form === form)?.tag ?? 0, buttons, form });
  }

  private homePublished(userId: string, view: Json): void {
    this.homes.set(userId, view);
    if (this.homeWanted !== userId) {
      this.write(`(the Home tab of @${this.workspace.nameOf(userId)} is redrawn; ":home" as them shows it)`);
      return;
    }
    this.homeWanted = undefined;
    const blocks = (view.blocks as Json[] | undefined) ?? [];
    const buttons = buttonsIn(blocks);
    const tag =
      buttons.length > 0
        ? ` · m${this.addPressable({ tag: this.pressables.find((p) => p.homeUser === userId)?.tag ?? 0, buttons, homeUser: userId }).tag}`
        : "";
    this.write(framed(`Home tab of @${this.workspace.nameOf(userId)}${tag}`, renderNumbered(blocks, this.workspace)));
  }

  private async openHome(): Promise<void> {
    this.homeWanted = this.user;
    this.isWaitingForApp = true;
    await this.requests.event({
      type: "app_home_opened",
      user: this.user,
      channel: `D${this.user.slice(1)}`,
      tab: "home",
      event_ts: String(Date.now() / 1000),
    });
  }

  private async fill(form: ConsoleForm, number: number, answer: string): Promise<void> {
    const result = form.set(number, answer, (name) => this.workspace.userNamed(name)?.id);
    if (result.problem) return this.write(result.problem);
    if (result.wantsLines) {
      this.pasting = { field: number, lines: [] };
      return this.write(`Paste field ${number}, then a line with a single "." to end it.`);
    }
    this.showForm(form);
  }

  private async paste(raw: string): Promise<void> {
    const pasting = this.pasting!;
    if (raw.trim() !== ".") {
      pasting.lines.push(raw);
      return;
    }
    this.pasting = undefined;
    const form = this.forms.at(-1);
    if (!form) return;
    form.set(pasting.field, pasting.lines.join("\n"), () => undefined);
    this.showForm(form);
  }

  private async submit(form: ConsoleForm): Promise<void> {
    const missing = form.missing();
    if (missing.length > 0) {
      return this.write(
        `Slack would not send this yet: ${missing.map((f) => `field ${f.number} (${f.label})`).join(", ")} must be filled in.`,
      );
    }
    this.isWaitingForApp = true;
    const sent = await this.requests.interaction({
      type: "view_submission",
      user: {
        id: this.user,
        username: this.workspace.nameOf(this.user),
        name: this.workspace.nameOf(this.user),
        team_id: CONSOLE_TEAM_ID,
      },
      view: {
        ...form.view,
        id: form.id,
        team_id: CONSOLE_TEAM_ID,
        state: { values: form.stateValues() },
        hash: randomUUID(),
      },
      response_urls: [],
    });
    if (sent.status !== 200) return this.write(`The app answered HTTP ${sent.status}: ${sent.text.slice(0, 300)}`);
    const answer = sent.json ?? {};
    switch (answer.response_action) {
      case "errors":
        form.errors = answer.errors as Record<string, string>;
        this.write("The form was not accepted:");
        this.showForm(form);
        return;
      case "update":
        this.forms[this.forms.length - 1] = new ConsoleForm(form.id, answer.view as Json);
        this.showForm(this.forms.at(-1)!);
        return;
      case "push":
        this.openForm(`${form.id}-pushed`, answer.view as Json);
        return;
      case "clear":
        this.forms = [];
        return;
      default:
        this.forms = this.forms.filter((f) => f !== form);
    }
  }

  /** `:press N` (the newest message with buttons you can see where you are, or the open form) or `:press mK N`. */
  private async press(argument: string): Promise<void> {
    const parts = /^(?:m(\d+)\s+)?(\d+)$/i.exec(argument.trim());
    const openForm = this.forms.at(-1);
    const shown = parts?.[1]
      ? this.pressables.find((p) => p.tag === Number(parts[1]) && this.canSee(p, true))
      : (this.pressables.find((p) => p.form && p.form === openForm) ??
        this.pressables.filter((p) => this.canSee(p)).at(-1));
    if (!shown) {
      return this.write(
        parts?.[1]
          ? `There is no m${parts[1]} that @${this.workspace.nameOf(this.user)} can see.`
          : `@${this.workspace.nameOf(this.user)} has no message with buttons in ${this.workspace.placeOf(this.channelId)} or in their DMs yet; ":press mK N" presses a button on message mK.`,
      );
    }
    const number = Number(parts?.[2]);
    const button = shown.buttons[number - 1];
    if (!parts || !button)
      return this.write(
        `Press a button by its number, 1 to ${shown.buttons.length} on m${shown.tag}, such as ":press 1" or ":press m${shown.tag} 1".`,
      );
    const { element, blockId } = button;
    const user = {
      id: this.user,
      username: this.workspace.nameOf(this.user),
      name: this.workspace.nameOf(this.user),
      team_id: CONSOLE_TEAM_ID,
    };
    const action = {
      type: "button",
      action_id: element.action_id,
      block_id: blockId,
      value: element.value,
      text: element.text,
      action_ts: String(Date.now() / 1000),
    };
    let sent: SentRequest;
    this.isWaitingForApp = true;
    if (shown.message) {
      const message = shown.message;
      const channel = this.workspace.channel(message.channelId);
      sent = await this.requests.interaction({
        type: "block_actions",
        user,
        container: {
          type: "message",
          message_ts: message.ts,
          channel_id: message.channelId,
          is_ephemeral: message.isEphemeral,
        },
        channel: { id: message.channelId, name: channel?.name ?? "directmessage" },
        ...(message.isEphemeral
          ? {}
          : { message: { type: "message", ts: message.ts, text: message.text, blocks: message.blocks } }),
        actions: [action],
      });
      this.remember(sent, { userId: this.user, channelId: message.channelId, message });
    } else {
      const form = shown.form;
      const view = form
        ? { ...form.view, id: form.id, team_id: CONSOLE_TEAM_ID, state: { values: form.stateValues() } }
        : {
            ...(this.homes.get(shown.homeUser ?? "") ?? {}),
            id: `V0HOME${this.user}`,
            type: "home",
            state: { values: {} },
          };
      sent = await this.requests.interaction({
        type: "block_actions",
        user,
        container: { type: "view", view_id: view.id },
        view,
        actions: [action],
        response_url: undefined,
      });
    }
    if (sent.status !== 200) this.write(`The app answered HTTP ${sent.status}: ${sent.text.slice(0, 300)}`);
  }

  private switchUser(argument: string): void {
    const name = argument.trim();
    if (!/^@?[a-z0-9._-]+$/i.test(name))
      return this.write('Say who to be, such as ":as @jo" (":people" lists everyone).');
    let user = this.workspace.userNamed(name);
    if (!user) {
      user = this.workspace.addUser(name);
      this.write(`@${user.name} joins the workspace (an ordinary member, in every channel).`);
    }
    this.user = user.id;
    this.forms = [];
    this.write(`You are now @${user.name}${user.realName ? `, ${user.realName}` : ""}.`);
  }

  private async switchChannel(argument: string): Promise<void> {
    const name = argument.trim();
    if (!/^#?[a-z0-9_-]+$/i.test(name))
      return this.write('Say which channel, such as ":in #rcrb" (":channels" lists them).');
    let channel = this.workspace.channelNamed(name);
    if (!channel) {
      channel = this.workspace.addChannel(name);
      this.write(`#${channel.name} is a new channel, with everyone in it.`);
      await keepChannels(this.runtime.db, this.workspace.madeChannels()).catch((error: unknown) =>
        this.write(
          `(#${channel!.name} could not be kept for next time: ${error instanceof Error ? error.message : String(error)})`,
        ),
      );
    }
    this.channelId = channel.id;
    this.write(`You are now in #${channel.name}.`);
  }

  private async moveClock(argument: string): Promise<void> {
    const zone = this.config.defaultTimeZone;
    const say = (at: Date) => DateTime.fromJSDate(at, { zone }).toFormat("cccc d LLLL yyyy, HH:mm");
    if (!argument.trim()) return this.write(`The console's clock says ${say(this.clock())} (${zone}).`);
    const step = CLOCK_STEP.exec(argument.trim());
    if (!step)
      return this.write(
        'Move the clock on by minutes, hours, days or weeks, such as ":clock +7d", ":clock +3h" or ":clock +30m". It cannot go back.',
      );
    const target = new Date(this.clock().getTime() + Number(step[1]) * UNIT_MS[step[2]!.charAt(0).toLowerCase()]!);
    this.write(`The clock moves on to ${say(target)}; what falls due on the way happens now.`);
    const result = await advanceClock(this.runtime, this.clock, target);
    await this.settle(400, 0);
    await keepClock(this.runtime.db, this.clock()).catch((error: unknown) =>
      this.write(
        `(the clock could not be kept for next time: ${error instanceof Error ? error.message : String(error)})`,
      ),
    );
    this.write(
      `It is now ${say(this.clock())}. ${result.fired === 0 ? "No reminders were due." : `${result.fired} reminder${result.fired === 1 ? "" : "s"} went out.`}${result.stuck > 0 ? ` ${result.stuck} did not go out in time (see the log).` : ""}`,
    );
  }

  private async shareFile(argument: string): Promise<void> {
    const file = argument.trim().replace(/^["']|["']$/g, "");
    if (!file)
      return this.write(
        'Name the file, such as ":file seeds/documents/crime-reduction-board.md.tmpl" or ":file ~/minutes/2026-11.pdf".',
      );
    const resolved = path.resolve(file.replace(/^~(?=\/)/, process.env.HOME ?? "~"));
    let bytes: Buffer;
    try {
      bytes = await readFile(resolved);
    } catch (error) {
      return this.write(
        `Could not read ${resolved}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "there is no such file" : String(error)}.`,
      );
    }
    if (this.forms.length > 0) {
      this.forms = [];
      this.write("(the open form is closed: a file is shared in the channel, not in a form)");
    }
    // The sample documents are templates: shared with their dates filled in around the console's today.
    let name = path.basename(resolved);
    if (name.endsWith(".tmpl")) {
      bytes = Buffer.from(
        renderSampleDocument(
          bytes.toString("utf8"),
          DateTime.fromJSDate(this.clock(), { zone: this.config.defaultTimeZone }).startOf("day"),
        ),
      );
      name = name.slice(0, -".tmpl".length);
    }
    const { fileId } = this.slack.shareFile({ channelId: this.channelId, userId: this.user, name, bytes });
    this.write(
      framed(
        `${this.workspace.placeOf(this.channelId)}: @${this.workspace.nameOf(this.user)} shares a file`,
        `file: ${name} (${Math.ceil(bytes.length / 1024)} KB)`,
      ),
    );
    if (!(DOCUMENT_TYPES as readonly string[]).includes(path.extname(name).toLowerCase())) {
      this.write(
        `(Minutebook offers to import minutes shared as ${DOCUMENT_TYPES.join(", ")} files; it leaves other files alone.)`,
      );
    }
    this.isWaitingForApp = true;
    await this.requests.event({
      type: "file_shared",
      file_id: fileId,
      user_id: this.user,
      channel_id: this.channelId,
      file: { id: fileId },
      event_ts: String(Date.now() / 1000),
    });
  }

  /**
   * After something was sent to the app: waits for its answers (the first can take a
   * moment on a cold start) until it has been quiet for a while, so they print before the
   * next prompt. Later answers (a job finishing) still print when they come.
   */
  private async settle(quietMs = 400, firstAnswerMs = 3000, maxMs = 10_000): Promise<void> {
    const started = Date.now();
    for (;;) {
      const elapsed = Date.now() - started;
      const hasAnswer = this.lastCallAt >= started;
      if (
        elapsed >= maxMs ||
        (!hasAnswer && elapsed >= firstAnswerMs) ||
        (hasAnswer && Date.now() - this.lastCallAt >= quietMs)
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The console's clock in full, as a person would say when it is: "Tue 15 Dec 2026 09:00". */
  private clockWords(at: Date = this.clock()): string {
    return DateTime.fromJSDate(at, { zone: this.config.defaultTimeZone }).toFormat("ccc d LLL yyyy HH:mm");
  }

  /** The console's clock as a heading or the prompt shows it: "Mon 23 Nov 10:38". */
  private appTime(): string {
    return DateTime.fromJSDate(this.clock(), { zone: this.config.defaultTimeZone }).toFormat("ccc d LLL HH:mm");
  }

  private prompt(text: string): void {
    if (this.rl && this.options.isTerminal) {
      this.rl.setPrompt(text);
      this.rl.prompt();
    } else {
      this.options.output.write(text);
      this.isAfterPrompt = text.length > 0;
    }
  }

  /** Prints above the prompt, which is redrawn with what was being typed. */
  write(text: string): void {
    const out = this.options.output;
    if (this.options.isTerminal && this.rl) {
      out.write("\r\x1b[2K");
      out.write(`${text}\n`);
      this.rl.prompt(true);
    } else {
      out.write(`${this.isAfterPrompt ? "\n" : ""}${text}\n`);
      this.isAfterPrompt = false;
    }
  }
}
