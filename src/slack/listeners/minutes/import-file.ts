// Minutes shared as a file: the "Import minutes" message shortcut, or the offer
// made when a document is shared in a board's channel. A worker reads the file
// (minutes.import); the importer gets a message that turns into what was found.
import type { Listeners } from "../../listener-router";
import type {
  BlockButtonAction,
  MessageShortcut,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
} from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { AppError, isAppError } from "../../../errors";
import { openImportReview } from "../../../use-cases/minutes/review-import";
import {
  fileImportBoard,
  isMinutesDocument as isDocument,
  startFileImport,
} from "../../../use-cases/minutes/start-file-import";
import type { SlackDeps } from "../../deps";
import { callerOf } from "../../directory";
import { applyEffects } from "../../effects";
import { MESSAGE_SHORTCUTS } from "../../surface";
import { failureView, message, section, type MessageView } from "../../views/blocks";
import { escapeText } from "../../views/actions/describe-action";
import { importUnderWayMessage } from "../../views/minutes/import-under-way";
import { reviewModal } from "../../views/minutes/import-modals";
import { workspacePeopleSoon } from "../../people";
import { IMPORT_BUTTONS, importOfferMessage, importStartedMessage } from "../../views/minutes/import-progress";
import { openFormAtOnce } from "../../open-form";
import type { ListenerArgs } from "../../context";

type Workspace = { id: string; timeZone: string };
type ShortcutArgs = ListenerArgs<SlackShortcutMiddlewareArgs<MessageShortcut>>;
type ButtonArgs = ListenerArgs<SlackActionMiddlewareArgs<BlockButtonAction>>;
type FileSharedArgs = ListenerArgs<SlackEventMiddlewareArgs<"file_shared">>;

export function register(app: Listeners, deps: SlackDeps): void {
  app.shortcut(MESSAGE_SHORTCUTS[1].callbackId, shortcutListener(deps));
  app.action(IMPORT_BUTTONS.importFile, importButtonListener(deps));
  app.action(IMPORT_BUTTONS.review, reviewButtonListener(deps));
}

/**
 * Starts reading a file for the board of the channel it is in (the worker does the rest),
 * or finds the import of it already under way; with what to answer the person who asked.
 */
async function startFileImportFor(
  deps: SlackDeps,
  client: WebClient,
  {
    workspace,
    channelId,
    fileId,
    fileName,
    userId,
  }: { workspace: Workspace; channelId: string; fileId: string; fileName: string; userId: string },
): Promise<{ isStarted: boolean; answer: MessageView }> {
  // Pressed on a message or a button: whether they may see a private board is asked, not assumed from the channel.
  const caller = callerOf(client, { workspace, userId, channelId: undefined, now: deps.now() });
  const { result, effects } = await startFileImport(deps.db, caller, {
    channelId,
    fileId,
    fileName,
    // The "Reading …" message is posted once the import is this person's, so a second press posts none.
    announce: async (board) => {
      const view = importStartedMessage(fileName, board.code);
      const posted = await client.chat.postMessage({ channel: userId, text: view.text, blocks: view.blocks });
      return { channelId: posted.channel ?? userId, ts: posted.ts ?? null };
    },
  });
  const { board, start } = result;
  if (start.kind === "under_way") {
    const answer = importUnderWayMessage({
      importId: start.importId,
      status: start.status,
      fileName: start.fileName ?? fileName,
      boardCode: start.boardCode ?? board.code,
      startedBySlackUserId: start.createdBySlackUserId ?? undefined,
      viewerSlackUserId: userId,
    });
    return { isStarted: false, answer };
  }
  // Queued before the answer: one that could not be queued is told as a failure, not as reading.
  await applyEffects(deps, { client, workspace }, effects);
  const said = `Reading ${fileName}: I'll message you what I find.`;
  return { isStarted: true, answer: message(said, [section(escapeText(said))]) };
}

