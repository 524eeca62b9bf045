// Whole lives of boards, lived through the real app with the clock stepped day by day, and
// the reminder and meeting rules checked over everything sent and stored. `npm test` lives
// SIMULATION_SEEDS small lives (20 by default); `npm run simulate -- --seeds 500` lives
// quarters. A failing seed writes its scenario to test-results/ and says how to replay it.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { checkInvariants } from "./invariants";
import { liveScenario } from "./run-scenario";
import { generateScenario, QUARTER, SMALL, type Scenario } from "./scenario";

const seeds = Number(process.env.SIMULATION_SEEDS ?? 20);
const firstSeed = Number(process.env.SIMULATION_FIRST_SEED ?? 1);
const size = process.env.SIMULATION_SIZE === "quarter" ? QUARTER : SMALL;
const replay = process.env.SIMULATION_REPLAY;

const scenarios: Scenario[] = replay
  ? [JSON.parse(readFileSync(replay, "utf8")) as Scenario]
  : Array.from({ length: seeds }, (_, i) => generateScenario(firstSeed + i, size));

const totals = { days: 0, actions: 0, messages: 0, checks: {} as Record<string, number>, failedSeeds: [] as number[] };

describe("a board's life, simulated", () => {
  afterAll(() => {
    const checked = Object.entries(totals.checks)
      .map(([name, n]) => `  ${name}: ${n}`)
      .join("\n");
    process.stdout.write(
      `simulation: ${scenarios.length} seeds, ${totals.days} days, ${totals.actions} actions, ${totals.messages} reminders sent; invariants checked:\n${checked}\nfailed seeds: ${totals.failedSeeds.join(", ") || "none"}\n`,
    );
  });

  it.each(scenarios.map((s) => [s.seed, s] as const))(
    "seed %i keeps every rule",
    async (seed, scenario) => {
      const lived = await liveScenario(scenario);
      try {
        const checked = await checkInvariants(lived);
        totals.days += Math.round((Date.parse(scenario.end) - Date.parse(scenario.start)) / 86_400_000);
        totals.actions += lived.actions.length;
        totals.messages += checked.messages;
        for (const [name, n] of Object.entries(checked.checks)) totals.checks[name] = (totals.checks[name] ?? 0) + n;
        if (checked.violations.length > 0) {
          totals.failedSeeds.push(seed);
          const folder = path.join(__dirname, "..", "..", "test-results");
          mkdirSync(folder, { recursive: true });
          const file = path.join(folder, `simulation-seed-${seed}.json`);
          writeFileSync(file, `${JSON.stringify(scenario, null, 2)}\n`);
          throw new Error(
            `seed ${seed} broke ${checked.violations.length} rule(s); replay with: npm run simulate -- --replay ${path.relative(process.cwd(), file)}\n${checked.violations.slice(0, 40).join("\n")}`,
          );
        }
      } finally {
        await lived.app.stop();
      }
    },
    600_000,
  );
});
