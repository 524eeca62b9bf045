// The layers as issue 17 drew them, checked on the source so a new file cannot quietly
// undo them: listeners under src/slack/ never query the database; access rules are asked
// only in src/use-cases/access.ts; src/slack/ does not reach into jobs/.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../../../src/project-root";

function sourceFiles(folder: string): string[] {
  const root = path.join(projectRoot(), folder);
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return name === "generated" ? [] : walk(full);
      return name.endsWith(".ts") ? [full] : [];
    });
  return walk(root);
}

const relative = (file: string) => path.relative(projectRoot(), file);

function filesMatching(folder: string, pattern: RegExp): string[] {
  return sourceFiles(folder)
    .filter((file) => pattern.test(readFileSync(file, "utf8")))
    .map(relative)
    .sort();
}

/** A Prisma model call, a transaction or raw SQL. */
const DATABASE_CALL =
  /\b(?:db|prisma|tx)\.[a-zA-Z]+\.(?:find\w*|create\w*|update\w*|delete\w*|upsert|count|aggregate|groupBy)\(|\$transaction|\$queryRaw|\$executeRaw|\bdeps\.db\.\w+\.\w+\(/;

/** Questions about people (of the Directory, or of Slack directly): only the access module asks them. */
const DIRECTORY_QUESTION = /\b(?:isBoardHiddenFrom|hiddenBoardIdsFor|isWorkspaceAdmin|isChannelMember)\(/;

/** The access module's rules: use cases apply them; listeners call use cases. */
const ACCESS_RULE =
  /\b(?:isBoardHidden|hiddenBoardIds|visibleBoard|requiredBoard|actorFor|assertMayChange|mayManageBoard|assertMayManageBoard)\(/;

describe("the layers", () => {
  it("keeps database calls out of src/slack/", () => {
    expect(filesMatching("src/slack", DATABASE_CALL)).toEqual([]);
  });

  it("asks about people only in the access module (people.ts and directory.ts answer it through Slack)", () => {
    const askers = [...filesMatching("src", DIRECTORY_QUESTION), ...filesMatching("jobs", DIRECTORY_QUESTION)];
    expect(
      askers.filter((file) => !/^src\/(?:slack\/people|slack\/directory|use-cases\/caller)\.ts$/.test(file)),
    ).toEqual(["src/use-cases/access.ts"]);
  });

  it("leaves access rules to use cases: no listener applies them itself", () => {
    expect(filesMatching("src/slack", ACCESS_RULE)).toEqual([]);
  });

  it("keeps src/slack/ from importing jobs/", () => {
    expect(filesMatching("src/slack", /from "(?:\.\.\/)+jobs\//)).toEqual([]);
  });
});
