// The board settings form's values read into settings, field by field: a problem
// goes on its field (Slack shows it there, keeping what was typed). Pure.
import { findTimeOfDay, isFinancialYearStartMonth, readTimeOfDay } from "../../../dates";
import { describeRecurrence, parseRecurrence } from "../../../domain/boards/recurrence";
import { HOLIDAY_REGIONS, type BoardSettings } from "../../../domain/boards/update-board-settings";
import { readReminderPolicy, type ReminderPolicy } from "../../../reminders/plan";
import { BOARD_SETTINGS } from "../../views/boards/board-views";
import { tooLong, truncate } from "../../views/blocks";

export type SettingsFormValues = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_user?: string | null;
      selected_option?: { value: string } | null;
      selected_options?: unknown[] | null;
    }
  >
>;
const F = BOARD_SETTINGS.fields;

/** Each policy field's block and what it takes (the ranges of the policy schema). */
const POLICY_FIELDS: Record<string, { block: string; problem: string }> = {
  beforeDueDays: {
    block: F.beforeDueDays,
    problem: 'Give up to 5 whole numbers of days from 1 to 90, separated by commas, such as "7" or "14, 7".',
  },
  beforeDueWorkingDays: {
    block: F.beforeDueWorkingDays,
    problem: 'Give up to 5 whole numbers of working days from 1 to 20, separated by commas, such as "1".',
  },
  overdueEveryDays: { block: F.overdueEveryDays, problem: 'Give a whole number of days from 1 to 90, such as "7".' },
  escalateAfterOverdue: { block: F.escalateAfterOverdue, problem: 'Give a whole number from 1 to 52, such as "3".' },
  papersDueWorkingDays: {
    block: F.papersDueWorkingDays,
    problem: 'Give a whole number of working days from 1 to 30, such as "5".',
  },
  papersCallWorkingDays: {
    block: F.papersCallWorkingDays,
    problem: 'Give a whole number of working days from 1 to 30, such as "5".',
  },
  mattersArisingWorkingDays: {
    block: F.mattersArisingWorkingDays,
    problem: 'Give a whole number of working days from 1 to 30, such as "1".',
  },
};

/** A time as `/meeting` reads it ("15:30", "3.30pm", "noon"), or the problem to show on its field. */
function timeField(text: string, examples: string): { minutes: number } | { problem: string } {
  const minutes = readTimeOfDay(text);
  if (minutes !== undefined) return { minutes };
  const found = findTimeOfDay(text.trim());
  const impossible =
    found && !found.ok && found.written.length === text.trim().length
      ? `"${found.written}" is not a time of day. `
      : "";
  return { problem: `${impossible}Write a time such as ${examples}.` };
}

