// `npm run bench`: every benchmark, each printing its figures and its ratio to a
// baseline measured in the same process. Exits 1 if a target is missed.
import { benchCommandRoundTrip } from "./command-roundtrip";

async function main(): Promise<void> {
  const results = [await benchCommandRoundTrip()];
  process.exit(results.every(Boolean) ? 0 : 1);
}

void main();
