// Submitting the board settings form: someone with no say, or any field that is
// wrong, is answered on the form and nothing is saved; otherwise the settings are
// saved with every reminder re-planned and the next meeting of a recurring board
// in place (one transaction), and the person is told what the board now does.
import type { SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { isoDayOf } from "../../../dates";
import { loadBoardOverview } from "../../../domain/boards/board-overview";
import { updateBoardSettings } from "../../../domain/boards/update-board-settings";
import { isAppError } from "../../../errors";
import type { SlackDeps } from "../../deps";
import { readerTimeZone } from "../../people";
import { failureView, parseJsonSafely, truncate, type MessageView } from "../../views/blocks";
import { BOARD_SETTINGS, boardSettingsSavedView } from "../../views/boards/board-views";
import { assertCanManage, boardFor } from "../commands/board-access";
import { readSettingsForm, type SettingsFormValues } from "./read-board-settings-form";
import { tellSubmitter } from "../../tell-submitter";
import type { ListenerArgs } from "../../context";

type Args = ListenerArgs<SlackViewMiddlewareArgs<ViewSubmitAction>>;
const Metadata = z.object({ boardId: z.string().uuid(), channelId: z.string().optional() });
const F = BOARD_SETTINGS.fields;

export function boardSettingsListener(deps: SlackDeps) {
  return async ({ ack, view, body, client, context }: Args): Promise<void> => {
    const workspace = context.workspace;
    const metadata = Metadata.safeParse(parseJsonSafely(view.private_metadata));
    const stale = {
      response_action: "errors" as const,
      errors: { [F.chair]: "This form is out of date: close it and run /board settings again." },
    };
    if (!workspace || !metadata.success) {
      await ack(stale);
      return;
    }
    const userId = body.user.id;
    const now = deps.now();
    const found = await deps.db.board.findFirst({
      where: { id: metadata.data.boardId, workspaceId: workspace.id, archivedAt: null },
      select: { code: true },
    });
    if (!found) {
      await ack(stale);
      return;
    }
    // A private board is found only by members of its channel; to anyone else this form is stale.
    const board = await boardFor(deps, {
      workspaceId: workspace.id,
      code: found.code,
      channelId: undefined,
      client,
      userId,
    }).catch((error: unknown) => {
      if (isAppError(error) && error.code === "board_not_found") return undefined;
      throw error;
    });
    if (!board) {
      await ack(stale);
      return;
    }
    // Checked again on saving: the form may have been opened by someone who has since lost the role.
    const refusal = await assertCanManage(client, board, userId).then(
      () => undefined,
      (error: unknown) =>
        isAppError(error)
          ? error.message
          : "I couldn't check who may change this board. Nothing was saved; try again in a minute.",
    );
    if (refusal) {
      await ack({ response_action: "errors", errors: { [F.chair]: truncate(refusal, 150) } });
      return;
    }
    const current = await loadBoardOverview(deps.db, { workspaceId: workspace.id, boardId: board.id, now });
    const read = readSettingsForm(
      view.state.values as SettingsFormValues,
      { recurrenceRule: board.recurrenceRule, policy: current!.policy },
      isoDayOf(now, board.timeZone),
    );
    if (!read.ok) {
      await ack({ response_action: "errors", errors: read.errors });
      return;
    }
    await ack();
    let answer: MessageView;
    try {
      answer = await deps.limit(async () => {
        const saved = await updateBoardSettings(deps.db, {
          workspaceId: workspace.id,
          boardId: board.id,
          settings: read.settings,
          now,
        });
        await deps.reminderJobs.apply(saved.reminders);
        const overview = await loadBoardOverview(deps.db, { workspaceId: workspace.id, boardId: board.id, now });
        return boardSettingsSavedView(overview!, saved, await readerTimeZone(client, userId, workspace.timeZone));
      });
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "saving board settings failed");
      answer = failureView(error);
    }
    const channel = metadata.data.channelId;
    await tellSubmitter(client, userId, channel, answer).catch((err: unknown) =>
      deps.logger.warn({ err }, "could not answer the settings form"),
    );
  };
}
