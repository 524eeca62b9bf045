import { readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../../src/project-root";

// `npm run db:new-migration` diffs schema.prisma against this snapshot. If the two
// differ at rest, a schema change was committed without its migration (or the
// snapshot was not moved on), and the next generated migration would be wrong.
it("prisma/schema.migrated.prisma is schema.prisma as the migrations leave it", () => {
  const read = (name: string) => readFileSync(path.join(projectRoot(), "prisma", name), "utf8");
  const snapshot = read("schema.migrated.prisma").split("\n").slice(2).join("\n");
  expect(snapshot).toBe(read("schema.prisma"));
});
