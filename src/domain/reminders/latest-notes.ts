import type { Db } from "../../db/client";
import { UPDATE_EVENT_TYPES } from "../actions/find-action";

export interface LatestNote {
  at: Date;
  note: string;
  bySlackUserId: string | null;
}

/** Each action's most recent written update (a note, or the words given with a new date or owner). */
export async function latestNotes(db: Db, actionIds: readonly string[]): Promise<Map<string, LatestNote>> {
  if (actionIds.length === 0) return new Map();
  const events = await db.actionEvent.findMany({
    where: { actionId: { in: [...actionIds] }, type: { in: [...UPDATE_EVENT_TYPES] }, note: { not: null } },
    orderBy: [{ actionId: "asc" }, { createdAt: "desc" }],
    distinct: ["actionId"],
    select: { actionId: true, createdAt: true, note: true, actorSlackUserId: true },
  });
  return new Map(
    events.map((e) => [e.actionId, { at: e.createdAt, note: e.note ?? "", bySlackUserId: e.actorSlackUserId }]),
  );
}
