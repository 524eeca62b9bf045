// createAction writes a new action in one statement (counter, action, owners, event and
// reminder rows); these tests hold it to what the Prisma path it replaced wrote, row for row.
import { createDb, type Db } from "../../../src/db/client";
import { BOARD_FOR_ACTION, createAction, insertAction } from "../../../src/domain/actions/create-action";
import type { OwnerInput } from "../../../src/domain/actions/action-record";
import type { ResolvedDue } from "../../../src/domain/actions/resolve-due";
import { syncActionReminders } from "../../../src/domain/reminders/sync-action-reminders";
import { ensureWorkspace } from "../../../src/domain/workspaces/ensure-workspace";
import { createTestDatabase, type TestDatabase } from "../../support/database";

describe("createAction", () => {
  let database: TestDatabase;
  let db: Db;
  const sent: string[] = [];
  let workspaceId = "";
  const now = new Date("2026-11-23T10:00:00Z");
  const due: ResolvedDue = {
    dueAt: new Date("2027-01-29T00:00:00Z"),
    duePrecision: "day",
    dueText: "29 January",
    dueMeetingId: null,
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ databaseUrl: database.url, poolSize: 4, onQuery: (sql) => sent.push(sql) });
    ({ id: workspaceId } = await ensureWorkspace({ db, slackTeamId: "T0CREATE", timeZone: "Europe/London" }));
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  /** Two boards alike but for their codes: one written the old way, one the new. */
  async function twinBoards(settings: { secretarySlackUserId?: string; reminderPolicy?: object; timeZone?: string }) {
    const make = (code: string) =>
      db.board.create({
        data: { workspaceId, code, name: `Board ${code}`, slackChannelId: `C0${code}`, ...settings },
      });
    return [await make(`O${Math.floor(Math.random() * 1e6)}`), await make(`N${Math.floor(Math.random() * 1e6)}`)];
  }

  /** What the Prisma path wrote before: insertAction and syncActionReminders in one transaction. */
  const createTheOldWay = (options: Parameters<typeof createAction>[0]) =>
    db.$transaction(async (tx) => {
      const action = await insertAction(tx, options);
      const reminders = await syncActionReminders(tx, { workspaceId, actionId: action.id, now: options.now });
      return { action, reminders };
    });

  /** The rows an action left, without what differs by nature (ids, the board, its code). */
  async function rowsOf(actionId: string, code: string | undefined) {
    const action = await db.action.findUniqueOrThrow({
      where: { id: actionId },
      include: { owners: true, events: true },
    });
    const reminders = await db.reminder.findMany({
      where: { actionId },
      orderBy: [{ fireAt: "asc" }, { kind: "asc" }],
    });
    const withoutCode = (text: string) => (code ? text.replaceAll(code, "CODE") : text);
    return {
      action: {
        ...action,
        id: undefined,
        boardId: undefined,
        updatedAt: undefined,
        reference: withoutCode(action.reference),
        requestKey: undefined,
        owners: action.owners.map((o) => ({ ...o, id: undefined, actionId: undefined })),
        events: action.events.map((e) => ({
          ...e,
          id: undefined,
          actionId: undefined,
          after: JSON.parse(withoutCode(JSON.stringify(e.after))) as unknown,
        })),
      },
      reminders: reminders.map((r) => ({
        ...r,
        id: undefined,
        actionId: undefined,
        boardId: undefined,
        recipient: withoutCode(r.recipient),
        subject: undefined,
        createdAt: undefined,
        updatedAt: undefined,
      })),
    };
  }

  const owners: OwnerInput[] = [{ slackUserId: "U0OWNER" }, { bodyName: "London Councils" }];

  it.each([
    ["owners in Slack and a due date", {}, owners, due],
    ["only a body as owner (reminders to the board's channel)", {}, [{ bodyName: "MOPAC" }], due],
    ["a secretary, who is escalated to", { secretarySlackUserId: "U0SEC" }, owners, due],
    [
      "a policy of its own and another zone",
      { reminderPolicy: { beforeDueDays: [14, 3] }, timeZone: "Europe/Dublin" },
      owners,
      due,
    ],
    ["no due date (no reminders)", {}, owners, undefined],
  ])("writes what the Prisma path wrote, for a board with %s", async (_, settings, ownersOf, dueOf) => {
    const [old, current] = await twinBoards(settings);
    const common = {
      db,
      workspaceId,
      text: "Draft the terms",
      owners: ownersOf,
      due: dueOf,
      createdBySlackUserId: "U0SECRETARY",
      now,
    };
    const before = await createTheOldWay({ ...common, board: old! });
    const after = await createAction({ ...common, board: current!, requestKey: `command:${current!.code}` });
    expect(after.isNew).toBe(true);
    expect(await rowsOf(after.action.id, current!.code)).toEqual(await rowsOf(before.action.id, old!.code));
    // What it returns is what a read gives back, and the reminder rows it reports are those written.
    expect(after.action).toEqual(
      await db.action.findUniqueOrThrow({
        where: { id: after.action.id },
        include: {
          owners: { orderBy: { position: "asc" } },
          board: {
            select: Object.fromEntries(
              Object.keys(BOARD_FOR_ACTION)
                .filter((k) => k !== "holidayRegion" && k !== "reminderPolicy")
                .map((k) => [k, true]),
            ),
          },
        },
      }),
    );
    const written = await db.reminder.findMany({
      where: { actionId: after.action.id },
      select: { id: true, fireAt: true, subject: true },
    });
    for (const row of written) expect(row.subject).toBe(`action:${after.action.id}`);
    expect([...after.reminders.scheduled].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      written.map(({ id, fireAt }) => ({ id, fireAt })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(after.reminders.scheduled.length).toBe(before.reminders.scheduled.length);
  });

  it("numbers actions without a board on the workspace, keeping to its zone", async () => {
    const common = {
      db,
      workspaceId,
      board: undefined,
      text: "Book the room",
      owners,
      due,
      createdBySlackUserId: "U0SECRETARY",
      now,
    };
    const before = await createTheOldWay(common);
    const after = await createAction({ ...common, workspaceTimeZone: "Europe/London" });
    expect(after.action.reference).toBe(`A-${before.action.number + 1}`);
    // Alike but for the number, which the reference and its event carry.
    const [a, b] = [await rowsOf(after.action.id, "A-2"), await rowsOf(before.action.id, "A-1")];
    expect({ ...a, action: { ...a.action, number: 0 } }).toEqual({ ...b, action: { ...b.action, number: 0 } });
  });

  it("costs one statement with the board read before, two without", async () => {
    const [board] = await twinBoards({});
    const full = await db.board.findUniqueOrThrow({ where: { id: board!.id }, select: BOARD_FOR_ACTION });
    const common = { db, workspaceId, text: "Circulate the papers", owners, due, createdBySlackUserId: "U0SEC", now };
    sent.length = 0;
    await createAction({ ...common, board: full, requestKey: "command:one-statement" });
    expect(sent).toHaveLength(1);
    sent.length = 0;
    await createAction({ ...common, board: { id: board!.id, code: board!.code } });
    expect(sent).toHaveLength(2);
  });

  it("returns the first action for a request seen before, and numbers nothing for it, even when two race", async () => {
    const [board] = await twinBoards({});
    const common = {
      db,
      workspaceId,
      board: board!,
      text: "Brief the panel",
      owners,
      due,
      createdBySlackUserId: "U0SEC",
      now,
    };
    const first = await createAction({ ...common, requestKey: "command:again" });
    const again = await createAction({ ...common, requestKey: "command:again" });
    expect(again).toMatchObject({ isNew: false, reminders: { scheduled: [], cancelled: [] } });
    expect(again.action.id).toBe(first.action.id);
    const raced = await Promise.all([1, 2, 3].map(() => createAction({ ...common, requestKey: "command:raced" })));
    expect(raced.filter((r) => r.isNew)).toHaveLength(1);
    expect(new Set(raced.map((r) => r.action.id)).size).toBe(1);
    const next = await createAction(common);
    // LCRB-1 and the raced one: no number was used up by a request seen before.
    expect(next.action.number).toBe(3);
    expect(await db.action.count({ where: { boardId: board!.id } })).toBe(3);
    expect(await db.actionEvent.count({ where: { action: { boardId: board!.id } } })).toBe(3);
  });

  it("refuses a board of another workspace, writing nothing", async () => {
    const other = await ensureWorkspace({ db, slackTeamId: "T0OTHER", timeZone: "Europe/London" });
    const [board] = await twinBoards({});
    const full = await db.board.findUniqueOrThrow({ where: { id: board!.id }, select: BOARD_FOR_ACTION });
    const counted = await db.action.count();
    await expect(
      createAction({ db, workspaceId: other.id, board: full, text: "x", owners, due, createdBySlackUserId: "U0", now }),
    ).rejects.toMatchObject({ code: "board_not_found" });
    expect(await db.action.count()).toBe(counted);
  });
});
