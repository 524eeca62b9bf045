import { Prisma, type Db } from "../../db/client";
import { AppError } from "../../errors";

export type BoardRef = { code: string } | { channelId: string };

export const BOARD_SELECT = {
  id: true,
  code: true,
  name: true,
  timeZone: true,
  slackChannelId: true,
  isPrivate: true,
  chairSlackUserId: true,
  secretarySlackUserId: true,
  amberWithinDays: true,
  nextActionNumber: true,
  financialYearStartMonth: true,
  // Read with the board so logging an action on it needs no second read (create-action.ts).
  holidayRegion: true,
  reminderPolicy: true,
} as const;

export interface BoardSummary {
  id: string;
  code: string;
  name: string;
  timeZone: string;
  slackChannelId: string | null;
  isPrivate: boolean;
  chairSlackUserId: string | null;
  secretarySlackUserId: string | null;
  amberWithinDays: number;
  /** 1 to 12: the month its financial year starts in, which "Q3" and "year end" are read against. */
  financialYearStartMonth: number;
  /** Its reminder rules, when read with it (BOARD_SELECT reads them). */
  holidayRegion?: string;
  reminderPolicy?: Prisma.JsonValue;
}

/**
 * The board a command means: the one it names (#LCRB, or a channel mention), else
 * the board of the channel it was typed in, else none.
 */
export async function resolveBoard(
  db: Db,
  { workspaceId, ref, channelId }: { workspaceId: string; ref: BoardRef | undefined; channelId: string | undefined },
): Promise<BoardSummary | undefined> {
  if (ref && "code" in ref) {
    const board = await findLiveBoard(db, workspaceId, { code: ref.code.toUpperCase() });
    if (!board) throw await unknownBoard(db, workspaceId, `#${ref.code.toUpperCase()}`);
    return board;
  }
  if (ref) {
    const board = await findLiveBoard(db, workspaceId, { channelId: ref.channelId });
    if (!board) throw await unknownBoard(db, workspaceId, `<#${ref.channelId}>`);
    return board;
  }
  if (!channelId) return undefined;
  return findLiveBoard(db, workspaceId, { channelId });
}

/**
 * A board not archived, by code, channel or id, with what BOARD_SELECT reads. SQL of its own:
 * every command and button that names a board asks this, and Prisma's query builder spent
 * more CPU on it than PostgreSQL did.
 */
async function findLiveBoard(
  db: Db,
  workspaceId: string,
  by: { code: string } | { channelId: string } | { id: string },
): Promise<BoardSummary | undefined> {
  const match =
    "code" in by
      ? Prisma.sql`"code" = ${by.code}`
      : "channelId" in by
        ? Prisma.sql`"slackChannelId" = ${by.channelId}`
        : Prisma.sql`"id" = ${by.id}::uuid`;
  const [board] = await db.prepared.rows<BoardSummary>(Prisma.sql`
    SELECT ${columnsOf(BOARD_SELECT)}
    FROM "Board"
    WHERE "workspaceId" = ${workspaceId}::uuid AND ${match} AND "archivedAt" IS NULL
    LIMIT 1`);
  return board;
}

/** A board chosen by its id (kept in a form), unless it was archived since; no access is asked here. */
export function liveBoardById(db: Db, workspaceId: string, boardId: string): Promise<BoardSummary | undefined> {
  return findLiveBoard(db, workspaceId, { id: boardId });
}

/** The columns a Prisma select names, as SQL: one list for Prisma's reads and this file's own. */
function columnsOf(select: Record<string, true>): Prisma.Sql {
  return Prisma.raw(
    Object.keys(select)
      .map((column) => `"${column}"`)
      .join(", "),
  );
}

/**
 * "No such board", with the boards there are. Private boards are never listed: this
 * answer goes to anyone, and a private board exists only for members of its channel
 * (who are also told this when they name it from outside, so it reads the same).
 */
export async function unknownBoard(db: Db, workspaceId: string, named: string): Promise<AppError> {
  const boards = await db.board.findMany({
    where: { workspaceId, archivedAt: null, isPrivate: false },
    select: { code: true },
    orderBy: { code: "asc" },
    take: 20,
  });
  const hasAny = boards.length > 0 || (await db.board.count({ where: { workspaceId, archivedAt: null } })) > 0;
  return new AppError({
    code: "board_not_found",
    named,
    boards: { publicCodes: boards.map((board) => board.code), hasAny },
  });
}
