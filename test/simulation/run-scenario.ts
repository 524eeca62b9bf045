// Lives a scenario through the real app: signed requests to Bolt over HTTP, real
// PostgreSQL, Redis and BullMQ workers, Slack played by the stand-in, the app's clock
// stepped as the console's `:clock` steps it (each reminder fired at its own time). What
// the app did is returned for the invariants to judge; what a person could not do (a
// refusal where the rules say yes) is recorded as it happens.
import { DateTime } from "luxon";
import { advanceClock } from "../../src/console/advance-clock";
import { runningClock } from "../../src/console/clock";
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import type { RecordedCall } from "../../src/local-slack/server";
import { startTestApp, type TestApp } from "../support/test-app";
import { PEOPLE, type Scenario, type SimBoard, type SimStep } from "./scenario";
import { formShown } from "../support/forms";

type Json = Record<string, unknown>;
const ZONE = "Europe/London";

export interface SimAction {
  key: number;
  id: string;
  reference: string;
  board: SimBoard;
  owners: string[];
}

export interface Lived {
  scenario: Scenario;
  actions: SimAction[];
  /** Every Slack call the app made, with the app's time of each. */
  calls: Array<RecordedCall & { appAt: Date }>;
  /** What people met that the rules say should not happen, as it happened. */
  refusals: string[];
  /** How many things people tried (each could have been refused). */
  attempts: number;
  /** `/action show` of every action at the end: what an FOI request would read. */
  histories: Map<string, string>;
  app: TestApp;
  workspaceId: string;
}

const longDate = (day: string) => DateTime.fromISO(day, { zone: ZONE }).toFormat("d LLLL yyyy");
const textOf = (reply: Json) => String(reply.text ?? "");
/** The form's state for a new date: the date picker's day, or the date in words. */
const newDate = (step: Extract<SimStep, { kind: "press" }>) =>
  step.isPicked
    ? { new_due_date: { value: { type: "datepicker", selected_date: step.newDue } } }
    : { new_due_phrase: { value: { value: longDate(step.newDue!) } } };

