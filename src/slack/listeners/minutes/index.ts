// `/minutes [#BOARD]`: paste minutes, check what was found, import. Listeners are
// thin: the reading and writing are in src/domain/minutes, the forms in views/minutes.
import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { resolveBoard } from "../../../domain/boards/resolve-board";
import { confirmImport, type ImportChoices } from "../../../domain/minutes/confirm-import";
import { prepareImport } from "../../../domain/minutes/prepare-import";
import { AppError, isAppError } from "../../../errors";
import type { MinutesExtraction } from "../../../minutes/types";
import type { SlackDeps } from "../../deps";
import { applyImportEffects } from "../../minutes-effects";
import { failureView, message, parseJsonSafely, problemView, section, tooLong, type MessageView } from "../../views/blocks";
import { commandHelpView } from "../../views/command-help";
import { isBoardHiddenFrom } from "../../people";
import { actionBlock, MINUTES_MODALS, pasteModal, previewModal } from "../../views/minutes/import-modals";
import { register as registerFileImport } from "./import-file";
import { tellSubmitter } from "../../tell-submitter";
import { assertMayImport } from "./may-import";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type Workspace = { id: string; timeZone: string };
type Values = Record<string, Record<string, { value?: string | null; selected_date?: string | null; selected_users?: string[] | null; selected_options?: Array<{ value: string }> | null }>>;

const PasteMetadata = z.object({ boardId: z.string().uuid(), channelId: z.string().optional() });
const PreviewMetadata = z.object({ importId: z.string().uuid(), channelId: z.string().optional() });

/** The forms, shortcut and buttons; `/minutes` itself and file_shared are registered with the other commands and events. */
export function register(app: App, deps: SlackDeps): void {
  registerFileImport(app, deps);
  app.view(MINUTES_MODALS.paste, pasteSubmitted(deps));
  app.view(MINUTES_MODALS.preview, previewSubmitted(deps));
}

export function minutesCommandListener(deps: SlackDeps) {
  return async ({ command, ack, respond, client, context }: CommandArgs): Promise<void> => {
    await ack();
    const workspace = context.workspace as Workspace | undefined;
    if (!workspace) return;
    if (/^\s*help\s*$/i.test(command.text ?? "")) {
      const help = commandHelpView("/minutes");
      await respond({ response_type: "ephemeral", text: help.text, blocks: help.blocks });
      return;
    }
    try {
      const code = /#([A-Za-z0-9]{2,10})\b/.exec(command.text ?? "")?.[1];
      const found = await resolveBoard(deps.db, { workspaceId: workspace.id, ref: code ? { code } : undefined, channelId: command.channel_id });
      // A private board named from another channel exists only for members of its channel.
      const isHidden = found ? await isBoardHiddenFrom(client, found, { channelId: command.channel_id, slackUserId: command.user_id }) : false;
      const board = isHidden ? undefined : found;
      const notFound = new AppError(
        code ? "board_not_found" : "no_board_here",
        code ? `There is no board #${code.toUpperCase()} in this workspace. Nothing was imported.` : "This channel is not a board's channel, so I don't know whose minutes these are.",
        "Run `/minutes #LCRB` with the board's code, or `/minutes` in the board's channel.",
      );
      if (!board) throw notFound;
      await assertMayImport(deps, client, { workspaceId: workspace.id, boardId: board.id, userId: command.user_id, channelId: command.channel_id, hidden: notFound });
      await client.views.open({ trigger_id: command.trigger_id, view: pasteModal(board, { boardId: board.id, channelId: command.channel_id }) });
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "/minutes failed");
      const view = failureView(error);
      await respond({ response_type: "ephemeral", text: view.text, blocks: view.blocks });
    }
  };
}

function pasteSubmitted(deps: SlackDeps) {
  return async ({ ack, view, body, client, context }: ViewArgs): Promise<void> => {
    const workspace = context.workspace as Workspace | undefined;
    const metadata = PasteMetadata.safeParse(parseJsonSafely(view.private_metadata));
    const values = view.state.values as Values;
    const text = values[MINUTES_MODALS.text]?.[MINUTES_MODALS.value]?.value ?? "";
    const meetingDate = values[MINUTES_MODALS.meetingDate]?.[MINUTES_MODALS.value]?.selected_date ?? undefined;
    if (!workspace || !metadata.success) {
      await ack({ response_action: "errors", errors: { [MINUTES_MODALS.text]: "This form is out of date: close it and run /minutes again." } });
      return;
    }
    const overlong = tooLong("These minutes are", text, MINUTES_MODALS.maxPasteCharacters);
    if (overlong) {
      await ack({ response_action: "errors", errors: { [MINUTES_MODALS.text]: `${overlong} Share the file in the board's channel and use Import minutes on it instead.` } });
      return;
    }
    try {
      // Reading minutes takes milliseconds, so the review replaces this form at once.
      const gone = new AppError("board_not_found", "That board no longer exists. Nothing was imported.");
      await assertMayImport(deps, client, { workspaceId: workspace.id, boardId: metadata.data.boardId, userId: body.user.id, hidden: gone });
      const board = await deps.db.board.findFirst({ where: { id: metadata.data.boardId, workspaceId: workspace.id }, select: { id: true, code: true, timeZone: true } });
      if (!board) throw gone;
      const prepared = await prepareImport(deps.db, { workspaceId: workspace.id, board, text, fileName: null, createdBySlackUserId: body.user.id, ...(meetingDate ? { meetingDate } : {}) });
      await ack({ response_action: "update", view: previewModal(prepared.extraction, board, { importId: prepared.importId, ...(metadata.data.channelId ? { channelId: metadata.data.channelId } : {}) }) });
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "reading pasted minutes failed");
      const problem = isAppError(error) ? `${error.message} ${error.hint ?? ""}`.trim() : "Something went wrong on our side and nothing was imported. Please try again in a minute.";
      await ack({ response_action: "errors", errors: { [MINUTES_MODALS.text]: problem.slice(0, 300) } });
    }
  };
}

