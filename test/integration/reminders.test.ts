// Reminders end to end: rows planned with the action, BullMQ delayed jobs on the
// real Redis, delivery to the fake Slack, and the faults the design must survive.
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import Redis from "ioredis";
import { deleteRedisKeys, TEST_REDIS_URL } from "../support/redis";
import { startTestApp, type TestApp } from "../support/test-app";
import { runningClock } from "../../src/console/clock";
import { waitForReminderState } from "../support/reminders";
import { formShown } from "../support/forms";
import { isWithinJobHorizon } from "../../jobs/reminders/reminder-jobs";

// The app's clock: Mon 23 Nov 2026 10:00 London (GMT), running at real speed.
const now = runningClock("2026-11-23T10:00:00Z");

const SECRETARY = "U0SECRETARY";
const OWNER = "U0OWNER";

type Json = Record<string, unknown>;

describe("reminders", () => {
  let app: TestApp;
  let workspaceId: string;
  let boardId: string;

  const db = () => app.runtime.db;
  const run = async (text: string, userId = SECRETARY) =>
    (await app.slack.command("/action", text, { userId })).reply();
  const referenceOf = (reply: Json) => String(reply.text).split(" ")[0]!;
  /** Logs an action for OWNER and waits for the DM telling them, so later Slack calls are the reminder's. */
  const logAction = async (text: string) => {
    const reference = referenceOf(await run(`add ${text} <@${OWNER}> by 30 November #LCRB`));
    await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === OWNER && String(c.args.text).includes(`${reference}:`),
    );
    return reference;
  };
  const actionId = async (reference: string) =>
    (
      await db().action.findUniqueOrThrow({
        where: { workspaceId_reference: { workspaceId, reference } },
        select: { id: true },
      })
    ).id;
  const remindersOf = async (reference: string) =>
    db().reminder.findMany({
      where: { actionId: await actionId(reference) },
      orderBy: [{ fireAt: "asc" }, { kind: "asc" }],
    });
  const sweep = () => app.runtime.sweeps!.runNow("reminders.repair");
  /** A reminder row due `inMs` from the app's now, for an action, with no job yet. */
  const plantReminder = async (reference: string, inMs: number, recipient = `user:${OWNER}`, kind = "due_day") =>
    db().reminder.create({
      data: {
        workspaceId,
        boardId,
        actionId: await actionId(reference),
        subject: `action:${await actionId(reference)}`,
        kind,
        recipient,
        fireAt: new Date(now().getTime() + inMs),
      },
    });
  const postsFor = (reminderId: string) =>
    app.fake
      .callsTo("chat.postMessage")
      .filter((c) => JSON.stringify(c.args.metadata ?? {}).includes(reminderId) && c.response.ok === true);
  const waitForState = (id: string, state: string, timeoutMs?: number) =>
    waitForReminderState(db(), id, state, { timeoutMs });

  beforeAll(async () => {
    app = await startTestApp({ now });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    boardId = (
      await db().board.create({
        data: {
          workspaceId,
          code: "LCRB",
          name: "London Crime Reduction Board",
          slackChannelId: "C0LCRB",
          secretarySlackUserId: SECRETARY,
        },
      })
    ).id;
    // The people reminded are in the workspace (Slack opens no DM with anyone else); U0GONE is not.
    for (const id of [SECRETARY, OWNER, "U0FINISHED", ...Array.from({ length: 100 }, (_, i) => `U0MANY${i}`)])
      app.fake.addUser({ id, name: id.slice(2).toLowerCase() });
  });

  afterAll(async () => {
    await app.stop();
  });

  afterEach(() => {
    app.fake.assertNoViolations();
    app.fake.rateLimits = "slack";
  });

  it("plans the default schedule with the action; each row gets its delayed job as it comes within three days", async () => {
    const reference = referenceOf(await run(`add Draft the knife crime paper <@${OWNER}> by 4 December #LCRB`));
    const rows = await remindersOf(reference);
    // Due Fri 4 Dec 2026 (GMT): 7 days before is Fri 27 Nov; 1 working day before Thu 3 Dec;
    // the day itself; overdue from Mon 7 Dec, then weekly; escalation with the third, to the secretary.
    expect(rows.slice(0, 7).map((r) => [r.kind, r.fireAt.toISOString(), r.recipient])).toEqual([
      ["due_7d", "2026-11-27T09:00:00.000Z", `user:${OWNER}`],
      ["due_1wd", "2026-12-03T09:00:00.000Z", `user:${OWNER}`],
      ["due_day", "2026-12-04T09:00:00.000Z", `user:${OWNER}`],
      ["overdue", "2026-12-07T09:00:00.000Z", `user:${OWNER}`],
      ["overdue", "2026-12-14T09:00:00.000Z", `user:${OWNER}`],
      ["escalation", "2026-12-21T09:00:00.000Z", `user:${SECRETARY}`],
      ["overdue", "2026-12-21T09:00:00.000Z", `user:${OWNER}`],
    ]);
    expect(rows.every((r) => r.state === "scheduled")).toBe(true);
    const queue = app.runtime.queues.queue("reminders");
    // A second action, due Wed 25 Nov, has reminders within three days of now (Mon 23 Nov 10:00):
    // their jobs are queued once the reply has gone (the rows were written with the action). It is
    // the secretary's, so that the owner's DMs, which Slack paces, are as the later tests expect.
    const soon = await remindersOf(referenceOf(await run(`add Send the agenda <@${SECRETARY}> by 25 November #LCRB`)));
    const within = soon.filter((r) => isWithinJobHorizon(r.fireAt, now()));
    expect(within.map((r) => r.kind)).toEqual(["due_1wd", "due_day", "overdue"]);
    const stateOf = async (id: string) => {
      const deadline = Date.now() + 5000;
      let state = await queue.getJobState(id);
      while (state === "unknown" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        state = await queue.getJobState(id);
      }
      return state;
    };
    for (const row of within) expect(await stateOf(row.id)).toBe("delayed");
    // Further ahead, the rows wait in the database with no job in Redis.
    for (const row of [...rows, ...soon.filter((r) => !within.includes(r))])
      expect(await queue.getJobState(row.id)).toBe("unknown");
    // A sweep now queues nothing (what is within three days has its jobs) and notes how far it looked.
    expect(await sweep()).toBe(true);
    for (const row of rows) expect(await queue.getJobState(row.id)).toBe("unknown");
    // Wed 25 Nov 08:00, two days on with no sweep between (workers stopped, say): the week-before
    // reminder (Fri 27 Nov 09:00) is within three days, and the sweep queues it as coming in, not
    // as lost: it was beyond where the last sweep looked.
    const step = Date.parse("2026-11-25T08:00:00Z") - now().getTime();
    now.advance(step);
    try {
      expect(await sweep()).toBe(true);
      expect(await stateOf(rows[0]!.id)).toBe("delayed");
      for (const row of rows.slice(1)) expect(await queue.getJobState(row.id)).toBe("unknown");
      expect(app.logs.records().filter((r) => /reminder jobs were missing/.test(String(r.msg)))).toEqual([]);
    } finally {
      now.advance(-step);
    }
  });

  it("does not escalate to the secretary an action the secretary owns: they are chased as its owner", async () => {
    const reference = referenceOf(await run(`add Book the auditors <@${SECRETARY}> by 4 December #LCRB`));
    const rows = await remindersOf(reference);
    expect(rows.filter((r) => r.kind === "overdue").length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.kind === "escalation")).toEqual([]);
  });

  it("moves reminders when the due date moves, and stops them when the action is done", async () => {
    const reference = referenceOf(await run(`add Book the venue <@${OWNER}> by 4 December #LCRB`));
    const first = await remindersOf(reference);
    await run(`due ${reference} 11 December`);
    const moved = await remindersOf(reference);
    const live = moved.filter((r) => r.state === "scheduled");
    expect(
      live.filter((r) => r.kind !== "overdue" && r.kind !== "escalation").map((r) => [r.kind, r.fireAt.toISOString()]),
    ).toEqual([
      ["due_7d", "2026-12-04T09:00:00.000Z"],
      ["due_1wd", "2026-12-10T09:00:00.000Z"],
      ["due_day", "2026-12-11T09:00:00.000Z"],
    ]);
    // The old before-due reminders are cancelled and their jobs gone; overdue ones that fall
    // on the same days under either date (14 Dec, 21 Dec...) are kept, not sent twice.
    const oldDueDay = first.find((r) => r.kind === "due_day")!;
    expect(moved.find((r) => r.id === oldDueDay.id)?.state).toBe("cancelled");
    // It never had a job (more than three days ahead). One that had, the due-day reminder of an
    // action due Wed 25 Nov, loses its job right after the reply when the date moves.
    const queue = app.runtime.queues.queue("reminders");
    const soon = referenceOf(await run(`add Confirm the caterers <@${SECRETARY}> by 25 November #LCRB`));
    const soonDueDay = (await remindersOf(soon)).find((r) => r.kind === "due_day")!;
    for (let i = 0; i < 100 && !(await queue.getJob(soonDueDay.id)); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await queue.getJobState(soonDueDay.id)).toBe("delayed");
    await run(`due ${soon} 11 December`);
    expect((await db().reminder.findUniqueOrThrow({ where: { id: soonDueDay.id } })).state).toBe("cancelled");
    for (let i = 0; i < 100 && (await queue.getJob(soonDueDay.id)); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await queue.getJob(soonDueDay.id)).toBeUndefined();
    expect(live.filter((r) => r.kind === "overdue")[0]?.fireAt.toISOString()).toBe("2026-12-14T09:00:00.000Z");
    expect(new Set(live.map((r) => `${r.kind}${r.fireAt.toISOString()}`)).size).toBe(live.length);

    await run(`done ${reference}`, OWNER);
    const after = await remindersOf(reference);
    expect(after.filter((r) => r.state === "scheduled")).toEqual([]);
  });

  it("delivers a reminder at its time, once, with buttons, and records where it went", async () => {
    const reference = referenceOf(await run(`add Send the papers <@${OWNER}> by 30 November #LCRB`));
    const row = await plantReminder(reference, 300);
    expect(await sweep()).toBe(true);
    const sent = await waitForState(row.id, "sent");
    const posts = postsFor(row.id);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args.channel).toBe(`D${OWNER.slice(1)}`);
    expect(String(posts[0]!.args.text)).toContain(reference);
    const blocks = JSON.stringify(posts[0]!.args.blocks);
    for (const label of ["Done", "Snooze 1 day", "Snooze 1 week", "New date…", "Open"]) expect(blocks).toContain(label);
    expect(sent.slackMessageTs).toBe(posts[0]!.response.ts);
    // Delivered no earlier than its time.
    expect(now.appTimeOf(posts[0]!.at).getTime()).toBeGreaterThanOrEqual(row.fireAt.getTime() - 50);
  });

  it("does not post again when a worker died after Slack had the message", async () => {
    const reference = await logAction("Circulate the minutes");
    const row = await plantReminder(reference, -1000);
    // What a dead worker leaves: the row claimed, the message in Slack, no record of its ts.
    await db().reminder.update({ where: { id: row.id }, data: { state: "sending", sendingStartedAt: now() } });
    const { WebClient } = await import("@slack/web-api");
    const direct = new WebClient(app.config.slackBotToken, { slackApiUrl: app.fake.apiUrl });
    await direct.chat.postMessage({
      channel: OWNER,
      text: `${reference} reminder`,
      metadata: { event_type: "minutebook_reminder", event_payload: { reminder_id: row.id } },
    });
    expect(await sweep()).toBe(true);
    const sent = await waitForState(row.id, "sent");
    expect(postsFor(row.id)).toHaveLength(1);
    expect(sent.slackMessageTs).toBe(postsFor(row.id)[0]!.response.ts);
  });

  it("delivers every pending reminder once after Redis lost all its jobs", async () => {
    const reference = referenceOf(await run(`add Prepare the estates review <@${OWNER}> by 30 November #LCRB`));
    const rows: Array<{ id: string }> = [];
    for (let i = 0; i < 100; i++) rows.push(await plantReminder(reference, 2000 + i, `user:U0MANY${i}`));
    // About Redis, not Slack's limits: a hundred DMs opened at once would be held to Tier 3.
    app.fake.rateLimits = "off";
    await sweep();
    // Redis loses everything of ours (as FLUSHALL would) before any of them fired.
    await deleteRedisKeys(app.config.redisKeyPrefix);
    // None can run now: gone, or (if a worker was writing to one as the keys went) a bare hash.
    for (const row of rows) expect(await app.runtime.queues.queue("reminders").getJobState(row.id)).toBe("unknown");
    // The sweep runs every minute: here it runs once the reminders are due, and again while any
    // waits (a worker that was writing to a job as Redis lost it can leave a job that never runs,
    // which a sweep only judges once the reminder is due).
    const isWaiting = async () =>
      (await db().reminder.count({ where: { id: { in: rows.map((r) => r.id) }, state: { not: "sent" } } })) > 0;
    for (let sweeps = 0; sweeps < 5 && (await isWaiting()); sweeps++) {
      expect(await sweep()).toBe(true);
      for (const row of rows) await waitForState(row.id, "sent", 5_000).catch(() => undefined);
    }
    for (const row of rows)
      expect((await db().reminder.findUniqueOrThrow({ where: { id: row.id } })).state).toBe("sent");
    for (const row of rows) expect(postsFor(row.id)).toHaveLength(1);
    // A later sweep finds nothing to do and sends nothing more.
    await sweep();
    await new Promise((r) => setTimeout(r, 300));
    for (const row of rows) expect(postsFor(row.id)).toHaveLength(1);
  });

  it("queues a missing job within three days at once, and leaves rows further ahead to come within them", async () => {
    const reference = referenceOf(await run(`add Review the estates strategy <@${SECRETARY}> by 30 December #LCRB`));
    const tomorrow = await plantReminder(reference, 86_400_000, `user:${SECRETARY}`);
    const nextWeek = await plantReminder(reference, 5 * 86_400_000, `user:${SECRETARY}`);
    const missingLogs = () =>
      app.logs.records().filter((r) => r.msg === "reminder jobs were missing from Redis and have been queued again");
    const logged = missingLogs().length;
    expect(await sweep()).toBe(true);
    const queue = app.runtime.queues.queue("reminders");
    expect(await queue.getJobState(tomorrow.id)).toBe("delayed");
    expect(await queue.getJobState(nextWeek.id)).toBe("unknown");
    // The one within the horizon should have had its job: that is worth a warning.
    expect(missingLogs().slice(logged)).toEqual([expect.objectContaining({ requeued: expect.any(Number) })]);
    expect(Number(missingLogs().at(-1)!.requeued)).toBeGreaterThanOrEqual(1);
  });

  it("queues again a due reminder whose job is in Redis but can never run", async () => {
    const reference = referenceOf(await run(`add Renew the data sharing agreement <@${OWNER}> by 30 November #LCRB`));
    const due = await plantReminder(reference, -60_000);
    const finished = await plantReminder(reference, -60_000, "user:U0FINISHED");
    // A bare hash outside every list (as a worker leaves one when Redis loses keys under it), and
    // a job marked failed for good while its row still waits: the sweep used to see "a job
    // exists" and leave both for ever.
    const queue = app.runtime.queues.queue("reminders");
    const redis = new Redis(TEST_REDIS_URL);
    await redis.hset(
      `${app.config.redisKeyPrefix}:reminders:${due.id}`,
      "name",
      "send",
      "data",
      JSON.stringify({ reminderId: due.id }),
      "timestamp",
      String(Date.now()),
    );
    await redis.hset(
      `${app.config.redisKeyPrefix}:reminders:${finished.id}`,
      "name",
      "send",
      "data",
      JSON.stringify({ reminderId: finished.id }),
      "finishedOn",
      String(Date.now()),
      "failedReason",
      "gave up",
    );
    await redis.zadd(`${app.config.redisKeyPrefix}:reminders:failed`, Date.now(), finished.id);
    await redis.quit();
    expect(await queue.getJobState(due.id)).toBe("unknown");
    expect(await queue.getJobState(finished.id)).toBe("failed");
    expect(await sweep()).toBe(true);
    await waitForState(due.id, "sent");
    await waitForState(finished.id, "sent");
    expect(postsFor(due.id)).toHaveLength(1);
    expect(postsFor(finished.id)).toHaveLength(1);
  });

  it("waits out Slack's Retry-After, then delivers once", async () => {
    const reference = await logAction("Check the grant conditions");
    app.fake.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 });
    const row = await plantReminder(reference, 0);
    await sweep();
    const sent = await waitForState(row.id, "sent");
    const tries = app.fake
      .callsTo("chat.postMessage")
      .filter((c) => JSON.stringify(c.args.metadata ?? {}).includes(row.id));
    expect(tries.map((c) => c.status)).toEqual([429, 200]);
    expect(tries[1]!.at.getTime() - tries[0]!.at.getTime()).toBeGreaterThanOrEqual(950);
    expect(sent.state).toBe("sent");
  });

  it("marks a reminder Slack will never take as failed, with the reason, and skips ones far too late", async () => {
    const reference = await logAction("Write to the borough leaders");
    // U0GONE is not in the workspace: Slack will not open a DM with them (user_not_found).
    const gone = await plantReminder(reference, 0, "user:U0GONE");
    const late = await plantReminder(reference, -2 * 24 * 3_600_000, "user:U0LATE");
    await sweep();
    expect((await waitForState(gone.id, "failed")).lastError).toBe(
      "Slack does not know them in this workspace (they may have left)",
    );
    expect((await waitForState(late.id, "skipped")).lastError).toMatch(/skipped: \d+ minutes late/);
    expect(postsFor(late.id)).toHaveLength(0);
    // The secretariat sees it in the action's history.
    const shown = await run(`show ${reference}`);
    expect(JSON.stringify(shown.blocks)).toContain("Reminders not delivered");
    expect(JSON.stringify(shown.blocks)).toContain("<@U0GONE>: Slack does not know them in this workspace");
    // And is told by DM, with what to do.
    const told = await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === SECRETARY && String(c.args.text).startsWith("I couldn't remind <@U0GONE>"),
    );
    expect(String(told.args.text)).toBe(
      `I couldn't remind <@U0GONE> about ${reference} (Write to the borough leaders): Slack does not know them in this workspace (they may have left). Reassign the action or tell them another way.`,
    );
  });

  it("answers Done on a reminder: the action closes and the reminder says so in place", async () => {
    const reference = referenceOf(await run(`add Publish the response <@${OWNER}> by 30 November #LCRB`));
    const row = await plantReminder(reference, 0);
    await sweep();
    await waitForState(row.id, "sent");
    const pressed = await app.slack.button({
      actionId: "reminder.done",
      value: row.id,
      userId: OWNER,
      channelId: `D${OWNER.slice(1)}`,
    });
    const reply = await pressed.reply();
    expect(reply.replace_original).toBe(true);
    expect(String(reply.text)).toContain(`${reference}: Marked done by <@${OWNER}>`);
    const action = await db().action.findUniqueOrThrow({ where: { id: await actionId(reference) } });
    expect(action.status).toBe("done");
    expect((await remindersOf(reference)).filter((r) => r.state === "scheduled")).toEqual([]);
  });

  it("snoozes from the Home tab for a week of working days, answering by DM", async () => {
    const reference = await logAction("Collate the borough returns");
    const id = await actionId(reference);
    await app.slack.event({ type: "app_home_opened", user: OWNER, channel: "D0OWNER", tab: "home" });
    await app.fake.waitFor(
      "views.publish",
      (c) =>
        c.args.user_id === OWNER && JSON.stringify(c.args.view).includes(`"action_id":"action.snooze","value":"${id}"`),
    );
    await app.slack.button({ actionId: "action.snooze", value: id, userId: OWNER, from: "home" });
    const dm = await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === OWNER && String(c.args.text).includes(`${reference}: Snoozed`),
    );
    // Five working days after Mon 23 Nov 2026 is Mon 30 Nov.
    expect(String(dm.args.text)).toContain("until Mon 30 Nov 2026 09:00");
    // That is the due day (30 Nov): its own reminder is the one they get then, not a snooze beside it.
    const rows = await remindersOf(reference);
    expect(
      rows
        .filter((r) => r.state === "scheduled" && r.fireAt.toISOString() === "2026-11-30T09:00:00.000Z")
        .map((r) => r.kind),
    ).toEqual(["due_day"]);
    expect(rows.filter((r) => r.state === "scheduled" && r.fireAt < new Date("2026-11-30T09:00:00.000Z"))).toEqual([]);
  });

  it("cuts a snooze that would pass the due day to the due day's reminder, and says so", async () => {
    // Due Wed 25 Nov; "Snooze 1 week" on Mon 23 Nov would be Mon 30 Nov, after the due date.
    const reference = referenceOf(await run(`add Sign off the grant letters <@${OWNER}> by 25 November #LCRB`));
    const row = await plantReminder(reference, 0);
    await sweep();
    await waitForState(row.id, "sent");
    const reply = await (
      await app.slack.button({
        actionId: "reminder.snooze_week",
        value: row.id,
        userId: OWNER,
        channelId: `D${OWNER.slice(1)}`,
      })
    ).reply();
    expect(String(reply.text)).toContain(
      "until Wed 25 Nov 2026 09:00, the due day's reminder: a snooze does not go past the due date",
    );
    const rows = await remindersOf(reference);
    expect(rows.filter((r) => r.kind === "snooze")).toEqual([]);
    const next = rows.filter((r) => r.state === "scheduled").sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime())[0];
    expect([next?.kind, next?.fireAt.toISOString()]).toEqual(["due_day", "2026-11-25T09:00:00.000Z"]);
    const events = await db().actionEvent.findMany({ where: { actionId: await actionId(reference), type: "snoozed" } });
    expect((events[0]?.after as { until: string }).until).toBe("2026-11-25T09:00:00.000Z");
  });

  it("keeps a snooze when the date moves later, and ends it when the new due day comes first", async () => {
    // Due Wed 2 Dec; "Snooze 1 week" on Mon 23 Nov holds until Mon 30 Nov.
    const reference = referenceOf(await run(`add Agree the estates brief <@${OWNER}> by 2 December #LCRB`));
    const row = await plantReminder(reference, 0);
    await sweep();
    await waitForState(row.id, "sent");
    expect(
      String(
        (
          await (
            await app.slack.button({
              actionId: "reminder.snooze_week",
              value: row.id,
              userId: OWNER,
              channelId: `D${OWNER.slice(1)}`,
            })
          ).reply()
        ).text,
      ),
    ).toContain("until Mon 30 Nov 2026 09:00");
    const until = new Date("2026-11-30T09:00:00.000Z");
    const scheduledFor = async () =>
      (await remindersOf(reference)).filter((r) => r.state === "scheduled" && r.recipient === `user:${OWNER}`);
    await run(`due ${reference} 3 December`);
    // The new 7-day reminder (Thu 26 Nov) falls inside the snooze: not planned; the snooze still ends it.
    expect((await scheduledFor()).filter((r) => r.fireAt < until)).toEqual([]);
    expect((await scheduledFor()).filter((r) => r.kind === "snooze").map((r) => r.fireAt.toISOString())).toEqual([
      until.toISOString(),
    ]);
    // Moved to Fri 27 Nov, before the snooze's end: the snooze ends and the due day is reminded.
    await run(`due ${reference} 27 November`);
    const after = await scheduledFor();
    expect(after.filter((r) => r.kind === "snooze")).toEqual([]);
    expect(after.find((r) => r.kind === "due_day")?.fireAt.toISOString()).toBe("2026-11-27T09:00:00.000Z");
  });

  it("snoozes: nothing until the next working day at 09:00, then one reminder", async () => {
    const reference = referenceOf(await run(`add Agree the terms of reference <@${OWNER}> by 24 November #LCRB`));
    const row = await plantReminder(reference, 0);
    await sweep();
    await waitForState(row.id, "sent");
    const reply = await (
      await app.slack.button({
        actionId: "reminder.snooze_day",
        value: row.id,
        userId: OWNER,
        channelId: `D${OWNER.slice(1)}`,
      })
    ).reply();
    expect(String(reply.text)).toContain("Snoozed by");
    expect(String(reply.text)).toContain("Tue 24 Nov 2026 09:00");
    const rows = await remindersOf(reference);
    // Tue 24 Nov 09:00 is the due day's reminder: that one comes, with no snooze beside it; none earlier remain.
    expect(
      rows
        .filter((r) => r.state === "scheduled" && r.fireAt.toISOString() === "2026-11-24T09:00:00.000Z")
        .map((r) => r.kind),
    ).toEqual(["due_day"]);
    expect(rows.filter((r) => r.kind === "snooze")).toEqual([]);
    expect(rows.filter((r) => r.state === "scheduled" && r.fireAt < new Date("2026-11-24T09:00:00.000Z"))).toEqual([]);
    const events = await db().actionEvent.findMany({ where: { actionId: await actionId(reference), type: "snoozed" } });
    expect(events).toHaveLength(1);
  });
});

