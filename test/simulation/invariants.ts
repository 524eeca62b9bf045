// The rules of reminders and meetings, checked over everything a lived scenario sent and
// stored. Each check returns what broke, in words that name the action, the person and the
// day, so that a failing seed says what a secretary would have noticed.
import { DateTime } from "luxon";
import { addWorkingDays, isWorkingDay, workingDayOnOrBefore, type WorkingCalendar } from "../../src/reminders/plan";
import type { Lived } from "./run-scenario";
import type { SimBoard } from "./scenario";

type Json = Record<string, unknown>;
const ZONE = "Europe/London";

export interface Checked {
  /** Each invariant's name and how many cases it looked at. */
  checks: Record<string, number>;
  violations: string[];
  messages: number;
}

interface Post {
  reminderId: string;
  kind: string;
  actionId: string | null;
  meetingId: string | null;
  recipient: string;
  board: SimBoard;
  at: DateTime;
  text: string;
}

/** Every string inside a message's blocks, in order: what the person reads. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

const calendarOf = (board: SimBoard): WorkingCalendar => ({ timeZone: ZONE, holidayRegion: board.region });
const dayOf = (at: DateTime) => at.toISODate()!;

export async function checkInvariants(lived: Lived): Promise<Checked> {
  const db = lived.app.runtime.db;
  const checks: Record<string, number> = {};
  const violations: string[] = [];
  const check = (name: string, ok: boolean, failure: () => string) => {
    checks[name] = (checks[name] ?? 0) + 1;
    if (!ok) violations.push(`${name}: ${failure()}`);
  };
  for (const refusal of lived.refusals) check("people can do what the rules allow", false, () => refusal);
  checks["people can do what the rules allow"] = lived.attempts;
  // Every message valid Block Kit within Slack's limits (the stand-in checks each payload as it comes).
  const payloads = lived.calls.filter((c) =>
    [
      "chat.postMessage",
      "chat.update",
      "chat.postEphemeral",
      "views.publish",
      "views.open",
      "views.update",
      "views.push",
    ].includes(c.method),
  );
  checks["every message valid Block Kit"] = payloads.length;
  for (const v of lived.app.fake.violations)
    violations.push(`every message valid Block Kit: ${v.method}: ${v.problems.join("; ")}`);
  const boardById = new Map(
    (await db.board.findMany({ where: { workspaceId: lived.workspaceId } })).map((b) => [
      b.id,
      lived.scenario.boards.find((s) => s.code === b.code)!,
    ]),
  );
  const rows = new Map(
    (await db.reminder.findMany({ where: { workspaceId: lived.workspaceId } })).map((r) => [r.id, r]),
  );
  const posts: Post[] = [];
  for (const call of lived.calls) {
    if (call.method !== "chat.postMessage" || call.response.ok !== true) continue;
    const reminderId = ((call.args.metadata as Json | undefined)?.event_payload as Json | undefined)?.reminder_id;
    const row = typeof reminderId === "string" ? rows.get(reminderId) : undefined;
    if (!row) continue;
    posts.push({
      reminderId: row.id,
      kind: row.kind,
      actionId: row.actionId,
      meetingId: row.meetingId,
      recipient: row.recipient,
      board: boardById.get(row.boardId!)!,
      at: DateTime.fromJSDate(call.appAt, { zone: ZONE }),
      text: String(call.args.text ?? ""),
    });
  }

  // Reminders land on working days, at 09:00 board time (the weekly digest included).
  for (const post of posts) {
    const working = isWorkingDay(dayOf(post.at), calendarOf(post.board));
    const minutes = post.at.hour * 60 + post.at.minute;
    check(
      "on a working day at 09:00",
      working && minutes >= 540 && minutes < 550,
      () => `${post.kind} to ${post.recipient} at ${post.at.toFormat("ccc d LLL yyyy HH:mm")} (${post.board.region})`,
    );
  }

  // One person hears about one action at most once a day.
  const perDay = new Map<string, Post[]>();
  for (const post of posts.filter((p) => p.actionId)) {
    const key = `${post.actionId}|${post.recipient}|${dayOf(post.at)}`;
    perDay.set(key, [...(perDay.get(key) ?? []), post]);
  }
  const referenceOf = (actionId: string | null) => lived.actions.find((a) => a.id === actionId)?.reference ?? actionId;
  for (const same of perDay.values())
    check(
      "at most one reminder per action and person a day",
      same.length === 1,
      () =>
        `${referenceOf(same[0]!.actionId)} to ${same[0]!.recipient} on ${same[0]!.at.toFormat("ccc d LLL yyyy")}: ${same.map((p) => `${p.kind} ("${p.text.slice(0, 60)}")`).join(", ")}`,
    );

  // Open or closed, moment by moment, from the action's history.
  const events = await db.actionEvent.findMany({
    where: { workspaceId: lived.workspaceId },
    orderBy: { createdAt: "asc" },
  });
  const isOpenAt = (actionId: string, at: Date) => {
    let open = true;
    // Undo of a close reopens it; undo of its logging withdraws it.
    for (const e of events)
      if (e.actionId === actionId && e.createdAt <= at && ["done", "dropped", "reopened", "withdrawn"].includes(e.type))
        open = e.type === "reopened";
    return open;
  };
  for (const post of posts.filter((p) => p.actionId && p.kind !== "escalation"))
    check(
      "nothing after done or drop",
      isOpenAt(post.actionId!, post.at.toJSDate()),
      () =>
        `${referenceOf(post.actionId)} reminded (${post.kind}) on ${post.at.toFormat("ccc d LLL yyyy")} after it was closed`,
    );

  // Every open action with a date gets its 7-day, working-day-before and due-day reminders.
  const actions = await db.action.findMany({
    where: { workspaceId: lived.workspaceId },
    include: { owners: true, board: { select: { code: true, slackChannelId: true } } },
  });
  const end = new Date(lived.scenario.end);
  /**
   * Every action with a board and a date, however it came (logged, or imported from minutes): who
   * its reminders go to (its owners in Slack, else the board's channel), and from when its date
   * stood as it stands now (logged, or its last change: an approved new date, a meeting moved).
   */
  const dated = actions.flatMap((action) => {
    const board = action.board ? lived.scenario.boards.find((b) => b.code === action.board!.code) : undefined;
    if (!board || !action.dueAt) return [];
    const slackOwners = action.owners.flatMap((o) => (o.slackUserId ? [`user:${o.slackUserId}`] : []));
    const lastChange = events.filter((e) => e.actionId === action.id && e.type === "due_changed").at(-1)?.createdAt;
    const since = lastChange && lastChange > action.createdAt ? lastChange : action.createdAt;
    return [
      {
        action,
        board,
        recipients: slackOwners.length > 0 ? slackOwners : [`channel:${board.channel}`],
        since,
        due: DateTime.fromJSDate(action.dueAt, { zone: ZONE }).toISODate()!,
      },
    ];
  });
  /** The snooze covering a moment: pressed before it, ending after it. */
  const snoozedAt = (actionId: string, at: Date) =>
    events.some(
      (e) =>
        e.actionId === actionId &&
        e.type === "snoozed" &&
        e.createdAt < at &&
        new Date(String((e.after as Json | null)?.until)) > at,
    );
  const longDay = (day: string) => DateTime.fromISO(day).toFormat("ccc d LLL yyyy");

  // Every open action with a date gets its 7-day, working-day-before and due-day reminders.
  for (const { action, board, recipients, since, due } of dated) {
    const calendar = calendarOf(board);
    const dueDay = workingDayOnOrBefore(due, calendar);
    const days = new Set([
      workingDayOnOrBefore(DateTime.fromISO(due, { zone: ZONE }).minus({ days: 7 }).toISODate()!, calendar),
      addWorkingDays(due, -1, calendar),
      dueDay,
    ]);
    for (const day of days) {
      const at = DateTime.fromISO(day, { zone: ZONE }).set({ hour: 9 }).toJSDate();
      if (at <= since || at >= end || !isOpenAt(action.id, at)) continue;
      // A snooze may quiet the days before the due day, never the due day itself.
      const isSnoozed = snoozedAt(action.id, at);
      if (isSnoozed && day !== dueDay) continue;
      for (const recipient of recipients) {
        const got = posts.some((p) => p.actionId === action.id && p.recipient === recipient && dayOf(p.at) === day);
        check(
          "reminded 7 days, 1 working day and on the due day",
          got,
          () =>
            `${action.reference} (due ${longDay(due)}) sent nothing to ${recipient} on ${longDay(day)}${day === dueDay ? ", its due day" : ""}${isSnoozed ? " though snoozed" : ""}`,
        );
      }
    }
  }

  // Overdue: the first working day after the due day, then weekly (unless snoozed past that day);
  // the secretariat told with the third, unless it is one of those chased.
  for (const { action, board, recipients, since, due } of dated) {
    const calendar = calendarOf(board);
    const first = addWorkingDays(due, 1, calendar);
    for (let n = 1; n <= 8; n++) {
      const planned = DateTime.fromISO(first, { zone: ZONE })
        .plus({ days: 7 * (n - 1) })
        .toISODate()!;
      const day = isWorkingDay(planned, calendar) ? planned : addWorkingDays(planned, 1, calendar);
      const at = DateTime.fromISO(day, { zone: ZONE }).set({ hour: 9 }).toJSDate();
      if (at >= end) break;
      if (at <= since || !isOpenAt(action.id, at)) continue;
      for (const recipient of recipients) {
        if (snoozedAt(action.id, at)) continue;
        const got = posts.some(
          (p) => p.actionId === action.id && p.recipient === recipient && p.kind === "overdue" && dayOf(p.at) === day,
        );
        check(
          "overdue weekly, the secretariat told with the third",
          got,
          () =>
            `${action.reference} (due ${longDay(due)}) sent no overdue reminder ${n} to ${recipient} on ${longDay(day)}`,
        );
      }
      const secretariat = `user:${board.secretary ?? board.chair}`;
      if (n === 3 && !recipients.includes(secretariat)) {
        const got = posts.some(
          (p) =>
            p.actionId === action.id && p.recipient === secretariat && p.kind === "escalation" && dayOf(p.at) === day,
        );
        check(
          "overdue weekly, the secretariat told with the third",
          got,
          () =>
            `${action.reference} (due ${longDay(due)}) was not escalated to ${secretariat} on ${longDay(day)} with the third overdue reminder`,
        );
      }
    }
  }

  // Matters arising lists exactly the board's open actions due by the meeting day.
  for (const post of posts.filter((p) => p.kind === "matters_arising")) {
    // The meeting as the message names it (it may have moved since).
    const named = /Matters arising · \w+ · \w{3} (\d{1,2} \w{3} \d{4})/.exec(post.text)?.[1];
    if (!named) {
      check(
        "matters arising lists the open actions due by the meeting",
        false,
        () => `could not read the meeting's day in "${post.text.slice(0, 80)}"`,
      );
      continue;
    }
    const meetingDay = DateTime.fromFormat(named, "d LLL yyyy", { zone: ZONE }).toISODate()!;
    const listed = new Set(post.text.match(/\b[A-Z][A-Z0-9]*-\d+\b/g) ?? []);
    const expected = new Set<string>();
    for (const action of actions.filter((a) => boardById.get(a.boardId!)?.code === post.board.code)) {
      // Logged or imported from minutes, before the list went.
      if (action.createdAt > post.at.toJSDate()) continue;
      // An action whose date moved is judged by its date at the time, which this check does not rebuild.
      if (events.some((e) => e.actionId === action.id && e.type === "due_changed")) continue;
      const due = action.dueAt ? DateTime.fromJSDate(action.dueAt, { zone: ZONE }).toISODate()! : undefined;
      if (due && due <= meetingDay && isOpenAt(action.id, post.at.toJSDate())) expected.add(action.reference);
    }
    const unchanged = [...listed].filter(
      (r) => !events.some((e) => e.type === "due_changed" && actions.find((a) => a.reference === r)?.id === e.actionId),
    );
    const same = unchanged.length === expected.size && unchanged.every((r) => expected.has(r));
    check(
      "matters arising lists the open actions due by the meeting",
      same,
      () =>
        `${post.board.code} on ${post.at.toFormat("ccc d LLL yyyy")} listed ${unchanged.join(", ") || "none"}, expected ${[...expected].join(", ") || "none"}`,
    );
  }

  // The call for papers comes before the papers are due.
  for (const post of posts.filter((p) => p.kind === "papers_call")) {
    const deadline = /are due by \w{3} (\d{1,2} \w{3} \d{4})/.exec(post.text)?.[1];
    const deadlineDay = deadline ? DateTime.fromFormat(deadline, "d LLL yyyy", { zone: ZONE }) : undefined;
    const isFinalCall = /last call|today/i.test(post.text);
    check(
      "the call for papers comes before the deadline",
      deadlineDay !== undefined && (deadlineDay.toISODate()! > dayOf(post.at) || isFinalCall),
      () => `"${post.text}" was posted on ${post.at.toFormat("ccc d LLL yyyy")}`,
    );
  }

  // What was planned and fell due was sent (or settled): nothing left behind.
  for (const row of rows.values())
    check(
      "nothing planned is left behind",
      !(row.fireAt < new Date(end.getTime() - 3_600_000) && (row.state === "scheduled" || row.state === "sending")),
      () =>
        `${row.kind} for ${referenceOf(row.actionId) ?? row.meetingId} at ${row.fireAt.toISOString()} is still ${row.state}`,
    );

  // Every history entry names the real values before and after: the n-th "due date changed"
  // line of `/action show` against the n-th due_changed event.
  for (const action of lived.actions) {
    const history = JSON.parse(lived.histories.get(action.id) ?? "{}") as Json;
    const lines =
      stringsIn(history.blocks ?? history.text)
        .join("\n")
        .match(/due date changed by [^·\n]*/g) ?? [];
    const changes = events.filter(
      (e) => e.actionId === action.id && e.type === "due_changed" && e.actorLabel !== "meeting moved",
    );
    changes.forEach((e, i) => {
      const line = lines[i] ?? "";
      const hasBefore = (e.before as Json | null)?.dueAt != null;
      const hasAfter = (e.after as Json | null)?.dueAt != null;
      const wrong =
        line === "" || (hasBefore && /\bfrom "?no date/.test(line)) || (hasAfter && /\bto "?no date/.test(line));
      check(
        "history names the real dates",
        !wrong,
        () => `${action.reference}'s history: "${line || "(no line for the change)"}"`,
      );
    });
  }
  return { checks, violations, messages: posts.length };
}