/** What the person chose in the review form. */
export function choicesFrom(values: Values, extraction: MinutesExtraction): ImportChoices {
  const shown = extraction.actions.slice(0, MINUTES_MODALS.maxActionsShown);
  const field = (block: string) => values[block]?.[MINUTES_MODALS.value];
  return {
    meetingDate: field(MINUTES_MODALS.meetingDate)?.selected_date ?? null,
    isNextMeetingIncluded: (field(MINUTES_MODALS.nextMeeting)?.selected_options ?? []).length > 0,
    actions: shown.map((_, index) => {
      const bodies = (field(actionBlock(index, "owners"))?.value ?? "")
        .split(/\s*(?:,|;|\band\b)\s*/)
        .map((b) => b.trim())
        .filter(Boolean);
      const users = field(actionBlock(index, "users"))?.selected_users ?? [];
      return {
        index,
        isIncluded: (field(actionBlock(index, "include"))?.selected_options ?? []).length > 0,
        owners: [...users.map((slackUserId) => ({ slackUserId })), ...bodies.map((bodyName) => ({ bodyName }))],
        due: field(actionBlock(index, "due"))?.selected_date ?? null,
      };
    }),
  };
}

function previewSubmitted(deps: SlackDeps) {
  return async ({ ack, view, body, client, context }: ViewArgs): Promise<void> => {
    const workspace = context.workspace as Workspace | undefined;
    const metadata = PreviewMetadata.safeParse(parseJsonSafely(view.private_metadata));
    if (!workspace || !metadata.success) {
      await ack({ response_action: "errors", errors: { [MINUTES_MODALS.meetingDate]: "This form is out of date: run /minutes again." } });
      return;
    }
    const values = view.state.values as Values;
    const overlong = Object.entries(values).flatMap(([blockId, fields]) =>
      blockId.endsWith("_owners") ? [[blockId, tooLong("The owners are", fields[MINUTES_MODALS.value]?.value, MINUTES_MODALS.maxOwnersCharacters)] as const] : [],
    );
    const fieldErrors = Object.fromEntries(overlong.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
    if (Object.keys(fieldErrors).length > 0) {
      await ack({ response_action: "errors", errors: fieldErrors });
      return;
    }
    await ack();
    const userId = body.user.id;
    let answer: MessageView;
    try {
      answer = await deps.limit(async () => {
        const gone = new AppError("import_not_found", "That import is no longer there. Nothing was imported.");
        const pending = await deps.db.minutesImport.findFirst({ where: { id: metadata.data.importId, workspaceId: workspace.id }, select: { result: true, boardId: true, board: { select: { code: true } } } });
        if (!pending?.result || !pending.boardId) throw gone;
        await assertMayImport(deps, client, { workspaceId: workspace.id, boardId: pending.boardId, userId, hidden: gone });
        const extraction = pending.result as unknown as MinutesExtraction;
        const confirmed = await confirmImport(deps.db, { workspaceId: workspace.id, importId: metadata.data.importId, choices: choicesFrom(view.state.values as Values, extraction), actorSlackUserId: userId, now: deps.now() });
        await applyImportEffects(deps, client, { workspace, actorSlackUserId: userId, confirmed });
        const said = `Minutes imported for ${pending.board?.code ?? "the board"}: ${confirmed.actions.length} ${confirmed.actions.length === 1 ? "action" : "actions"} (${confirmed.actions.map((a) => a.reference).join(", ") || "none"})${confirmed.nextMeetingId ? ", and the next meeting scheduled with its reminders" : ""}. The summary is in the board's channel.`;
        return message(said, [section(said)]);
      });
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "confirming an import failed");
      answer = isAppError(error) ? problemView(error.message, error.hint) : failureView(error, "saved");
    }
    const channel = metadata.data.channelId;
    await tellSubmitter(client, userId, channel, answer).catch((err: unknown) => deps.logger.warn({ err }, "could not answer the import"));
  };
}