async function tellEphemeral(client: WebClient, channelId: string, userId: string, view: MessageView): Promise<void> {
  await client.chat.postEphemeral({ channel: channelId, user: userId, text: view.text, blocks: view.blocks });
}

function shortcutListener(deps: SlackDeps) {
  return async ({ ack, shortcut, client, context, respond }: ShortcutArgs): Promise<void> => {
    await ack();
    const workspace = context.workspace;
    if (!workspace) return;
    const files = (shortcut.message as { files?: Array<{ id: string; name?: string }> }).files ?? [];
    try {
      const file = files.find((f) => isDocument(f.name ?? "")) ?? files[0];
      if (!file) throw new AppError({ code: "no_file" });
      const { isStarted, answer } = await deps.limit(() =>
        startFileImportFor(deps, client, {
          workspace,
          channelId: shortcut.channel.id,
          fileId: file.id,
          fileName: file.name ?? file.id,
          userId: shortcut.user.id,
        }),
      );
      // Started: the "Reading …" message in their DM says so. Already under way: said here.
      if (!isStarted) await respond({ response_type: "ephemeral", text: answer.text, blocks: answer.blocks });
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "Import minutes failed");
      const view = failureView(error);
      await respond({ response_type: "ephemeral", text: view.text, blocks: view.blocks });
    }
  };
}

function importButtonListener(deps: SlackDeps) {
  return async ({ ack, body, action, client, context, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const workspace = context.workspace;
    const channelId = body.channel?.id;
    if (!workspace || !channelId) return;
    try {
      const info = await client.files.info({ file: action.value ?? "" });
      const { answer } = await deps.limit(() =>
        startFileImportFor(deps, client, {
          workspace,
          channelId,
          fileId: action.value ?? "",
          fileName: info.file?.name ?? "the file",
          userId: body.user.id,
        }),
      );
      await respond({ replace_original: true, text: answer.text, blocks: answer.blocks });
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "Import minutes failed");
      const view = failureView(error);
      await respond({ response_type: "ephemeral", replace_original: false, text: view.text, blocks: view.blocks });
    }
  };
}

function reviewButtonListener(deps: SlackDeps) {
  return async ({ ack, body, action, client, context, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const workspace = context.workspace;
    if (!workspace) return;
    try {
      // Opened with the trigger before anything is asked of Slack (who may import, the workspace's people).
      await openFormAtOnce({
        client,
        triggerId: body.trigger_id,
        title: "Check the minutes",
        logger: deps.logger,
        build: () =>
          deps.limit(async () => {
            const importId = action.value ?? "";
            const caller = callerOf(client, { workspace, userId: body.user.id, channelId: undefined, now: deps.now() });
            const screen = await openImportReview(deps.db, caller, {
              importId,
              people: () => workspacePeopleSoon(client),
            });
            return reviewModal(screen, { importId, page: 0, depth: 1 });
          }),
      });
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "opening an import review failed");
      const view = failureView(error);
      await respond({ response_type: "ephemeral", replace_original: false, text: view.text, blocks: view.blocks });
    }
  };
}

/** A document shared in a board's channel: offer its sharer to import it (nobody else sees the offer). */
export function fileSharedListener(deps: SlackDeps) {
  return async ({ event, client, context }: FileSharedArgs): Promise<void> => {
    const workspace = context.workspace;
    const channelId = (event as { channel_id?: string }).channel_id;
    if (!workspace || !channelId || event.user_id === context.botUserId) return;
    // Offered only to those who may import it: anyone else would be refused on pressing.
    const caller = callerOf(client, { workspace, userId: event.user_id, channelId, now: deps.now() });
    const board = await fileImportBoard(deps.db, caller, { channelId });
    if (!board) return;
    const info = await client.files.info({ file: event.file_id }).catch(() => undefined);
    const name = info?.file?.name;
    if (!name || !isDocument(name)) return;
    await tellEphemeral(client, channelId, event.user_id, importOfferMessage(event.file_id, name, board.code)).catch(
      (err: unknown) => deps.logger.warn({ err }, "could not offer to import a shared file"),
    );
  };
}