export async function liveScenario(scenario: Scenario): Promise<Lived> {
  const clock = runningClock(scenario.start);
  // Slack's pace of a message a second per conversation is real time; here weeks pass in seconds
  // and a DM gets several reminders within one real second, so the pacer is off (reminders-faults tests it).
  const app = await startTestApp({ now: clock, env: { SLACK_PACE_MS: "0" } });
  // For the same reason Slack's own limits are off in the stand-in (a day's posts come in a real instant).
  app.fake.rateLimits = "off";
  const db = app.runtime.db;
  const workspaceId = (await ensureWorkspace({ db, slackTeamId: app.fake.teamId, timeZone: ZONE })).id;
  const refusals: string[] = [];
  let attempts = 0;
  // The app's time of each Slack call, read as it is made (the clock is set again and again).
  const appTimes = new Map<RecordedCall, Date>();
  app.fake.onCall((call) => appTimes.set(call, clock()));
  const actions = new Map<number, SimAction>();
  /** Who made each action's last change, the one Undo takes back. */
  const lastChangeBy = new Map<number, string>();
  const boardOf = (code: string) => scenario.boards.find((b) => b.code === code)!;
  // Everyone in the scenario is in the workspace: Slack opens DMs only with people it has.
  for (const id of new Set([
    ...PEOPLE,
    ...scenario.boards.flatMap((b) => [b.chair, ...(b.secretary ? [b.secretary] : [])]),
  ]))
    app.fake.addUser({ id, name: id.slice(2).toLowerCase() });
  const clerkOf = (board: SimBoard) => board.secretary ?? board.chair;

  for (const board of scenario.boards) {
    await db.board.create({
      data: {
        workspaceId,
        code: board.code,
        name: `Board ${board.code}`,
        slackChannelId: board.channel,
        holidayRegion: board.region,
        chairSlackUserId: board.chair,
        secretarySlackUserId: board.secretary,
      },
    });
    for (const day of board.meetings) {
      const reply = await (
        await app.slack.command("/meeting", `schedule #${board.code} ${longDate(day)} 14:00 at City Hall`, {
          userId: clerkOf(board),
        })
      ).reply();
      if (!/scheduled/i.test(textOf(reply)))
        refusals.push(`/meeting schedule #${board.code} ${longDate(day)} was refused: ${textOf(reply)}`);
    }
  }

  /** `/minutes`, the minutes pasted, every action found kept in the review, confirmed. */
  const importMinutes = async (step: Extract<SimStep, { kind: "import-minutes" }>) => {
    const board = boardOf(step.board);
    const clerk = clerkOf(board);
    const text = [
      `Board ${board.code}`,
      `Minutes of the meeting held on ${longDate(step.day)} at 14:00 at City Hall`,
      "",
      "Present: Jo Reid (Chair), Sam Patel, Ravi Shah",
      "",
      ...step.actions.flatMap((a, i) => [
        `${i + 1}. ${a.text}`,
        "The Board discussed the matter.",
        `ACTION: ${a.owner} to ${a.text.charAt(0).toLowerCase()}${a.text.slice(1)} by ${longDate(a.due)}.`,
        "",
      ]),
    ].join("\n");
    const since = app.fake.calls.length;
    await app.slack.command("/minutes", "", { userId: clerk, channelId: board.channel, triggerId: `T${step.at}` });
    const form = (await formShown(app.fake, (c) => (c.args.view as Json).callback_id === "minutes.paste", 5000, since))
      .args.view as Json;
    const read = await app.slack.interaction({
      type: "view_submission",
      user: { id: clerk, username: "clerk", team_id: app.fake.teamId },
      view: {
        id: "V0PASTE",
        type: "modal",
        callback_id: form.callback_id,
        private_metadata: form.private_metadata,
        state: {
          values: { minutes_text: { value: { value: text } }, meeting_date: { value: { selected_date: null } } },
        },
      },
    });
    const review = (read.json as { view?: Json } | undefined)?.view;
    if (!review)
      return void refusals.push(
        `/minutes for ${board.code} on ${step.day} was refused: ${JSON.stringify(read.json).slice(0, 300)}`,
      );
    const { importId } = JSON.parse(String(review.private_metadata)) as { importId: string };
    const found = (
      (await db.minutesImport.findUniqueOrThrow({ where: { id: importId } })).result as { actions: unknown[] }
    ).actions;
    const told = new Set(app.fake.callsTo("chat.postEphemeral"));
    const values = Object.fromEntries(
      found.map((_, i) => [`action_${i}_include`, { value: { selected_options: [{ value: "include" }] } }]),
    );
    await app.slack.interaction({
      type: "view_submission",
      user: { id: clerk, username: "clerk", team_id: app.fake.teamId },
      view: {
        id: "V0REVIEW",
        type: "modal",
        callback_id: "minutes.preview",
        private_metadata: review.private_metadata,
        state: { values },
      },
    });
    const answer = String(
      (await app.fake.waitFor("chat.postEphemeral", (c) => !told.has(c) && c.args.user === clerk)).args.text,
    );
    if (!/imported/i.test(answer))
      refusals.push(`the minutes of ${board.code} on ${step.day} were not imported: ${answer}`);
    else if (found.length !== step.actions.length)
      refusals.push(
        `the minutes of ${board.code} on ${step.day} gave ${found.length} actions, not ${step.actions.length}`,
      );
  };

  const perform = async (step: SimStep) => {
    if (step.kind === "add") {
      const board = boardOf(step.board);
      const owners = [...step.owners.map((o) => `<@${o}>`), ...(step.body ? [`owner: ${step.body}`] : [])].join(" ");
      const command = `add ${step.text} ${owners} by ${step.due === "next-meeting" ? "the next meeting" : longDate(step.due)} #${board.code}`;
      const reply = textOf(await (await app.slack.command("/action", command, { userId: clerkOf(board) })).reply());
      const reference = /^([A-Z][A-Z0-9]*-\d+)\b/.exec(reply)?.[1];
      // "By the next meeting" with none on the calendar (all cancelled, say) is rightly refused.
      const boardId = (
        await db.board.findFirstOrThrow({ where: { workspaceId, code: board.code }, select: { id: true } })
      ).id;
      const hasNext =
        (await db.meeting.count({ where: { boardId, status: "scheduled", startsAt: { gt: clock() } } })) > 0;
      if (!reference && step.due === "next-meeting" && !hasNext && /has no next meeting scheduled/.test(reply)) return;
      if (!reference) return void refusals.push(`/action ${command} was refused: ${reply}`);
      const row = await db.action.findUniqueOrThrow({
        where: { workspaceId_reference: { workspaceId, reference } },
        select: { id: true },
      });
      actions.set(step.key, { key: step.key, id: row.id, reference, board, owners: step.owners });
      lastChangeBy.set(step.key, clerkOf(board));
      return;
    }
    if (step.kind === "move-meeting" || step.kind === "cancel-meeting") {
      const board = boardOf(step.board);
      const text =
        step.kind === "move-meeting"
          ? `move #${board.code} ${longDate(step.from)} to ${longDate(step.to)}`
          : `cancel #${board.code} ${longDate(step.day)}`;
      const reply = textOf(await (await app.slack.command("/meeting", text, { userId: clerkOf(board) })).reply());
      if (!/moved|cancelled/i.test(reply)) refusals.push(`/meeting ${text} was refused: ${reply}`);
      return;
    }
    if (step.kind === "import-minutes") return importMinutes(step);
    const action = actions.get(step.key);
    if (!action) return;
    if (step.kind === "undo") {
      const { version } = await db.action.findUniqueOrThrow({ where: { id: action.id }, select: { version: true } });
      const by = lastChangeBy.get(step.key) ?? clerkOf(action.board);
      const reply = textOf(
        await (
          await app.slack.button({ actionId: "action.undo", value: `${action.id}:${version}`, userId: by })
        ).reply(),
      );
      if (/can no longer|only the person|cannot be undone/i.test(reply))
        refusals.push(`${action.reference}: undo by ${by} was refused: ${reply}`);
      return;
    }
    const current = await db.action.findUniqueOrThrow({ where: { id: action.id }, select: { status: true } });
    if (step.kind === "press") {
      if (current.status !== "open") return;
      // The button is pressed on the latest reminder its owner was sent about the action.
      const owner = action.owners[0]!;
      const reminder = await db.reminder.findFirst({
        where: { actionId: action.id, recipient: `user:${owner}`, state: "sent" },
        orderBy: { sentAt: "desc" },
      });
      if (!reminder) return;
      const channelId = `D${owner.slice(1)}`;
      if (step.button !== "new_date") {
        const reply = textOf(
          await (
            await app.slack.button({
              actionId: `reminder.${step.button}`,
              value: reminder.id,
              userId: owner,
              channelId,
            })
          ).reply(),
        );
        if (!/snooze/i.test(reply))
          refusals.push(`${action.reference}: ${step.button} by its owner was refused: ${reply}`);
        return;
      }
      const openedSince = app.fake.calls.length;
      await app.slack.button({ actionId: "reminder.new_date", value: reminder.id, userId: owner, channelId });
      const form = (
        await formShown(
          app.fake,
          (c) => (c.args.view as Json).callback_id === "reminder.new_date_form",
          5000,
          openedSince,
        )
      ).args.view as Json;
      await app.slack.interaction({
        type: "view_submission",
        user: { id: owner, username: "owner", team_id: app.fake.teamId },
        view: {
          id: "V0NEWDATE",
          type: "modal",
          callback_id: "reminder.new_date_form",
          private_metadata: form.private_metadata,
          state: { values: { ...newDate(step), reason: { value: { value: "Waiting for the survey" } } } },
        },
      });
      await waitUntil(
        async () =>
          (await db.actionEvent.count({
            where: {
              actionId: action.id,
              type: { in: ["extension_requested", "due_changed"] },
              createdAt: { gte: new Date(clock().getTime() - 60_000) },
            },
          })) > 0,
        `${action.reference}: the new date asked for was never recorded`,
      );
      return;
    }
    if (step.kind === "decide") {
      // A request for an action closed meanwhile is no longer anyone's to decide.
      if (current.status !== "open") return;
      const request = await db.extensionRequest.findFirst({ where: { actionId: action.id, status: "pending" } });
      if (!request) return;
      const decider = step.by === "chair" || !action.board.secretary ? action.board.chair : action.board.secretary;
      const buttonId = step.approve ? "extension.approve" : "extension.decline";
      if (step.fromHome) {
        // They open their Home tab, find the request there and press its button.
        const published = new Set(app.fake.callsTo("views.publish"));
        await app.slack.event({ type: "app_home_opened", user: decider, channel: `D${decider.slice(1)}`, tab: "home" });
        const home = await app.fake
          .waitFor("views.publish", (c) => !published.has(c) && c.args.user_id === decider)
          .catch(() => undefined);
        if (!home || !JSON.stringify(home.args.view).includes(`"value":"${request.id}"`))
          return void refusals.push(
            `${action.reference}: the board's ${step.by} (${decider}) found no new-date request on their Home tab`,
          );
        const told = new Set(app.fake.callsTo("chat.postMessage"));
        await app.slack.button({ actionId: buttonId, value: request.id, userId: decider, from: "home" });
        const answer = await app.fake
          .waitFor("chat.postMessage", (c) => !told.has(c) && c.args.channel === decider)
          .catch(() => undefined);
        if (!answer || /only the board|not allowed/i.test(String(answer.args.text)))
          refusals.push(
            `${action.reference}: the ${step.by} could not decide the new date from the Home tab: ${String(answer?.args.text ?? "no answer")}`,
          );
        return;
      }
      // Whoever decides must have been asked: a message with the buttons.
      const asked = app.fake.calls.some(
        (c) =>
          c.method === "chat.postMessage" &&
          (c.args.channel === decider || c.args.channel === `D${decider.slice(1)}`) &&
          JSON.stringify(c.args).includes(`"value":"${request.id}"`),
      );
      if (!asked)
        refusals.push(
          `${action.reference}: the board's ${step.by} (${decider}) was never shown the new-date request to decide it`,
        );
      const reply = textOf(
        await (await app.slack.button({ actionId: buttonId, value: request.id, userId: decider })).reply(),
      );
      if (/only the board|not allowed/i.test(reply))
        refusals.push(`${action.reference}: the ${step.by} could not decide the new date: ${reply}`);
      return;
    }
    if (step.kind === "reopen" ? current.status === "open" : current.status !== "open") return;
    const by = action.owners[0] ?? clerkOf(action.board);
    const text =
      step.kind === "drop" ? `drop ${action.reference} no longer needed` : `${step.kind} ${action.reference}`;
    const reply = textOf(await (await app.slack.command("/action", text, { userId: by })).reply());
    if (!reply.includes(action.reference) || /can't|cannot|couldn't|only /i.test(reply))
      refusals.push(`/action ${text} by ${by} was refused: ${reply}`);
    lastChangeBy.set(step.key, by);
  };

  for (const step of scenario.steps) {
    await advanceClock(app.runtime, clock, new Date(step.at));
    attempts += 1;
    await perform(step);
  }
  await advanceClock(app.runtime, clock, new Date(scenario.end));

  const histories = new Map<string, string>();
  for (const action of actions.values()) {
    const reply = await (
      await app.slack.command("/action", `show ${action.reference}`, { userId: clerkOf(action.board) })
    ).reply();
    histories.set(action.id, JSON.stringify(reply));
  }
  return {
    scenario,
    actions: [...actions.values()],
    calls: app.fake.calls.map((c) => ({ ...c, appAt: appTimes.get(c) ?? clock.appTimeOf(c.at) })),
    refusals,
    attempts,
    histories,
    app,
    workspaceId,
  };
}

async function waitUntil(condition: () => Promise<boolean>, failure: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
