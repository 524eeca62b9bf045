// The buttons' use cases (Done, Undo, Snooze, on an action, a reminder or the Home tab)
// against a real database and a fake Directory: who may press them, and that a refusal
// or a hidden action changes nothing. The authorization matrix checks them end to end.
import { markDone } from "../../../src/use-cases/actions/mark-done";
import { undoChange } from "../../../src/use-cases/actions/undo-change";
import { markReminderDone } from "../../../src/use-cases/reminders/mark-reminder-done";
import { snoozeActionReminders } from "../../../src/use-cases/reminders/snooze-action-reminders";
import { snoozeReminder } from "../../../src/use-cases/reminders/snooze-reminder";
import { databaseForFile } from "../../support/database-for-file";
import { refusalWords } from "../../support/problem-words";
import { makeFixture, PEOPLE, refusal, type Fixture } from "./action-fixtures";

describe("action and reminder buttons", () => {
  const { db } = databaseForFile();
  let fixture: Fixture;

  beforeAll(async () => {
    fixture = await makeFixture(db(), "T0BUTTONS");
  });

  const ownerReminder = async (actionId: string) =>
    (await db().reminder.findFirstOrThrow({ where: { actionId, recipient: `user:${PEOPLE.owner}` } })).id;

  it("marks an action done for those who may change it, with its reminder jobs to follow", async () => {
    for (const person of ["owner", "creator", "chair", "secretary", "admin"] as const) {
      const action = await fixture.freshAction();
      const { result, effects } = await markDone(db(), fixture.caller(person), { actionId: action.id });
      expect(result.action.status).toBe("done");
      expect(effects).toEqual([expect.objectContaining({ kind: "action_changed", actorSlackUserId: PEOPLE[person] })]);
      expect(effects[0]).not.toHaveProperty("change");
    }
  });

  it("refuses a member with no role, and hides a private board's action from an outsider, changing nothing", async () => {
    const action = await fixture.freshAction();
    expect(
      await refusal(fixture, () => markDone(db(), fixture.caller("member"), { actionId: action.id })),
    ).toMatchObject({ code: "not_allowed_to_change" });
    const hidden = await refusal(fixture, () => markDone(db(), fixture.caller("outsider"), { actionId: action.id }));
    expect(refusalWords(hidden)).toMatchObject({
      code: "action_not_found",
      text: "That action no longer exists. Nothing was changed.",
    });
    expect(JSON.stringify(hidden)).not.toContain(action.reference);
    // A made-up id is gone too, not a database error.
    expect(await refusal(fixture, () => markDone(db(), fixture.caller("owner"), { actionId: "nope" }))).toMatchObject({
      code: "action_not_found",
    });
  });

  it("lets only whoever made the change undo it, even against an admin", async () => {
    const action = await fixture.freshAction();
    const done = await markDone(db(), fixture.caller("owner"), { actionId: action.id });
    const target = { actionId: action.id, version: done.result.action.version };
    expect(await refusal(fixture, () => undoChange(db(), fixture.caller("admin"), target))).toMatchObject({
      code: "undo_not_yours",
    });
    expect(await refusal(fixture, () => undoChange(db(), fixture.caller("outsider"), target))).toMatchObject({
      code: "action_not_found",
    });
    const { result, effects } = await undoChange(db(), fixture.caller("owner"), target);
    expect(result.action.status).toBe("open");
    expect(effects).toEqual([
      expect.objectContaining({ kind: "action_changed", change: expect.objectContaining({ isUndo: true }) }),
    ]);
  });

  it("marks a reminder's action done; a reminder about a hidden action is gone", async () => {
    const action = await fixture.freshAction();
    const reminderId = await ownerReminder(action.id);
    expect(
      refusalWords(await refusal(fixture, () => markReminderDone(db(), fixture.caller("outsider"), { reminderId }))),
    ).toMatchObject({ code: "reminder_not_found", text: "That reminder is no longer there. Nothing was changed." });
    expect(
      await refusal(fixture, () => markReminderDone(db(), fixture.caller("member"), { reminderId })),
    ).toMatchObject({
      code: "not_allowed_to_change",
    });
    const { result } = await markReminderDone(db(), fixture.caller("owner"), { reminderId });
    expect(result.action.status).toBe("done");
  });

  it("snoozes a reminder for the person it was sent to, planning the jobs to follow", async () => {
    const action = await fixture.freshAction();
    const reminderId = await ownerReminder(action.id);
    expect(
      await refusal(fixture, () => snoozeReminder(db(), fixture.caller("chair"), { reminderId, workingDays: 1 })),
    ).toMatchObject({ code: "not_yours" });
    const { result, effects } = await snoozeReminder(db(), fixture.caller("owner"), { reminderId, workingDays: 1 });
    // The next working day (Tue 24 Nov) at the board's reminder time, in London.
    expect(result.until.toISOString()).toBe("2026-11-24T09:00:00.000Z");
    expect(result.isCut).toBe(false);
    expect(effects).toEqual([expect.objectContaining({ kind: "reminders_planned" })]);
  });

  it("lets only those who may change the action snooze a reminder sent to a channel", async () => {
    const action = await fixture.freshAction();
    const channelReminder = await db().reminder.create({
      data: {
        workspaceId: fixture.workspaceId,
        boardId: fixture.privateBoard.id,
        actionId: action.id,
        subject: `action:${action.id}`,
        kind: "overdue",
        recipient: "channel:G0PRIV",
        fireAt: new Date("2027-03-01T09:00:00Z"),
      },
    });
    const snooze = (person: "member" | "secretary") =>
      snoozeReminder(db(), fixture.caller(person), { reminderId: channelReminder.id, workingDays: 5 });
    expect(await refusal(fixture, () => snooze("member"))).toMatchObject({ code: "not_allowed_to_change" });
    await expect(snooze("secretary")).resolves.toMatchObject({ result: { action: { id: action.id } } });
  });

  it("snoozes from the Home tab the person's own reminders, and redraws their tab", async () => {
    const action = await fixture.freshAction();
    expect(
      await refusal(fixture, () =>
        snoozeActionReminders(db(), fixture.caller("member"), { actionId: action.id, workingDays: 5 }),
      ),
    ).toMatchObject({ code: "nothing_to_snooze" });
    expect(
      await refusal(fixture, () =>
        snoozeActionReminders(db(), fixture.caller("outsider"), { actionId: action.id, workingDays: 5 }),
      ),
    ).toMatchObject({ code: "action_not_found" });
    const { effects } = await snoozeActionReminders(db(), fixture.caller("owner"), {
      actionId: action.id,
      workingDays: 5,
    });
    expect(effects.map((e) => e.kind)).toEqual(["reminders_planned", "homes_changed"]);
  });
});
