import { daysUntil } from "../../dates";

export type RagStatus = "red" | "amber" | "green" | "done" | "dropped";

export interface RagInput {
  status: "open" | "done" | "dropped";
  dueAt: Date | null;
  /** When the action last had an update (a note, a new date, an owner's progress). */
  lastUpdateAt: Date | null;
  amberWithinDays: number;
  timeZone: string;
}

/**
 * The RAG status by rule, never by hand: red when overdue; amber when due within
 * the board's warning window with no update inside that window; green otherwise.
 */
export function ragStatusOf(input: RagInput, now: Date): RagStatus {
  if (input.status !== "open") return input.status;
  if (!input.dueAt) return "green";
  const days = daysUntil(input.dueAt, now, input.timeZone);
  if (days < 0) return "red";
  if (days <= input.amberWithinDays) {
    const windowStart = now.getTime() - input.amberWithinDays * 86_400_000;
    const isRecentlyUpdated = input.lastUpdateAt !== null && input.lastUpdateAt.getTime() >= windowStart;
    return isRecentlyUpdated ? "green" : "amber";
  }
  return "green";
}
