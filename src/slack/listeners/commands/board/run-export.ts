import type { WebClient } from "@slack/web-api";
import { exportActionLog, type ExportFormat } from "../../../../domain/boards/export-action-log";
import { AppError } from "../../../../errors";
import type { MessageView } from "../../../views/blocks";
import { exportCommentText, exportPostedView, exportTitle } from "../../../views/boards/export-views";
import { boardFor } from "../board-access";
import { boardForName, type BoardName, type BoardRequest } from "./request";
import { slackErrorOf } from "../../../slack-error";

/**
 * `/board export [csv|json] [#CODE]`: the board's action log with its full history,
 * posted as a file in the board's channel. Anyone who may see the board may export
 * it (a private board: members of its channel), and the file goes only to the
 * board's own channel, so it reaches no one who could not already see the actions.
 */
export async function runExport(
  request: BoardRequest,
  { format, name }: { format: ExportFormat; name: BoardName | undefined },
): Promise<MessageView> {
  const { deps, client } = request;
  const board = await boardFor(deps, {
    workspaceId: request.workspace.id,
    ...boardForName(name),
    channelId: request.channelId,
    client,
    userId: request.userId,
  });
  const channelId = board.slackChannelId;
  if (!channelId)
    throw new AppError(
      "board_has_no_channel",
      `${board.code} has no channel to post its action log in. Nothing was exported.`,
      "A board's channel is the one it was created in; create the board again in a channel.",
    );
  const started = Date.now();
  const names = new Map<string, string>();
  const namesOf = (ids: readonly string[]) => lookUpNames(client, ids, names);
  const file = await exportActionLog(deps.db, {
    board: { ...board, slackChannelId: channelId },
    format,
    exportedBySlackUserId: request.userId,
    now: request.now,
    namesOf,
  });
  const built = Date.now();
  // Named rather than mentioned in the channel: a mention would notify whoever asked for a file they already know about.
  const exportedBy = (await namesOf([request.userId])).get(request.userId) ?? `<@${request.userId}>`;
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
      title: exportTitle(posted, request.now),
      initial_comment: exportCommentText(posted, exportedBy, request.now),
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
