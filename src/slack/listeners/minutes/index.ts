// `/minutes [#BOARD]`: paste minutes, check what was found, import. Listeners are
// thin: access, reading and writing are in src/use-cases/minutes, the forms in views/minutes.
import type { Listeners } from "../../listener-router";
import type { WebClient } from "@slack/web-api";
import type { SlackCommandMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import type { FieldProblem, PageInput } from "../../../domain/minutes/review/apply-review-page";
import { pageCount } from "../../../domain/minutes/review/review-draft";
import type { SavedPage } from "../../../domain/minutes/save-review-page";
import { isAppError } from "../../../errors";
import type { Caller } from "../../../use-cases/caller";
import { confirmImport } from "../../../use-cases/minutes/confirm-import";
import { importMinutes } from "../../../use-cases/minutes/import-minutes";
import { openMinutesImport } from "../../../use-cases/minutes/open-minutes-import";
import { saveImportReviewPage } from "../../../use-cases/minutes/review-import";
import type { SlackDeps } from "../../deps";
import { callerOf } from "../../directory";
import { applyEffects } from "../../effects";
import {
  failureView,
  message,
  parseJsonSafely,
  section,
  tooLong,
  truncate,
  type MessageView,
} from "../../views/blocks";
import { commandHelpView } from "../../views/command-help";
import { plainWordsFor } from "../../views/problems";
import { workspacePeopleSoon } from "../../people";
import { MINUTES_MODALS, pasteModal, reviewBlock, reviewModal } from "../../views/minutes/import-modals";
import { register as registerFileImport } from "./import-file";
import { tellSubmitter } from "../../tell-submitter";
import { openFormAtOnce } from "../../open-form";
import type { ListenerArgs } from "../../context";

type CommandArgs = ListenerArgs<SlackCommandMiddlewareArgs>;
type ViewArgs = ListenerArgs<SlackViewMiddlewareArgs<ViewSubmitAction>>;
type Workspace = { id: string; timeZone: string };

/** Who submitted a form: forms have no channel, so a private board is theirs only if they are in its channel. */
const formCaller = (deps: SlackDeps, client: WebClient, workspace: Workspace, userId: string): Caller =>
  callerOf(client, { workspace, userId, channelId: undefined, now: deps.now() });

type Values = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_date?: string | null;
      selected_users?: string[] | null;
      selected_options?: Array<{ value: string }> | null;
      selected_option?: { value: string } | null;
    }
  >
>;

const PasteMetadata = z.object({ boardId: z.string().uuid(), channelId: z.string().optional() });
const PreviewMetadata = z.object({
  importId: z.string().uuid(),
  channelId: z.string().optional(),
  page: z.number().int().min(0).default(0),
  depth: z.number().int().min(1).default(1),
});

/** The forms, shortcut and buttons; `/minutes` itself and file_shared are registered with the other commands and events. */
export function register(app: Listeners, deps: SlackDeps): void {
  registerFileImport(app, deps);
  app.view(MINUTES_MODALS.paste, pasteSubmitted(deps));
  app.view(MINUTES_MODALS.preview, previewSubmitted(deps));
}

export function minutesCommandListener(deps: SlackDeps) {
  return async ({ command, ack, respond, client, context }: CommandArgs): Promise<void> => {
    await ack();
    const workspace = context.workspace;
    if (!workspace) return;
    if (/^\s*help\s*$/i.test(command.text ?? "")) {
      const help = commandHelpView("/minutes");
      await respond({ response_type: "ephemeral", text: help.text, blocks: help.blocks });
      return;
    }
    try {
      await openFormAtOnce({
        client,
        triggerId: command.trigger_id,
        title: "Import minutes",
        logger: deps.logger,
        build: () => deps.limit(() => pasteForm(deps, client, workspace, command)),
      });
    } catch (error) {
      // The form did not open (Slack refused the trigger), or it failed as it was filled in: said here too.
      if (!isAppError(error)) deps.logger.error({ err: error }, "/minutes failed");
      const view = failureView(error);
      await respond({ response_type: "ephemeral", text: view.text, blocks: view.blocks });
    }
  };
}

/** The paste form for the board named or this channel's, if the person may import its minutes. */
async function pasteForm(
  deps: SlackDeps,
  client: WebClient,
  workspace: Workspace,
  command: { text?: string; channel_id: string; user_id: string },
) {
  const code = /#([A-Za-z0-9]{2,10})\b/.exec(command.text ?? "")?.[1];
  const caller = callerOf(client, {
    workspace,
    userId: command.user_id,
    channelId: command.channel_id,
    now: deps.now(),
  });
  const board = await openMinutesImport(deps.db, caller, { code });
  return pasteModal(board, { boardId: board.id, channelId: command.channel_id });
}

