// Opening the New/Edit action form with the boards and meetings to choose from.
import type { WebClient } from "@slack/web-api";
import { formatDay, isoDayOf } from "../dates";
import type { ActionRecord } from "../domain/actions/action-record";
import { readActionFormChoices, type ActionFormChoices } from "../use-cases/actions/read-action-form";
import type { SlackDeps } from "./deps";
import { callerOf } from "./directory";
import { openFormAtOnce } from "./open-form";
import { actionModalView, type ActionModalMetadata, type ActionModalOptions } from "./views/actions/action-modal";

export interface OpenActionFormOptions {
  deps: SlackDeps;
  client: WebClient;
  triggerId: string;
  workspace: { id: string; timeZone: string };
  /** Who opens it: private boards whose channel they are not in are not offered. */
  userId: string;
  mode: ActionModalMetadata["mode"];
  /**
   * What the form holds, read after it has opened (the trigger lasts three seconds): an
   * AppError thrown here (the action is gone, the person may not change it) shows in the
   * form. `choices`, when the use case read them with the rest; else they are read here.
   */
  load: () => Promise<{
    metadata: ActionModalMetadata;
    initial: ActionModalOptions["initial"];
    choices?: ActionFormChoices;
  }>;
}

/** The New or Edit action form, opened at once and filled in when its boards and meetings are read. */
export async function openActionForm({
  deps,
  client,
  triggerId,
  mode,
  load,
  workspace,
  userId,
}: OpenActionFormOptions): Promise<void> {
  await openFormAtOnce({
    client,
    triggerId,
    title: mode === "edit" ? "Edit action" : "New action",
    logger: deps.logger,
    // Opened before waiting for a turn among the requests under way; filled in in its turn.
    build: () =>
      deps.limit(async () => {
        const { metadata, initial, choices } = await load();
        const caller = callerOf(client, { workspace, userId, channelId: undefined, now: deps.now() });
        return actionFormView(
          metadata,
          initial,
          choices ?? (await readActionFormChoices(deps.db, caller, { boardId: initial.boardId })),
        );
      }),
  });
}

/** The form, starting on the board the choices kept (a board hidden from the person is not chosen for them). */
function actionFormView(
  metadata: ActionModalMetadata,
  asked: ActionModalOptions["initial"],
  { boards, meetings, boardId }: ActionFormChoices,
) {
  const { boardId: _askedBoardId, ...others } = asked;
  return actionModalView({
    metadata,
    boards,
    meetings: meetings.map((m) => ({
      id: m.id,
      label: `${m.board.code} · ${formatDay(m.startsAt, m.board.timeZone)}`,
    })),
    initial: boardId ? { ...others, boardId } : others,
  });
}

/** The form's starting values for an existing action. */
export function initialValuesOf(action: ActionRecord, timeZone: string): ActionModalOptions["initial"] {
  const isPhrase = action.dueText !== null && action.duePrecision !== "day";
  return {
    text: action.text,
    ownerUserIds: action.owners.flatMap((o) => (o.slackUserId ? [o.slackUserId] : [])),
    ownerBodies: action.owners.flatMap((o) => (o.bodyName ? [o.bodyName] : [])),
    ...(action.dueAt && !isPhrase && !action.dueMeetingId ? { dueDate: isoDayOf(action.dueAt, timeZone) } : {}),
    ...(action.dueText && (isPhrase || action.dueMeetingId) ? { duePhrase: action.dueText } : {}),
    ...(action.boardId ? { boardId: action.boardId } : {}),
    ...(action.originMeetingId ? { meetingId: action.originMeetingId } : {}),
  };
}
