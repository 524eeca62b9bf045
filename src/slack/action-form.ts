// Opening the New/Edit action form with the boards and meetings to choose from.
import type { WebClient } from "@slack/web-api";
import { formatDay, isoDayOf } from "../dates";
import type { ActionRecord } from "../domain/actions/action-record";
import type { SlackDeps } from "./deps";
import { openFormAtOnce } from "./open-form";
import { hiddenBoardIdsFor } from "./people";
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
   * AppError thrown here (the action is gone, the person may not change it) shows in the form.
   */
  load: () => Promise<{ metadata: ActionModalMetadata; initial: ActionModalOptions["initial"] }>;
}

/** The New or Edit action form, opened at once and filled in when its boards and meetings are read. */
export async function openActionForm({
  deps,
  client,
  triggerId,
  mode,
  load,
  ...who
}: OpenActionFormOptions): Promise<void> {
  await openFormAtOnce({
    client,
    triggerId,
    title: mode === "edit" ? "Edit action" : "New action",
    logger: deps.logger,
    // Opened before waiting for a turn among the requests under way; filled in in its turn.
    build: () =>
      deps.limit(async () => {
        const { metadata, initial } = await load();
        return actionFormView({ deps, client, ...who }, metadata, initial);
      }),
  });
}

async function actionFormView(
  { deps, client, workspace, userId }: Pick<OpenActionFormOptions, "deps" | "client" | "workspace" | "userId">,
  metadata: ActionModalMetadata,
  asked: ActionModalOptions["initial"],
) {
  const hidden = await hiddenBoardIdsFor(deps.db, client, { workspaceId: workspace.id, slackUserId: userId });
  const { boardId: askedBoardId, ...others } = asked;
  const initial: ActionModalOptions["initial"] = askedBoardId && hidden.includes(askedBoardId) ? others : asked;
  const boards = await deps.db.board.findMany({
    where: { workspaceId: workspace.id, archivedAt: null, id: { notIn: hidden } },
    select: { id: true, code: true, name: true },
    orderBy: { code: "asc" },
    take: 100,
  });
  // Recent and coming meetings, so an action can be tied to the one that agreed it.
  const since = new Date(deps.now().getTime() - 400 * 86_400_000);
  const meetings = await deps.db.meeting.findMany({
    where: {
      workspaceId: workspace.id,
      status: { not: "cancelled" },
      startsAt: { gte: since },
      ...(initial.boardId ? { boardId: initial.boardId } : { boardId: { notIn: hidden } }),
    },
    select: { id: true, startsAt: true, board: { select: { code: true, timeZone: true } } },
    orderBy: { startsAt: "desc" },
    take: 50,
  });
  return actionModalView({
    metadata,
    boards,
    meetings: meetings.map((m) => ({
      id: m.id,
      label: `${m.board.code} · ${formatDay(m.startsAt, m.board.timeZone)}`,
    })),
    initial,
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
