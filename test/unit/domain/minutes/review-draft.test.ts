// The review's draft: a page applied (text, owners, dates, removal, an added action),
// bad fields refused without applying anything, and what changed recorded.
import { applyReviewPage, type PageInput } from "../../../../src/domain/minutes/review/apply-review-page";
import { changesOf, choicesOf } from "../../../../src/domain/minutes/review/import-changes";
import { buildReviewDraft, pageCount, actionsOnPage } from "../../../../src/domain/minutes/review/review-draft";
import type { MinutesExtraction } from "../../../../src/minutes/types";

const extraction: MinutesExtraction = {
  meeting: { title: null, date: "2026-11-19", time: null, location: null },
  attendees: [],
  items: [],
  decisions: [],
  actions: Array.from({ length: 40 }, (_, i) => ({
    text: `Action ${i}`,
    owners: i === 0 ? ["PR"] : ["Clerk"],
    due: i === 1 ? "2027-01-31" : null,
    dueText: i === 1 ? "by the end of January 2027" : null,
    isDueAtNextMeeting: false,
    line: 10 + i,
  })),
  nextMeeting: null,
};
const owners = extraction.actions.map((_, i) =>
  i === 0
    ? [{ written: "PR", name: "Paul Rogers", slackUserId: "U1", handle: "paul" }]
    : [{ written: "Clerk", name: "Clerk", slackUserId: null, handle: null }],
);
const draft = buildReviewDraft(extraction, { owners, timeZone: "Europe/London", conflict: null });
const context = { now: new Date("2026-11-23T10:00:00Z"), timeZone: "Europe/London" };
const asShown = (key: string) => {
  const a = draft.actions.find((x) => x.key === key)!;
  return {
    text: a.text,
    slackUserIds: a.owners.flatMap((o) => (o.slackUserId ? [o.slackUserId] : [])),
    named: a.owners
      .filter((o) => !o.slackUserId)
      .map((o) => o.name)
      .join(", "),
    due: a.due.text,
    isRemoved: false,
  };
};
const pageOne = (
  changes: Record<string, Partial<ReturnType<typeof asShown>>> = {},
  added: PageInput["added"] = null,
): PageInput => ({
  page: 0,
  actions: Object.fromEntries(actionsOnPage(draft, 0).map((a) => [a.key, { ...asShown(a.key), ...changes[a.key] }])),
  added,
});

it("pages forty actions fifteen at a time", () => {
  expect(pageCount(draft)).toBe(3);
  expect([0, 1, 2].map((p) => actionsOnPage(draft, p).length)).toEqual([15, 15, 10]);
});

it("keeps a page as shown and records no change", () => {
  const outcome = applyReviewPage(draft, pageOne(), context);
  expect(outcome.ok && changesOf(outcome.draft)).toEqual([]);
});

it("applies edits, a removal, a cleared match and an added action, and records each", () => {
  const outcome = applyReviewPage(
    draft,
    pageOne(
      {
        f0: { slackUserIds: [] },
        f1: { due: "end of June 2027" },
        f2: { text: "Action two, reworded" },
        f3: { isRemoved: true },
        f4: { slackUserIds: ["U9"], named: "" },
      },
      { text: "Book the hall", slackUserIds: ["U2"], named: "", due: "by the next meeting", isAnotherWanted: false },
    ),
    context,
  );
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  expect(outcome.draft.actions.find((a) => a.key === "f0")!.owners).toEqual([
    { written: "PR", name: "Paul Rogers", slackUserId: null, handle: null },
  ]);
  expect(changesOf(outcome.draft)).toEqual([
    { kind: "owners_changed", line: 10, text: "Action 0", before: ["<@U1>"], after: ["Paul Rogers"] },
    {
      kind: "due_changed",
      line: 11,
      text: "Action 1",
      before: "by the end of January 2027",
      after: "end of June 2027",
    },
    { kind: "text_edited", line: 12, before: "Action 2", after: "Action two, reworded" },
    { kind: "action_removed", line: 13, text: "Action 3" },
    { kind: "owners_changed", line: 14, text: "Action 4", before: ["Clerk"], after: ["<@U9>"] },
    { kind: "action_added", text: "Book the hall", owners: ["<@U2>"], due: "by the next meeting" },
  ]);
  const choices = choicesOf(outcome.draft);
  expect(choices.actions).toHaveLength(40);
  expect(choices.actions[1]!.due).toEqual({
    kind: "day",
    day: "2027-06-30",
    precision: "month",
    text: "end of June 2027",
  });
  expect(choices.actions.at(-1)).toEqual({
    index: null,
    text: "Book the hall",
    owners: [{ slackUserId: "U2" }],
    due: { kind: "next_meeting", text: "by the next meeting" },
  });
});

it("refuses an empty text and an unreadable date on their fields, and applies nothing", () => {
  const outcome = applyReviewPage(
    draft,
    pageOne({ f2: { text: "   " }, f5: { due: "the twelfth of Neverember" }, f6: { text: "Changed" } }),
    context,
  );
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.problems.map((p) => [p.action, p.field])).toEqual([
    ["f2", "text"],
    ["f5", "due"],
  ]);
  expect(outcome.problems[1]!.message).toMatch(
    /^I couldn't read "the twelfth of Neverember" as a date: .* Try: "by 12 November"/,
  );
});

it("asks which next meeting is right when the calendar disagrees", () => {
  const withConflict = {
    ...draft,
    conflict: { documentDay: "2027-03-11", calendarMeetingId: "m1", calendarDay: "2027-03-18" },
  };
  const unanswered = applyReviewPage(
    withConflict,
    { ...pageOne(), nextMeetingChoice: null, isNextMeetingIncluded: true },
    context,
  );
  expect(unanswered.ok ? [] : unanswered.problems.map((p) => p.field)).toEqual(["nextMeetingChoice"]);
  const answered = applyReviewPage(
    withConflict,
    { ...pageOne(), nextMeetingChoice: "calendar", isNextMeetingIncluded: true },
    context,
  );
  expect(answered.ok && choicesOf(answered.draft).nextMeetingChoice).toEqual({
    kept: "calendar",
    calendarMeetingId: "m1",
  });
});
