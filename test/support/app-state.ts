// Everything a request could have changed in a running test app, taken as a snapshot: every
// table's rows (a digest, so an update shows as well as an insert), the jobs in every queue,
// the Web API calls the Slack stand-in has had, and the requests Bolt has acknowledged.
// Two equal snapshots mean nothing happened in between.
import { QUEUE_NAMES } from "../../jobs/define-job";
import type { TestApp } from "./test-app";

export interface AppState {
  tables: Record<string, string>;
  jobs: number;
  slackCalls: number;
  boltAcks: number;
}

/** Sum of a counter over all its label sets, from Prometheus's text format. */
function total(text: string, name: string): number {
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}

export async function appState(app: TestApp): Promise<AppState> {
  const db = app.runtime.db;
  const names = await db.$queryRaw<Array<{ name: string }>>`
    SELECT table_name::text AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
    ORDER BY table_name`;
  const tables: Record<string, string> = {};
  for (const { name } of names) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const [row] = await db.$queryRawUnsafe<Array<{ rows: number; digest: string }>>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS digest FROM ${quoted} t`,
    );
    tables[name] = `${row?.rows ?? 0} rows, ${row?.digest ?? ""}`;
  }
  let jobs = 0;
  for (const name of QUEUE_NAMES) {
    const counts = await app.runtime.queues.queue(name).getJobCounts();
    jobs += Object.values(counts).reduce((sum, n) => sum + n, 0);
  }
  const metrics = await app.runtime.metrics.registry.metrics();
  return {
    tables,
    jobs,
    slackCalls: app.fake.calls.length,
    boltAcks: total(metrics, "minutebook_slack_ack_seconds_count"),
  };
}
