import type { Db } from "../../src/db/client";

/** Polls a reminder row until it reaches `state` (jobs run in the background), or fails saying where it stopped. */
export async function waitForReminderState(
  db: Db,
  id: string,
  state: string,
  { timeoutMs = 8000, pollMs = 25 }: { timeoutMs?: number; pollMs?: number } = {},
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.reminder.findUniqueOrThrow({ where: { id } });
    if (row.state === state) return row;
    if (Date.now() > deadline) throw new Error(`reminder ${id} is ${row.state}, not ${state} (${row.lastError ?? ""})`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
