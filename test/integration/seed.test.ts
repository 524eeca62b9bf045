// The sample data: four boards and their minutes loaded through the import path,
// dated around today (some actions overdue, reminders ahead); loading twice is loading once.
import { createDb, type Db } from "../../src/db/client";
import { seedSampleData, SAMPLE_BOARDS } from "../../seeds/sample-data";
import { createTestDatabase, type TestDatabase } from "../support/database";

describe("sample data", () => {
  let database: TestDatabase;
  let db: Db;
  const now = new Date("2026-11-23T10:00:00Z");

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ databaseUrl: database.url, poolSize: 2 });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  const counts = async () => ({
    boards: await db.board.count(),
    meetings: await db.meeting.count(),
    actions: await db.action.count(),
    reminders: await db.reminder.count(),
  });

  it("loads every board with its minutes, actions and next meeting, and loading again changes nothing", async () => {
    const first = await seedSampleData(db, { slackTeamId: "T0SAMPLE", now });
    expect(first.boards.map((b) => [b.code, b.isNew, b.isImported])).toEqual(SAMPLE_BOARDS.map((b) => [b.code, true, true]));
    const loaded = await counts();
    expect(loaded.boards).toBe(4);
    expect(loaded.actions).toBeGreaterThanOrEqual(8);
    // Around today: some actions already overdue, some due ahead, and meetings to come.
    expect(await db.action.count({ where: { dueAt: { lt: now } } })).toBeGreaterThan(0);
    expect(await db.action.count({ where: { dueAt: { gt: now } } })).toBeGreaterThan(0);
    expect(await db.meeting.count({ where: { status: "scheduled", startsAt: { gt: now } } })).toBeGreaterThanOrEqual(3);
    expect(await db.reminder.count({ where: { state: "scheduled", fireAt: { gt: now } } })).toBeGreaterThan(10);

    const second = await seedSampleData(db, { slackTeamId: "T0SAMPLE", now: new Date(now.getTime() + 86_400_000) });
    expect(second.boards.every((b) => !b.isNew && !b.isImported)).toBe(true);
    expect(await counts()).toEqual(loaded);
  });
});
