import { execFileSync } from "node:child_process";
import path from "node:path";
import { projectRoot } from "../../src/project-root";
import { prepareTemplate } from "./database";

export default async function globalSetup(): Promise<void> {
  // The process tests run the built app (dist/), so it must match the sources.
  // The build is incremental: a second of work when nothing changed.
  execFileSync(
    process.execPath,
    [path.join(projectRoot(), "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: projectRoot(),
      stdio: "inherit",
    },
  );
  await prepareTemplate();
}
