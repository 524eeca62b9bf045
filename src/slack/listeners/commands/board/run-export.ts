import type { WebClient } from "@slack/web-api";
import type { ExportFormat } from "../../../../domain/boards/export-action-log";
import type { BoardRef } from "../../../../domain/boards/resolve-board";
import { exportActionLog } from "../../../../use-cases/boards/export-action-log";
import { AppError } from "../../../../errors";
import type { MessageView } from "../../../views/blocks";
import { exportCommentText, exportPostedView, exportTitle } from "../../../views/boards/export-views";
import type { BoardRequest } from "./request";
import { slackErrorOf } from "../../../slack-error";

/** `/board export [csv|json] [#CODE]`: the board's action log (use-cases/boards/export-action-log.ts), posted as a file in its channel. */
export async function runExport(
  request: BoardRequest,
  { format, name }: { format: ExportFormat; name: BoardRef | undefined },
): Promise<MessageView> {
  const { deps, client, caller } = request;
  const names = new Map<string, string>();
  const namesOf = (ids: readonly string[]) => lookUpNames(client, ids, names);
  const started = Date.now();
  const { board, file } = await exportActionLog(deps.db, caller, { board: name, format, namesOf });
  const built = Date.now();
  const channelId = board.slackChannelId;
  // Named rather than mentioned in the channel: a mention would notify whoever asked for a file they already know about.
  const exportedBy = (await namesOf([caller.userId])).get(caller.userId) ?? `<@${caller.userId}>`;
  const posted = {
    code: board.code,
    channelId,
    timeZone: board.timeZone,
    fileName: file.fileName,
    format,
    actionCount: file.actionCount,
    historyCount: file.historyCount,
  };
  try {
    await client.filesUploadV2({
      channel_id: channelId,
      file: file.bytes,
      filename: file.fileName,
      title: exportTitle(posted, caller.now),
      initial_comment: exportCommentText(posted, exportedBy, caller.now),
    });
  } catch (error) {
    throw refusal(error, deps.logger, posted);
  }
  deps.logger.info(
    {
      board: board.code,
      format,
      actions: file.actionCount,
      history: file.historyCount,
      bytes: file.bytes.length,
      buildMs: built - started,
      uploadMs: Date.now() - built,
    },
    "action log exported",
  );
  return exportPostedView(posted);
}

/** Names for the people a log mentions, a few lookups at a time, kept in `names`; one Slack cannot find keeps its id. */
async function lookUpNames(
  client: WebClient,
  ids: readonly string[],
  names: Map<string, string>,
): Promise<Map<string, string>> {
  const queue = ids.filter((id) => !names.has(id));
  const lookUp = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      const found = await client.users.info({ user: id }).catch(() => undefined);
      const name = found?.user?.real_name || found?.user?.profile?.real_name || found?.user?.name;
      if (name) names.set(id, name);
    }
  };
  await Promise.all(Array.from({ length: Math.min(5, queue.length) }, lookUp));
  return names;
}

/** Slack's refusal, logged, as the problem the person is told of. Nothing was posted. */
function refusal(
  error: unknown,
  logger: BoardRequest["deps"]["logger"],
  e: { code: string; channelId: string },
): AppError {
  const slackError = slackErrorOf(error);
  logger.warn({ err: error, slackError, board: e.code }, "Slack refused the action log export");
  return new AppError({ code: "export_refused", boardCode: e.code, channelId: e.channelId, slackError });
}
