// The sample data: four boards and their minutes loaded through the import path,
// dated around today (some actions overdue, reminders ahead); loading twice is loading once.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { DateTime } from "luxon";
import { createDb, type Db } from "../../src/db/client";
import { projectRoot } from "../../src/project-root";
import { isWorkingDay } from "../../src/reminders/plan";
import { seedSampleData, SAMPLE_BOARDS } from "../../seeds/sample-data";
import { createTestDatabase, type TestDatabase } from "../support/database";

const run = promisify(execFile);

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
    expect(first.boards.map((b) => [b.code, b.isNew, b.isImported])).toEqual(
      SAMPLE_BOARDS.map((b) => [b.code, true, true]),
    );
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

  it("puts every meeting on a working day, whatever day it is loaded on, held ones past and coming ones ahead", async () => {
    const calendar = { timeZone: "Europe/London", holidayRegion: "england-and-wales" as const };
    // A whole week (so each offset lands on a Saturday and a Sunday some day), and days whose
    // offsets reach Christmas, Easter and the May bank holidays.
    const days = [
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
      "2026-11-26",
      "2026-11-27",
      "2026-11-28",
      "2026-11-29",
      "2026-12-21",
      "2027-03-15",
      "2027-05-10",
    ];
    for (const day of days) {
      const loadedAt = new Date(`${day}T10:00:00Z`);
      const slackTeamId = `T0DAY${day.replace(/-/g, "")}`;
      await seedSampleData(db, { slackTeamId, now: loadedAt });
      const meetings = await db.meeting.findMany({
        where: { workspace: { slackTeamId } },
        select: { startsAt: true, status: true, board: { select: { code: true } } },
      });
      expect(meetings.length).toBeGreaterThanOrEqual(7);
      for (const meeting of meetings) {
        const local = DateTime.fromJSDate(meeting.startsAt, { zone: calendar.timeZone });
        expect({
          loadedOn: day,
          board: meeting.board.code,
          meets: local.toFormat("ccc d LLL yyyy"),
          isWorkingDay: isWorkingDay(local.toISODate()!, calendar),
        }).toMatchObject({ isWorkingDay: true });
        expect({
          loadedOn: day,
          board: meeting.board.code,
          meets: local.toISODate(),
          status: meeting.status,
          isAhead: meeting.startsAt > loadedAt,
        }).toMatchObject({ isAhead: meeting.status === "scheduled" });
      }
    }
    // Without the move, loading on Sun 29 Nov 2026 would put the bilateral's next meeting on Sunday 13 December.
    const bilateral = await db.meeting.findFirstOrThrow({
      where: { workspace: { slackTeamId: "T0DAY20261129" }, board: { code: "BIL" }, status: "scheduled" },
    });
    expect(DateTime.fromJSDate(bilateral.startsAt, { zone: calendar.timeZone }).toISODate()).toBe("2026-12-14");
  });
});

describe("npm run import", () => {
  let database: TestDatabase;
  let db: Db;
  const corpus = path.join(projectRoot(), "test", "fixtures", "minutes", "corpus");
  const cli = path.join(projectRoot(), "dist", "src", "cli", "import-minutes.js");
  const importFiles = (args: string[]) =>
    run(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH ?? "", DATABASE_URL: database.url } });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ databaseUrl: database.url, poolSize: 2 });
    await seedSampleData(db, { slackTeamId: "T0LOCAL", now: new Date() });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("imports historic minutes into a board with a summary, skipping what it cannot or has already imported", async () => {
    const files = [
      path.join(corpus, "01_harbridge-planning-committee-2024-03.txt"),
      path.join(corpus, "13_ridgeway-homes-board-2024-04.docx"),
      path.join(corpus, "10_grove-road-allotments-committee.txt"),
    ];
    const first = await importFiles([...files, "--board", "rcrb"]);
    expect(first.stdout).toContain("01_harbridge-planning-committee-2024-03.txt: meeting of 2024-03-19, 4 actions");
    expect(first.stdout).toContain("13_ridgeway-homes-board-2024-04.docx: meeting of 2024-04-24, 5 actions");
    expect(first.stdout).toContain("10_grove-road-allotments-committee.txt: skipped, no meeting date in it");
    expect(first.stdout).toContain("2 of 3 documents imported into RCRB: 9 actions.");
    const again = await importFiles([files[0]!, "--board", "RCRB"]);
    expect(again.stdout).toContain(
      "01_harbridge-planning-committee-2024-03.txt: skipped, These minutes are already in: imported on",
    );
    await expect(importFiles([files[0]!, "--board", "NOPE"])).rejects.toMatchObject({
      stderr: expect.stringContaining("There is no board NOPE in workspace T0LOCAL"),
    });
  });
});
