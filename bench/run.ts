// `npm run bench`: every benchmark, each printing its figures and its ratio to a
// baseline measured in the same process. Exits 1 if a target is missed.
// `npm run bench -- reminders` (or `commands`, `answer`, `minutes`, `forms`, `load`, `load-commands`, `load-reminders`) runs one.
import { benchAnswers } from "./answer";
import { benchCommandRoundTrip } from "./command-roundtrip";
import { benchForms } from "./forms";
import { benchCommandLoad, benchLoad, benchReminderDrain } from "./load";
import { benchMinutesImport } from "./minutes-import";
import { benchReminderLateness } from "./reminder-lateness";

const BENCHMARKS: Record<string, () => Promise<boolean>> = {
  commands: benchCommandRoundTrip,
  answer: benchAnswers,
  reminders: benchReminderLateness,
  minutes: benchMinutesImport,
  forms: benchForms,
  load: benchLoad,
  // The load benchmark's two parts, one at a time.
  "load-commands": () => benchCommandLoad(),
  "load-commands-with-worker": () => benchCommandLoad({ workers: 1 }),
  "load-reminders": benchReminderDrain,
};

async function main(): Promise<void> {
  const chosen = process.argv.slice(2);
  const names = chosen.length > 0 ? chosen : Object.keys(BENCHMARKS).filter((name) => !name.startsWith("load-"));
  const results: boolean[] = [];
  for (const name of names) {
    const bench = BENCHMARKS[name];
    if (!bench) throw new Error(`No benchmark ${name}: choose from ${Object.keys(BENCHMARKS).join(", ")}`);
    results.push(await bench());
  }
  process.exit(results.every(Boolean) ? 0 : 1);
}

void main();