function pasteSubmitted(deps: SlackDeps) {
  return async ({ ack, view, body, client, context }: ViewArgs): Promise<void> => {
    const workspace = context.workspace;
    const metadata = PasteMetadata.safeParse(parseJsonSafely(view.private_metadata));
    const values = view.state.values as Values;
    const text = values[MINUTES_MODALS.text]?.[MINUTES_MODALS.value]?.value ?? "";
    const meetingDate = values[MINUTES_MODALS.meetingDate]?.[MINUTES_MODALS.value]?.selected_date ?? undefined;
    if (!workspace || !metadata.success) {
      await ack({
        response_action: "errors",
        errors: { [MINUTES_MODALS.text]: "This form is out of date: close it and run /minutes again." },
      });
      return;
    }
    const overlong = tooLong("These minutes are", text, MINUTES_MODALS.maxPasteCharacters);
    if (overlong) {
      await ack({
        response_action: "errors",
        errors: {
          [MINUTES_MODALS.text]: `${overlong} Share the file in the board's channel and use Import minutes on it instead.`,
        },
      });
      return;
    }
    try {
      // Reading minutes takes milliseconds, so the review replaces this form at once.
      const screen = await importMinutes(deps.db, formCaller(deps, client, workspace, body.user.id), {
        boardId: metadata.data.boardId,
        text,
        meetingDate,
        people: () => workspacePeopleSoon(client),
      });
      await ack({
        response_action: "update",
        view: reviewModal(screen, {
          importId: screen.importId,
          ...(metadata.data.channelId ? { channelId: metadata.data.channelId } : {}),
          page: 0,
          depth: 1,
        }),
      });
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "reading pasted minutes failed");
      const problem = isAppError(error)
        ? plainWordsFor(error.problem)
        : "Something went wrong on our side and nothing was imported. Please try again in a minute.";
      await ack({ response_action: "errors", errors: { [MINUTES_MODALS.text]: truncate(problem, 300) } });
    }
  };
}

const REVIEW_FIELD = /^(?:a_([a-z0-9]+)|new)_(text|people|named|due|remove|more)$/;

/** The review page's fields as the domain reads them: each action's by its key, the one being added, the meeting's. */
export function pageInputFrom(values: Values, page: number): PageInput {
  const actions: PageInput["actions"] = {};
  const added = { text: "", slackUserIds: [] as string[], named: "", due: "", isAnotherWanted: false };
  let isAddedTouched = false;
  for (const [blockId, fields] of Object.entries(values)) {
    const match = REVIEW_FIELD.exec(blockId);
    const field = fields[MINUTES_MODALS.value];
    if (!match || !field) continue;
    const [, key, part] = match;
    const target = key
      ? (actions[key] ??= { text: "", slackUserIds: [], named: "", due: "", isRemoved: false })
      : added;
    if (part === "text") target.text = field.value ?? "";
    if (part === "people") target.slackUserIds = field.selected_users ?? [];
    if (part === "named") target.named = field.value ?? "";
    if (part === "due") target.due = field.value ?? "";
    if (part === "remove" && key) actions[key]!.isRemoved = (field.selected_options ?? []).length > 0;
    if (part === "more") added.isAnotherWanted = (field.selected_options ?? []).length > 0;
    if (!key && part !== "more") isAddedTouched ||= Boolean(field.value?.trim() || field.selected_users?.length);
  }
  const field = (block: string) => values[block]?.[MINUTES_MODALS.value];
  const choice = field(MINUTES_MODALS.nextMeetingChoice)?.selected_option?.value;
  return {
    page,
    ...(field(MINUTES_MODALS.meetingDate)
      ? { meetingDate: field(MINUTES_MODALS.meetingDate)?.selected_date ?? null }
      : {}),
    ...(field(MINUTES_MODALS.nextMeeting)
      ? { isNextMeetingIncluded: (field(MINUTES_MODALS.nextMeeting)?.selected_options ?? []).length > 0 }
      : {}),
    ...(field(MINUTES_MODALS.nextMeetingChoice)
      ? { nextMeetingChoice: choice === "document" || choice === "calendar" ? choice : null }
      : {}),
    actions,
    added: isAddedTouched ? added : null,
  };
}

/** The form's first field: where a problem about the whole form is shown. */
const firstInputOf = (view: { blocks?: unknown[] }) =>
  (view.blocks as Array<{ type?: string; block_id?: string }> | undefined)?.find((b) => b.type === "input")?.block_id ??
  MINUTES_MODALS.meetingDate;

/**
 * Where each problem shows: its field's block, or the page's first input for one about the
 * whole form or about a field this page does not hold (Slack refuses errors keyed to a block
 * that is not in the view: https://docs.slack.dev/surfaces/modals#displaying_errors). Two
 * problems on one block are shown together.
 */
