import { ensureWorkspace } from "../../../src/domain/workspaces/ensure-workspace";
import { databaseForFile } from "../../support/database-for-file";

describe("a workspace's row", () => {
  const { db } = databaseForFile({ poolSize: 10 });

  it("is made once when a team's first requests arrive together, and every one of them gets it", async () => {
    const found = await Promise.all(
      Array.from({ length: 20 }, () =>
        ensureWorkspace({ db: db(), slackTeamId: "T0TOGETHER", timeZone: "Europe/London" }),
      ),
    );
    expect(new Set(found.map((w) => w.id)).size).toBe(1);
    expect(await db().workspace.count({ where: { slackTeamId: "T0TOGETHER" } })).toBe(1);
    // Later requests find it as it is: the time zone it was made with is not overwritten.
    expect(await ensureWorkspace({ db: db(), slackTeamId: "T0TOGETHER", timeZone: "America/New_York" })).toEqual(
      found[0],
    );
  });
});