/** The form's values as settings, or the problem on each field that has one. */
export function readSettingsForm(
  values: SettingsFormValues,
  current: { recurrenceRule: string | null; policy: ReminderPolicy },
  today: string,
): { ok: true; settings: BoardSettings } | { ok: false; errors: Record<string, string> } {
  const get = (block: string) => values[block]?.[BOARD_SETTINGS.value];
  const textOf = (block: string) => (get(block)?.value ?? "").trim();
  const errors: Record<string, string> = {};
  const numbers = (block: string) =>
    textOf(block)
      .split(/\s*,\s*/)
      .filter(Boolean)
      .map(Number);
  // Longer than the field takes: said on the field unless something more particular is (and the schedule is not read).
  const overlong: Record<string, string> = {};
  for (const [field, max] of Object.entries(BOARD_SETTINGS.maxLength)) {
    const block = F[field as keyof typeof BOARD_SETTINGS.maxLength];
    const problem = tooLong("This is", textOf(block), max);
    if (problem) overlong[block] = problem;
  }

  // Times are read as `/meeting schedule` reads them, so "3.30pm" works in both.
  const startText = textOf(F.startTime);
  const start = startText ? timeField(startText, '"15:30", "3.30pm" or "noon"') : null;
  if (start && "problem" in start) errors[F.startTime] = start.problem;
  const sendAt = timeField(textOf(F.sendAt) || "09:00", '"09:00", "9am" or "8.30am"');
  if ("problem" in sendAt) errors[F.sendAt] = sendAt.problem;

  let recurrenceRule: string | null = null;
  const recurrenceText = textOf(F.recurrence);
  if (recurrenceText && !overlong[F.recurrence]) {
    if (current.recurrenceRule && recurrenceText === describeRecurrence(current.recurrenceRule))
      recurrenceRule = current.recurrenceRule;
    else {
      const parsed = parseRecurrence(recurrenceText, today);
      if (parsed.ok) recurrenceRule = parsed.rule;
      else errors[F.recurrence] = truncate(parsed.problem, 150);
    }
  }
  // Fields the form does not show (onDueDay, maxOverdueReminders) keep their stored values.
  const policyInput = {
    ...current.policy,
    beforeDueDays: numbers(F.beforeDueDays),
    beforeDueWorkingDays: numbers(F.beforeDueWorkingDays),
    overdueEveryDays: Number(textOf(F.overdueEveryDays) || 7),
    escalateAfterOverdue: Number(textOf(F.escalateAfterOverdue) || 3),
    sendAtMinutes: "minutes" in sendAt ? sendAt.minutes : 540,
    papersDueWorkingDays: Number(textOf(F.papersDueWorkingDays) || 5),
    papersCallWorkingDays: Number(textOf(F.papersCallWorkingDays) || 5),
    mattersArisingWorkingDays: Number(textOf(F.mattersArisingWorkingDays) || 1),
    weeklyDigest: (get(F.weeklyDigest)?.selected_options ?? []).length > 0,
  };
  const policy = readReminderPolicy(policyInput);
  if (!policy.ok) {
    for (const problem of policy.problems) {
      const [path = ""] = problem.split(/[.:]/);
      const field = POLICY_FIELDS[path];
      if (field) errors[field.block] ??= field.problem;
      else errors[F.overdueEveryDays] ??= truncate(`The reminder schedule is not valid (${problem}).`, 150);
    }
  }
  const location = textOf(F.location);
  if (location.length > 200) errors[F.location] = "Keep the place to 200 characters.";
  const timeZone = get(F.timeZone)?.selected_option?.value ?? "Europe/London";
  if (!isTimeZone(timeZone)) errors[F.timeZone] = "Pick one of the time zones listed.";
  const region = get(F.holidayRegion)?.selected_option?.value ?? "england-and-wales";
  if (!(HOLIDAY_REGIONS as readonly string[]).includes(region))
    errors[F.holidayRegion] = "Pick one of the regions listed.";
  // A form opened before the field existed sends nothing for it: the stored month stays.
  const yearStartValue = get(F.financialYearStart)?.selected_option?.value;
  const financialYearStartMonth = yearStartValue === undefined ? undefined : Number(yearStartValue);
  if (financialYearStartMonth !== undefined && !isFinancialYearStartMonth(financialYearStartMonth))
    errors[F.financialYearStart] = "Pick one of the months listed.";
  for (const [block, problem] of Object.entries(overlong)) errors[block] ??= problem;
  if (Object.keys(errors).length > 0 || !policy.ok) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      chairSlackUserId: get(F.chair)?.selected_user ?? null,
      secretarySlackUserId: get(F.secretary)?.selected_user ?? null,
      timeZone,
      holidayRegion: region as BoardSettings["holidayRegion"],
      defaultLocation: location || null,
      defaultStartMinutes: start && "minutes" in start ? start.minutes : null,
      recurrenceRule,
      requireExtensionApproval: (get(F.approval)?.selected_options ?? []).length > 0,
      reminderPolicy: policy.policy,
      ...(financialYearStartMonth === undefined ? {} : { financialYearStartMonth }),
    },
  };
}

function isTimeZone(zone: string): boolean {
  return zone === "UTC" || Intl.supportedValuesOf("timeZone").includes(zone);
}