function errorsFor(problems: readonly FieldProblem[], view: { blocks?: unknown[] }): Record<string, string> {
  const firstInput = firstInputOf(view);
  const inputs = new Set(
    (view.blocks as Array<{ type?: string; block_id?: string }> | undefined)?.flatMap((b) =>
      b.type === "input" && b.block_id ? [b.block_id] : [],
    ) ?? [],
  );
  const blockOf = (p: FieldProblem) =>
    p.field === "meetingDate"
      ? MINUTES_MODALS.meetingDate
      : p.field === "nextMeetingChoice"
        ? MINUTES_MODALS.nextMeetingChoice
        : p.action
          ? reviewBlock(p.action, p.field)
          : firstInput;
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const block = inputs.has(blockOf(problem)) ? blockOf(problem) : firstInput;
    errors[block] = errors[block] ? `${errors[block]} ${problem.message}` : problem.message;
  }
  return Object.fromEntries(Object.entries(errors).map(([block, text]) => [block, truncate(text, 300)]));
}

function previewSubmitted(deps: SlackDeps) {
  return async ({ ack, view, body, client, context }: ViewArgs): Promise<void> => {
    const workspace = context.workspace;
    const metadata = PreviewMetadata.safeParse(parseJsonSafely(view.private_metadata));
    const firstInput = firstInputOf(view);
    if (!workspace || !metadata.success) {
      await ack({
        response_action: "errors",
        errors: { [firstInput]: "This form is out of date: run /minutes again." },
      });
      return;
    }
    const values = view.state.values as Values;
    const overlong = Object.entries(values).flatMap(([blockId, fields]) =>
      blockId.endsWith("_named")
        ? [
            [
              blockId,
              tooLong("The owners are", fields[MINUTES_MODALS.value]?.value, MINUTES_MODALS.maxOwnersCharacters),
            ] as const,
          ]
        : [],
    );
    const fieldErrors = Object.fromEntries(
      overlong.filter((entry): entry is readonly [string, string] => entry[1] !== undefined),
    );
    if (Object.keys(fieldErrors).length > 0) {
      await ack({ response_action: "errors", errors: fieldErrors });
      return;
    }
    const userId = body.user.id;
    const { importId, channelId, page, depth } = metadata.data;
    let saved: SavedPage;
    try {
      saved = await saveImportReviewPage(deps.db, formCaller(deps, client, workspace, userId), {
        importId,
        page: pageInputFrom(values, page),
      });
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "saving an import review failed");
      const problem = isAppError(error)
        ? plainWordsFor(error.problem)
        : "Something went wrong on our side and nothing was saved. Please try again in a minute.";
      await ack({ response_action: "errors", errors: { [firstInput]: truncate(problem, 300) } });
      return;
    }
    if (!saved.ok) {
      await ack({ response_action: "errors", errors: errorsFor(saved.problems, view) });
      return;
    }
    const pages = pageCount(saved.screen.draft);
    if (saved.isAnotherWanted || page < pages - 1) {
      // The next page, or the last again with an empty action to add; pushed while Slack allows, else in place.
      const nextPage = saved.isAnotherWanted ? pages - 1 : page + 1;
      const isPushed = !saved.isAnotherWanted && depth < MINUTES_MODALS.maxStackDepth;
      const nextView = reviewModal(saved.screen, {
        importId,
        ...(channelId ? { channelId } : {}),
        page: nextPage,
        depth: isPushed ? depth + 1 : depth,
      });
      await ack({ response_action: isPushed ? "push" : "update", view: nextView });
      return;
    }
    // Every page of the review closes together.
    await ack({ response_action: "clear" });
    let answer: MessageView;
    try {
      answer = await deps.limit(async () => {
        const { result: confirmed, effects } = await confirmImport(
          deps.db,
          formCaller(deps, client, workspace, userId),
          { importId },
        );
        // Told after the summary is posted and the owners told: the answer says the summary is in the channel.
        await applyEffects(deps, { client, workspace }, effects);
        const said = `Minutes imported for ${confirmed.boardCode}: ${confirmed.actions.length} ${confirmed.actions.length === 1 ? "action" : "actions"} (${confirmed.actions.map((a) => a.reference).join(", ") || "none"})${confirmed.nextMeetingId ? ", and the next meeting scheduled with its reminders" : ""}. The summary is in the board's channel.`;
        return message(said, [section(said)]);
      });
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "confirming an import failed");
      answer = failureView(error, "saved");
    }
    await tellSubmitter(client, userId, channelId, answer).catch((err: unknown) =>
      deps.logger.warn({ err }, "could not answer the import"),
    );
  };
}
