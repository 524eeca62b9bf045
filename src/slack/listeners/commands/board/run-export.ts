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

/** What Slack's refusal means for the person who asked, and what they can do. Nothing was posted. */
function refusal(
  error: unknown,
  logger: BoardRequest["deps"]["logger"],
  e: { code: string; channelId: string },
): AppError {
  const slackError = slackErrorOf(error);
  logger.warn({ err: error, slackError, board: e.code }, "Slack refused the action log export");
  const channel = `<#${e.channelId}>`;
  switch (slackError) {
    case "not_in_channel":
    case "channel_not_found":
      return new AppError(
        "export_refused",
        `Slack would not let Minutebook post ${e.code}'s action log in ${channel} (${slackError}): it is not a member of that channel. Nothing was posted.`,
        `Invite it with \`/invite @Minutebook\` in ${channel}, then \`/board export\` again.`,
      );
    case "is_archived":
      return new AppError(
        "export_refused",
        `${channel} is archived, so Slack would not take ${e.code}'s action log. Nothing was posted.`,
        "Unarchive the channel, then `/board export` again.",
      );
    case undefined:
      return new AppError(
        "export_refused",
        `Slack did not take ${e.code}'s action log: the upload failed. Nothing was posted.`,
        "Try `/board export` again in a minute.",
      );
    default:
      return new AppError(
        "export_refused",
        `Slack refused ${e.code}'s action log (${slackError}). Nothing was posted.`,
        "Try `/board export` again in a minute; if Slack refuses again, the app's log has the details.",
      );
  }
}
