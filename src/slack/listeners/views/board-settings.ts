// The board settings form: every field read and checked; any problem is shown on
// its field and nothing is saved; otherwise saved, reminders re-planned, and the
// next meeting scheduled if the board now meets on a rule.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { isoDayOf } from "../../../dates";
import { loadBoardOverview } from "../../../domain/boards/board-overview";
import { describeRecurrence, parseRecurrence } from "../../../domain/boards/recurrence";
import { HOLIDAY_REGIONS, updateBoardSettings, type BoardSettings } from "../../../domain/boards/update-board-settings";
import { ensureNextMeeting } from "../../../domain/meetings/ensure-next-meeting";
import { isAppError } from "../../../errors";
import { readReminderPolicy } from "../../../reminders/plan";
import type { SlackDeps } from "../../deps";
import { failureView, message, parseJsonSafely, section, type MessageView } from "../../views/blocks";
import { BOARD_SETTINGS } from "../../views/boards/board-views";
import { meetingWords } from "../../views/meetings/meeting-views";
import { assertCanManage, boardFor } from "../commands/board-access";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type Values = Record<string, Record<string, { value?: string | null; selected_user?: string | null; selected_option?: { value: string } | null; selected_options?: unknown[] | null }>>;
const Metadata = z.object({ boardId: z.string().uuid(), channelId: z.string().optional() });
const F = BOARD_SETTINGS.fields;

function clock(text: string): number | undefined {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The form's values as settings, or the problem on each field that has one. */
export function readSettingsForm(values: Values, current: { recurrenceRule: string | null }, today: string): { ok: true; settings: BoardSettings } | { ok: false; errors: Record<string, string> } {
  const get = (block: string) => values[block]?.[BOARD_SETTINGS.value];
  const textOf = (block: string) => (get(block)?.value ?? "").trim();
  const errors: Record<string, string> = {};
  const numbers = (block: string) => textOf(block).split(/\s*,\s*/).filter(Boolean).map(Number);

  const startText = textOf(F.startTime);
  const start = startText ? clock(startText) : null;
  if (start === undefined) errors[F.startTime] = 'Write a time on the 24-hour clock, such as "15:30".';
  const sendAt = clock(textOf(F.sendAt) || "09:00");
  if (sendAt === undefined) errors[F.sendAt] = 'Write a time on the 24-hour clock, such as "09:00".';

  let recurrenceRule: string | null = null;
  const recurrenceText = textOf(F.recurrence);
  if (recurrenceText) {
    if (current.recurrenceRule && recurrenceText === describeRecurrence(current.recurrenceRule)) recurrenceRule = current.recurrenceRule;
    else {
      const parsed = parseRecurrence(recurrenceText, today);
      if (parsed.ok) recurrenceRule = parsed.rule;
      else errors[F.recurrence] = parsed.problem.slice(0, 150);
    }
  }
  const policyInput = {
    beforeDueDays: numbers(F.beforeDueDays),
    beforeDueWorkingDays: numbers(F.beforeDueWorkingDays),
    overdueEveryDays: Number(textOf(F.overdueEveryDays) || 7),
    escalateAfterOverdue: Number(textOf(F.escalateAfterOverdue) || 3),
    sendAtMinutes: sendAt ?? 540,
    papersCallWorkingDays: Number(textOf(F.papersCallWorkingDays) || 5),
    mattersArisingWorkingDays: Number(textOf(F.mattersArisingWorkingDays) || 1),
    weeklyDigest: (get(F.weeklyDigest)?.selected_options ?? []).length > 0,
  };
  const policy = readReminderPolicy(policyInput);
  if (!policy.ok) {
    const fieldOf: Record<string, string> = { beforeDueDays: F.beforeDueDays, beforeDueWorkingDays: F.beforeDueWorkingDays, overdueEveryDays: F.overdueEveryDays, escalateAfterOverdue: F.escalateAfterOverdue, papersCallWorkingDays: F.papersCallWorkingDays, mattersArisingWorkingDays: F.mattersArisingWorkingDays };
    for (const problem of policy.problems) {
      const [path = ""] = problem.split(/[.:]/);
      const block = fieldOf[path] ?? F.overdueEveryDays;
      errors[block] ??= `Give a whole number in range (${problem.replace(/^[^:]*:\s*/, "")}).`.slice(0, 150);
    }
  }
  const region = get(F.holidayRegion)?.selected_option?.value ?? "england-and-wales";
  if (!(HOLIDAY_REGIONS as readonly string[]).includes(region)) errors[F.holidayRegion] = "Pick one of the regions listed.";
  if (Object.keys(errors).length > 0 || !policy.ok) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      chairSlackUserId: get(F.chair)?.selected_user ?? null,
      secretarySlackUserId: get(F.secretary)?.selected_user ?? null,
      timeZone: get(F.timeZone)?.selected_option?.value ?? "Europe/London",
      holidayRegion: region as BoardSettings["holidayRegion"],
      defaultLocation: textOf(F.location) || null,
      defaultStartMinutes: start ?? null,
      recurrenceRule,
      requireExtensionApproval: (get(F.approval)?.selected_options ?? []).length > 0,
      reminderPolicy: policy.policy,
    },
  };
}

export function boardSettingsListener(deps: SlackDeps) {
  return async ({ ack, view, body, client, context }: Args): Promise<void> => {
    const workspace = context.workspace as { id: string; timeZone: string } | undefined;
    const metadata = Metadata.safeParse(parseJsonSafely(view.private_metadata));
    if (!workspace || !metadata.success) {
      await ack({ response_action: "errors", errors: { [F.chair]: "This form is out of date: close it and run /board settings again." } });
      return;
    }
    const now = deps.now();
    const board = await deps.db.board.findFirst({ where: { id: metadata.data.boardId, workspaceId: workspace.id }, select: { code: true, recurrenceRule: true, timeZone: true } });
    const read = readSettingsForm(view.state.values as Values, { recurrenceRule: board?.recurrenceRule ?? null }, isoDayOf(now, board?.timeZone ?? workspace.timeZone));
    if (!read.ok) {
      await ack({ response_action: "errors", errors: read.errors });
      return;
    }
    await ack();
    const userId = body.user.id;
    let answer: MessageView;
    try {
      answer = await deps.limit(async () => {
        const found = await boardFor(deps, { workspaceId: workspace.id, code: board?.code, channelId: undefined });
        await assertCanManage(client, found, userId);
        const reminders = await updateBoardSettings(deps.db, { workspaceId: workspace.id, boardId: found.id, settings: read.settings, now });
        await deps.reminderJobs.apply(reminders);
        const next = await ensureNextMeeting(deps.db, { workspaceId: workspace.id, boardId: found.id, now });
        await deps.reminderJobs.apply(next.reminders);
        const overview = await loadBoardOverview(deps.db, { workspaceId: workspace.id, boardId: found.id, now });
        const nextWords = overview?.nextMeeting ? `Next meeting: ${meetingWords(overview.nextMeeting, overview.timeZone)}.` : "No meeting is scheduled yet.";
        const said = `${found.code} settings saved. Reminders re-planned by the new settings. ${nextWords}`;
        return message(said, [section(said)]);
      });
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "saving board settings failed");
      answer = failureView(error);
    }
    const channel = metadata.data.channelId;
    const tell = channel ? client.chat.postEphemeral({ channel, user: userId, text: answer.text, blocks: answer.blocks }) : client.chat.postMessage({ channel: userId, text: answer.text, blocks: answer.blocks });
    await tell.catch((err: unknown) => deps.logger.warn({ err }, "could not answer the settings form"));
  };
}
