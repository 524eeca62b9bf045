import type { Db } from "../../db/client";
import {
  exportActionLog as writeActionLog,
  type ActionLogFile,
  type ExportFormat,
} from "../../domain/boards/export-action-log";
import type { BoardRef, BoardSummary } from "../../domain/boards/resolve-board";
import { AppError } from "../../errors";
import { requiredBoard } from "../access";
import type { Caller } from "../caller";

/**
 * `/board export [csv|json] [#CODE]`: the board's action log with its full history, as a
 * file for the board's own channel. Anyone who may see the board may export it (a private
 * board: members of its channel), and the file goes only to its channel, so it reaches no
 * one who could not already see the actions. `namesOf` names people (asked of Slack).
 */
export async function exportActionLog(
  db: Db,
  caller: Caller,
  input: {
    board: BoardRef | undefined;
    format: ExportFormat;
    namesOf(slackUserIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
  },
): Promise<{ board: BoardSummary & { slackChannelId: string }; file: ActionLogFile }> {
  const found = await requiredBoard(db, caller, input.board);
  const channelId = found.slackChannelId;
  if (!channelId) throw new AppError({ code: "board_has_no_channel", boardCode: found.code });
  const board = { ...found, slackChannelId: channelId };
  const file = await writeActionLog(db, {
    board,
    format: input.format,
    exportedBySlackUserId: caller.userId,
    now: caller.now,
    namesOf: input.namesOf,
  });
  return { board, file };
}