describe("new dates from a reminder", () => {
  let app: TestApp;
  let workspaceId: string;
  const CHAIR = "U0CHAIR";
  const OWNER = "U0OWNER";
  const SECRETARY = "U0SECRETARY";

  beforeAll(async () => {
    app = await startTestApp({ now });
    workspaceId = (
      await ensureWorkspace({ db: app.runtime.db, slackTeamId: app.fake.teamId, timeZone: "Europe/London" })
    ).id;
    await app.runtime.db.board.create({
      data: {
        workspaceId,
        code: "LCRB",
        name: "London Crime Reduction Board",
        slackChannelId: "C0LCRB",
        chairSlackUserId: CHAIR,
        secretarySlackUserId: SECRETARY,
      },
    });
    for (const id of [CHAIR, OWNER, SECRETARY]) app.fake.addUser({ id, name: id.slice(2).toLowerCase() });
  });

  afterAll(async () => {
    await app.stop();
  });

  it("asks the secretary to approve an owner's new date; approval moves the date and tells the owner", async () => {
    const db = app.runtime.db;
    const reply = await (
      await app.slack.command("/action", `add Revise the estates plan <@${OWNER}> by 30 November #LCRB`)
    ).reply();
    const reference = String(reply.text).split(" ")[0]!;
    const action = await db.action.findFirstOrThrow({ where: { workspaceId, reference } });
    const reminder = await db.reminder.findFirstOrThrow({
      where: { actionId: action.id, state: "scheduled", recipient: `user:${OWNER}` },
    });

    await app.slack.button({ actionId: "reminder.new_date", value: reminder.id, userId: OWNER, channelId: "D0OWNER" });
    const opened = await formShown(app.fake, (c) => (c.args.view as Json).callback_id === "reminder.new_date_form");
    const form = opened.args.view as Json;
    expect(JSON.stringify(form)).toContain("Ask for it");
    await app.slack.interaction({
      type: "view_submission",
      user: { id: OWNER, username: "owner", team_id: app.fake.teamId },
      view: {
        id: "V0NEWDATE",
        type: "modal",
        callback_id: "reminder.new_date_form",
        private_metadata: form.private_metadata,
        state: {
          values: {
            new_due_phrase: { value: { value: "end of January" } },
            reason: { value: { value: "Waiting for the survey" } },
          },
        },
      },
    });
    const asked = await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === SECRETARY && String(c.args.text).includes(`New date asked for ${reference}`),
    );
    const requestId = JSON.stringify(asked.args.blocks).match(/"action_id":"extension.approve","value":"([^"]+)"/)?.[1];
    expect(requestId).toBeDefined();
    // Nothing has moved yet.
    expect((await db.action.findUniqueOrThrow({ where: { id: action.id } })).dueText).toBe("30 November");

    // Someone who is neither chair nor secretary cannot approve.
    const refused = await (
      await app.slack.button({ actionId: "extension.approve", value: requestId!, userId: "U0NOBODY" })
    ).reply();
    expect(String(refused.text)).toContain("Only the board's chair or secretary");

    const approved = await (
      await app.slack.button({ actionId: "extension.approve", value: requestId!, userId: SECRETARY })
    ).reply();
    expect(approved.replace_original).toBe(true);
    expect(String(approved.text)).toContain(`${reference} is now due Sun 31 Jan 2027`);
    const moved = await db.action.findUniqueOrThrow({
      where: { id: action.id },
      include: { events: { orderBy: { createdAt: "asc" } } },
    });
    expect(moved.dueText).toBe("end of January");
    expect(moved.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["extension_requested", "extension_approved", "due_changed"]),
    );
    await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === OWNER && String(c.args.text).includes("was approved by"),
    );
    // Reminders follow the new date.
    const live = await db.reminder.findMany({ where: { actionId: action.id, state: "scheduled", kind: "due_day" } });
    // Due Sun 31 Jan 2027: its due-day reminder comes on the working day before, Fri 29 Jan.
    expect(live.map((r) => r.fireAt.toISOString())).toEqual(["2027-01-29T09:00:00.000Z"]);

    // Deciding twice is refused.
    const again = await (
      await app.slack.button({ actionId: "extension.decline", value: requestId!, userId: SECRETARY })
    ).reply();
    expect(String(again.text)).toContain("already approved");
  });

  it("asks the chair too; the chair decides from the Home tab, and the secretary's request says it was decided", async () => {
    const db = app.runtime.db;
    const reply = await (
      await app.slack.command("/action", `add Refresh the risk register <@${OWNER}> by 4 December #LCRB`)
    ).reply();
    const reference = String(reply.text).split(" ")[0]!;
    const action = await db.action.findFirstOrThrow({ where: { workspaceId, reference } });
    const reminder = await db.reminder.findFirstOrThrow({
      where: { actionId: action.id, state: "scheduled", recipient: `user:${OWNER}` },
    });
    const since = app.fake.calls.length;
    await app.slack.button({ actionId: "reminder.new_date", value: reminder.id, userId: OWNER, channelId: "D0OWNER" });
    const form = (
      await formShown(app.fake, (c) => (c.args.view as Json).callback_id === "reminder.new_date_form", 5000, since)
    ).args.view as Json;
    // The date picked in the form, not written in words.
    await app.slack.interaction({
      type: "view_submission",
      user: { id: OWNER, username: "owner", team_id: app.fake.teamId },
      view: {
        id: "V0NEWDATE2",
        type: "modal",
        callback_id: "reminder.new_date_form",
        private_metadata: form.private_metadata,
        state: { values: { new_due_date: { value: { type: "datepicker", selected_date: "2026-12-18" } } } },
      },
    });
    const toOwner = await app.fake.waitFor(
      "chat.postMessage",
      (c) =>
        c.args.channel === OWNER &&
        String(c.args.text).includes(`Asked <@${SECRETARY}> and <@${CHAIR}> to approve moving ${reference}`),
    );
    expect(String(toOwner.args.text)).toContain("whoever answers first decides");
    const request = await db.extensionRequest.findFirstOrThrow({ where: { actionId: action.id, status: "pending" } });
    const asked = (who: string) =>
      app.fake
        .callsTo("chat.postMessage")
        .find((c) => c.args.channel === who && JSON.stringify(c.args.blocks).includes(`"value":"${request.id}"`));
    expect(asked(SECRETARY)).toBeDefined();
    expect(asked(CHAIR)).toBeDefined();
    // The chair's Home tab lists it with its buttons.
    await app.slack.event({ type: "app_home_opened", user: CHAIR, channel: "D0CHAIR", tab: "home" });
    await app.fake.waitFor(
      "views.publish",
      (c) =>
        c.args.user_id === CHAIR &&
        JSON.stringify(c.args.view).includes(`"action_id":"extension.approve","value":"${request.id}"`),
    );

    await app.slack.button({ actionId: "extension.approve", value: request.id, userId: CHAIR, from: "home" });
    await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === CHAIR && String(c.args.text).includes(`New date approved by <@${CHAIR}>`),
    );
    const moved = await db.action.findUniqueOrThrow({ where: { id: action.id } });
    expect(moved.dueAt?.toISOString()).toBe("2026-12-18T00:00:00.000Z");
    // The secretary's copy now says who decided, with no buttons left.
    const secretaryCopy = asked(SECRETARY)!;
    const updated = await app.fake.waitFor("chat.update", (c) => c.args.ts === secretaryCopy.response.ts);
    expect(String(updated.args.text)).toContain(`approved by <@${CHAIR}>`);
    expect(JSON.stringify(updated.args.blocks)).not.toContain("extension.approve");
    // The history names the dates before and after, though the new one was picked, not written.
    const shown = JSON.stringify(
      await (await app.slack.command("/action", `show ${reference}`, { userId: SECRETARY })).reply(),
    );
    expect(shown).toMatch(
      /due date changed by <@U0CHAIR> from Fri 4 Dec 2026 \(written: \\"4 December\\"\) to Fri 18 Dec 2026/,
    );
    // The secretary pressing the old button afterwards is told it was decided.
    const late = await (
      await app.slack.button({ actionId: "extension.decline", value: request.id, userId: SECRETARY })
    ).reply();
    expect(String(late.text)).toContain("already approved");
  });

  it("still asks the chair when Slack will not deliver to the secretary, and keeps the request", async () => {
    const db = app.runtime.db;
    const reply = await (
      await app.slack.command("/action", `add Check the custody audit <@${OWNER}> by 4 December #LCRB`)
    ).reply();
    const reference = String(reply.text).split(" ")[0]!;
    const action = await db.action.findFirstOrThrow({ where: { workspaceId, reference } });
    const reminder = await db.reminder.findFirstOrThrow({
      where: { actionId: action.id, state: "scheduled", recipient: `user:${OWNER}` },
    });
    const since = app.fake.calls.length;
    await app.slack.button({ actionId: "reminder.new_date", value: reminder.id, userId: OWNER, channelId: "D0OWNER" });
    const form = (
      await formShown(app.fake, (c) => (c.args.view as Json).callback_id === "reminder.new_date_form", 5000, since)
    ).args.view as Json;
    // The secretary (asked first) has been deactivated: Slack refuses the post.
    app.fake.failNext("chat.postMessage", { status: 200, error: "user_disabled" });
    await app.slack.interaction({
      type: "view_submission",
      user: { id: OWNER, username: "owner", team_id: app.fake.teamId },
      view: {
        id: "V0NEWDATE3",
        type: "modal",
        callback_id: "reminder.new_date_form",
        private_metadata: form.private_metadata,
        state: { values: { new_due_date: { value: { type: "datepicker", selected_date: "2026-12-18" } } } },
      },
    });
    await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === OWNER && String(c.args.text).includes(`to approve moving ${reference}`),
    );
    const request = await db.extensionRequest.findFirstOrThrow({ where: { actionId: action.id, status: "pending" } });
    const refused = app.fake.calls
      .slice(since)
      .filter((c) => c.method === "chat.postMessage" && c.response.error === "user_disabled");
    expect(refused.map((c) => c.args.channel)).toEqual([SECRETARY]);
    expect(
      app.fake.calls
        .slice(since)
        .some(
          (c) =>
            c.method === "chat.postMessage" &&
            c.status === 200 &&
            c.response.ok === true &&
            c.args.channel === CHAIR &&
            JSON.stringify(c.args.blocks).includes(request.id),
        ),
    ).toBe(true);
    // The chair's message is kept, so deciding updates it.
    expect((request.approverMessages as Array<{ channel: string }>).map((m) => m.channel)).toHaveLength(1);
  });
});
