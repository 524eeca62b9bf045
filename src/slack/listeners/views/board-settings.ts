// Submitting the board settings form: someone with no say, or any field that is
// wrong, is answered on the form and nothing is saved; otherwise the settings are
// saved with every reminder re-planned and the next meeting of a recurring board
// in place (one transaction), and the person is told what the board now does.
import type { SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { isoDayOf } from "../../../dates";
import type { BoardOverview } from "../../../domain/boards/board-overview";
import { reopenBoardSettings } from "../../../use-cases/boards/open-board-settings";
import { boardAsSaved, updateBoardSettings } from "../../../use-cases/boards/update-board-settings";
import { isAppError } from "../../../errors";
import type { SlackDeps } from "../../deps";
import { readerTimeZone } from "../../people";
import { failureView, parseJsonSafely, truncate, type MessageView } from "../../views/blocks";
import { wordsFor } from "../../views/problems";
import { BOARD_SETTINGS, boardSettingsSavedView } from "../../views/boards/board-views";
import { callerOf } from "../../directory";
import { applyEffects } from "../../effects";
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
    // A form has no channel: a private board is found only by members of its channel.
    const caller = callerOf(client, { workspace, userId, channelId: undefined, now: deps.now() });
    let current: BoardOverview;
    try {
      current = await reopenBoardSettings(deps.db, caller, { boardId: metadata.data.boardId });
    } catch (error) {
      // Gone or hidden: the form is stale. Refused: checked again on saving, as the role may have gone since it opened.
      if (!isAppError(error)) deps.logger.error({ err: error }, "checking who may change a board failed");
      const problem = isAppError(error)
        ? wordsFor(error.problem).text
        : "I couldn't check who may change this board. Nothing was saved; try again in a minute.";
      await ack({ response_action: "errors", errors: { [F.chair]: truncate(problem, 150) } });
      return;
    }
    const read = readSettingsForm(
      view.state.values as SettingsFormValues,
      { recurrenceRule: current.recurrenceRule, policy: current.policy },
      isoDayOf(caller.now, current.timeZone),
    );
    if (!read.ok) {
      await ack({ response_action: "errors", errors: read.errors });
      return;
    }
    await ack();
    let answer: MessageView;
    try {
      answer = await deps.limit(async () => {
        const { result, effects } = await updateBoardSettings(deps.db, caller, {
          boardId: current.id,
          settings: read.settings,
        });
        // Before the answer, as before use cases: it says the reminders are re-planned.
        await applyEffects(deps, { client, workspace }, effects);
        if (result.readFailure)
          deps.logger.warn({ err: result.readFailure }, "saved board settings, but could not read the board back");
        // Saved whatever the read back said: described from the form's values if it failed.
        const board = result.overview ?? boardAsSaved(current, read.settings, result.saved);
        const readerZone = await readerTimeZone(client, userId, workspace.timeZone);
        return boardSettingsSavedView(board, result.saved, readerZone);
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
