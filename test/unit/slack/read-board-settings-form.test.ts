import { DEFAULT_REMINDER_POLICY } from "../../../src/reminders/plan";
import { readSettingsForm, type SettingsFormValues } from "../../../src/slack/listeners/views/read-board-settings-form";

const TODAY = "2026-11-23";
const current = { recurrenceRule: null, policy: { ...DEFAULT_REMINDER_POLICY, maxOverdueReminders: 4 } };

function form(overrides: Record<string, Record<string, unknown>> = {}): SettingsFormValues {
  const base: Record<string, Record<string, unknown>> = {
    chair: { selected_user: "U0CHAIR" },
    secretary: { selected_user: "U0SEC" },
    time_zone: { selected_option: { value: "Europe/London" } },
    holiday_region: { selected_option: { value: "scotland" } },
    location: { value: " City Hall " },
    start_time: { value: "15:30" },
    recurrence: { value: "quarterly on the second Tuesday" },
    approval: { selected_options: [] },
    before_due_days: { value: "14, 7" },
    before_due_working_days: { value: "1" },
    overdue_every_days: { value: "7" },
    escalate_after: { value: "3" },
    send_at: { value: "08.30" },
    papers_call_days: { value: "5" },
    matters_arising_days: { value: "2" },
    weekly_digest: { selected_options: [{ value: "yes" }] },
    ...overrides,
  };
  return Object.fromEntries(Object.entries(base).map(([block, value]) => [block, { value }])) as SettingsFormValues;
}

describe("readSettingsForm", () => {
  it("reads every field into settings, keeping policy fields the form does not show", () => {
    const read = readSettingsForm(form(), current, TODAY);
    expect(read).toEqual({
      ok: true,
      settings: {
        chairSlackUserId: "U0CHAIR",
        secretarySlackUserId: "U0SEC",
        timeZone: "Europe/London",
        holidayRegion: "scotland",
        defaultLocation: "City Hall",
        defaultStartMinutes: 930,
        recurrenceRule: "DTSTART:20261123T000000Z\nRRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=+2TU",
        requireExtensionApproval: false,
        reminderPolicy: {
          ...DEFAULT_REMINDER_POLICY,
          maxOverdueReminders: 4,
          beforeDueDays: [14, 7],
          sendAtMinutes: 510,
          mattersArisingWorkingDays: 2,
        },
      },
    });
  });

  it("keeps the stored rule when its words come back unchanged, and clears it when the field is emptied", () => {
    const stored = "DTSTART:20260101T000000Z\nRRULE:FREQ=MONTHLY;BYDAY=+4FR";
    const kept = readSettingsForm(
      form({ recurrence: { value: "every month on the 4th Friday" } }),
      { ...current, recurrenceRule: stored },
      TODAY,
    );
    expect(kept.ok && kept.settings.recurrenceRule).toBe(stored);
    const cleared = readSettingsForm(
      form({ recurrence: { value: "" }, start_time: { value: "" }, location: { value: null } }),
      { ...current, recurrenceRule: stored },
      TODAY,
    );
    expect(
      cleared.ok && [
        cleared.settings.recurrenceRule,
        cleared.settings.defaultStartMinutes,
        cleared.settings.defaultLocation,
      ],
    ).toEqual([null, null, null]);
  });

  it.each<[field: string, written: string, minutes: number]>([
    ["start_time", "3.30pm", 930],
    ["start_time", "noon", 720],
    ["start_time", "15:30", 930],
    ["send_at", "9am", 540],
    ["send_at", "8.30am", 510],
    ["send_at", "07:45", 465],
  ])("reads %s written %j as /meeting does", (field, written, minutes) => {
    const read = readSettingsForm(form({ [field]: { value: written } }), current, TODAY);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(
      field === "start_time" ? read.settings.defaultStartMinutes : read.settings.reminderPolicy.sendAtMinutes,
    ).toBe(minutes);
  });

  it("saves the financial year's start month when the form gives one, and leaves it alone when an older form does not", () => {
    const july = readSettingsForm(form({ financial_year_start: { selected_option: { value: "7" } } }), current, TODAY);
    expect(july.ok && july.settings.financialYearStartMonth).toBe(7);
    const older = readSettingsForm(form(), current, TODAY);
    expect(older.ok && "financialYearStartMonth" in older.settings).toBe(false);
  });

  it.each([
    ["start_time", { value: "half three" }, 'Write a time such as "15:30", "3.30pm" or "noon".'],
    [
      "start_time",
      { value: "25:00" },
      '"25:00" is not a time of day. Write a time such as "15:30", "3.30pm" or "noon".',
    ],
    ["start_time", { value: "3pm on Fridays" }, 'Write a time such as "15:30", "3.30pm" or "noon".'],
    ["send_at", { value: "13pm" }, '"13pm" is not a time of day. Write a time such as "09:00", "9am" or "8.30am".'],
    ["send_at", { value: "nine" }, 'Write a time such as "09:00", "9am" or "8.30am".'],
    ["financial_year_start", { selected_option: { value: "13" } }, "months listed"],
    ["recurrence", { value: "whenever" }, 'I couldn\'t read "whenever" as a schedule'],
    ["recurrence", { value: "FREQ=MINUTELY" }, "at most once a day"],
    ["before_due_days", { value: "7, 0" }, "from 1 to 90"],
    ["before_due_days", { value: "seven" }, "from 1 to 90"],
    ["before_due_working_days", { value: "21" }, "from 1 to 20"],
    ["overdue_every_days", { value: "0" }, "from 1 to 90"],
    ["escalate_after", { value: "2.5" }, "from 1 to 52"],
    ["papers_call_days", { value: "31" }, "from 1 to 30"],
    ["matters_arising_days", { value: "-1" }, "from 1 to 30"],
    ["time_zone", { selected_option: { value: "Mars/Olympus" } }, "time zones listed"],
    ["holiday_region", { selected_option: { value: "wales" } }, "regions listed"],
    ["location", { value: "x".repeat(201) }, "200 characters"],
  ])("puts a bad %s on its field: %j", (block, value, problem) => {
    const read = readSettingsForm(form({ [block]: value }), current, TODAY);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(Object.keys(read.errors)).toEqual([block]);
    expect(read.errors[block]).toContain(problem);
    expect(read.errors[block]!.length).toBeLessThanOrEqual(150);
  });

  it("reports every bad field at once", () => {
    const read = readSettingsForm(
      form({ start_time: { value: "noonish" }, recurrence: { value: "often" }, overdue_every_days: { value: "0" } }),
      current,
      TODAY,
    );
    expect(read.ok || Object.keys(read.errors).sort()).toEqual(["overdue_every_days", "recurrence", "start_time"]);
  });
});
