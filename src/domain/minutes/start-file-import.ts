// A minutes file import begins: one per file while it is under way. The database holds
// the rule (MinutesImport.liveSlackFileId, unique per workspace and kept by a trigger from
// creation until the import is confirmed, fails or is cancelled), so Import pressed twice,
// from one message or from two, or by two people, gives one import of the file; the
// second is shown the first.
import { Prisma, type Db } from "../../db/client";

export type UnderWayStatus = "pending" | "parsing" | "previewed";

export type FileImportStart =
  | { kind: "started"; importId: string }
  | {
      kind: "under_way";
      importId: string;
      status: UnderWayStatus;
      createdBySlackUserId: string | null;
      fileName: string | null;
      boardCode: string | null;
      /** The board it is being imported for, which may be another (the same file shared in two channels). */
      board: { id: string; isPrivate: boolean; slackChannelId: string | null } | null;
    };

export interface StartFileImportOptions {
  workspaceId: string;
  boardId: string;
  slackFileId: string;
  fileName: string;
  createdBySlackUserId: string;
  /**
   * Tells the importer the file is being read, once the import is theirs; returns where,
   * so that what is found replaces it. If it throws, the import is dropped (nothing was
   * started that anyone was told of) and the error goes to the caller.
   */
  announce: (importId: string) => Promise<{ channelId: string; ts: string | null }>;
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** Starts an import of the file, pending until a worker reads it; or finds the one already under way. */
export async function startFileImport(db: Db, options: StartFileImportOptions): Promise<FileImportStart> {
  const { workspaceId, boardId, slackFileId, fileName, createdBySlackUserId } = options;
  // Twice at most: the import found under way may end between the refusal and the look.
  for (let attempt = 0; ; attempt += 1) {
    let importId: string;
    try {
      ({ id: importId } = await db.minutesImport.create({
        data: { workspaceId, boardId, status: "pending", slackFileId, fileName, createdBySlackUserId },
        select: { id: true },
      }));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const live = await db.minutesImport.findFirst({
        where: { workspaceId, liveSlackFileId: slackFileId },
        select: {
          id: true,
          status: true,
          createdBySlackUserId: true,
          fileName: true,
          board: { select: { id: true, code: true, isPrivate: true, slackChannelId: true } },
        },
      });
      if (live && (live.status === "pending" || live.status === "parsing" || live.status === "previewed")) {
        // Its own board's code: the same file may have been shared in another board's channel too.
        return {
          kind: "under_way",
          importId: live.id,
          status: live.status,
          createdBySlackUserId: live.createdBySlackUserId,
          fileName: live.fileName,
          boardCode: live.board?.code ?? null,
          board: live.board
            ? { id: live.board.id, isPrivate: live.board.isPrivate, slackChannelId: live.board.slackChannelId }
            : null,
        };
      }
      if (attempt >= 1) throw error;
      continue;
    }
    let progress: { channelId: string; ts: string | null };
    try {
      progress = await options.announce(importId);
    } catch (error) {
      await db.minutesImport.deleteMany({ where: { id: importId, status: "pending", readAttempts: 0 } });
      throw error;
    }
    await db.minutesImport.update({
      where: { id: importId },
      data: { progressChannelId: progress.channelId, progressMessageTs: progress.ts },
    });
    return { kind: "started", importId };
  }
}
