// `npm run simulate -- [--seeds N] [--first N] [--small] [--replay FILE]`: lives N seeded (100 by default)
// quarters (about 30 seconds each on two cores) through the real app and prints what it checked;
// a failing seed writes a scenario that --replay lives again. Runs the simulation test file
// with its settings in the environment.
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const env = {
  ...process.env,
  SIMULATION_SEEDS: option("seeds") ?? "100",
  SIMULATION_FIRST_SEED: option("first") ?? "1",
  SIMULATION_SIZE: args.includes("--small") ? "small" : "quarter",
  ...(option("replay") ? { SIMULATION_REPLAY: option("replay") } : {}),
};
const run = spawnSync("npx", ["jest", "test/simulation", "--runInBand"], { env, stdio: "inherit" });
process.exit(run.status ?? 1);
