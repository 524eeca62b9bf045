import { execFileSync } from "node:child_process";
import path from "node:path";
import { projectRoot } from "../../src/project-root";
import { prepareTemplate } from "./database";

export default async function globalSetup(): Promise<void> {
  // The process tests run the built app (dist/), so it must match the sources.
  // The build is incremental: a second of work when nothing changed. Type errors are
  // `npm run lint`'s to report: tsc still writes dist/ with them (exit status 2), and
  // the tests say what fails at run time; only a build that wrote nothing stops here.
  try {
    execFileSync(
      process.execPath,
      [path.join(projectRoot(), "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
      { cwd: projectRoot(), stdio: "inherit" },
    );
  } catch (error) {
    if ((error as { status?: number }).status !== 2) throw error;
    console.warn("globalSetup: the build has type errors (npm run lint lists them); testing what it wrote");
  }
  await prepareTemplate();
}
