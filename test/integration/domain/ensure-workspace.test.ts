import { createDb, type Db } from "../../../src/db/client";
import { ensureWorkspace } from "../../../src/domain/workspaces/ensure-workspace";
import { createTestDatabase, type TestDatabase } from "../../support/database";

describe("a workspace's row", () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ databaseUrl: database.url, poolSize: 10 });
  });

  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("is made once when a team's first requests arrive together, and every one of them gets it", async () => {
    const found = await Promise.all(Array.from({ length: 20 }, () => ensureWorkspace({ db, slackTeamId: "T0TOGETHER", timeZone: "Europe/London" })));
    expect(new Set(found.map((w) => w.id)).size).toBe(1);
    expect(await db.workspace.count({ where: { slackTeamId: "T0TOGETHER" } })).toBe(1);
    // Later requests find it as it is: the time zone it was made with is not overwritten.
    expect(await ensureWorkspace({ db, slackTeamId: "T0TOGETHER", timeZone: "America/New_York" })).toEqual(found[0]);
  });
});
