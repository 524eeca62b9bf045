import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The folder holding package.json. Source runs from src/ under ts-jest and from
 * dist/src/ when built, so files shipped beside the code (prisma/migrations,
 * manifest.yml) are found from here rather than from __dirname.
 */
export function projectRoot(start: string = __dirname): string {
  let dir = start;
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}
