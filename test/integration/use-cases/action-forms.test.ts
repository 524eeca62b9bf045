// The forms' use cases (New/Edit action, New date and its approval, Post update) against
// a real database and a fake Directory: who may open and submit them, that a hidden board
// is answered as unknown, and that a refusal changes nothing.
import { checkActionForm } from "../../../src/use-cases/actions/check-action-form";
import { readActionFormChoices, readEditActionForm } from "../../../src/use-cases/actions/read-action-form";
import { saveActionForm } from "../../../src/use-cases/actions/save-action-form";
import { checkNewDate } from "../../../src/use-cases/reminders/check-new-date";
import { decideNewDate } from "../../../src/use-cases/reminders/decide-new-date";
import { postUpdate } from "../../../src/use-cases/reminders/post-update";
import { readNewDateForm } from "../../../src/use-cases/reminders/read-new-date-form";
import { readPostUpdateForm } from "../../../src/use-cases/reminders/read-post-update-form";
import { requestNewDate, type AskApprover } from "../../../src/use-cases/reminders/request-new-date";
import { wordsFor } from "../../../src/slack/views/problems";
import { databaseForFile } from "../../support/database-for-file";
import { refusalOf, refusalWords } from "../../support/problem-words";
import { makeFixture, PEOPLE, refusal, type Fixture } from "./action-fixtures";

describe("action forms", () => {
  const { db } = databaseForFile();
  let fixture: Fixture;

  beforeAll(async () => {
    fixture = await makeFixture(db(), "T0FORMS");
  });

  const newDue = {
    dueAt: new Date("2027-03-31T00:00:00Z"),
    duePrecision: "day" as const,
    dueText: null,
    dueMeetingId: null,
  };
  const asked: string[] = [];
  const askApprover: AskApprover = async (approver) => {
    asked.push(approver);
    return { channel: `D${approver}`, ts: `${asked.length}.000` };
  };

  describe("New and Edit action", () => {
    it("offers only the boards the caller may see, and drops a hidden board asked for", async () => {
      const outsider = await readActionFormChoices(db(), fixture.caller("outsider"), {
        boardId: fixture.privateBoard.id,
      });
      expect(outsider.boards.map((b) => b.code)).toEqual(["PUB"]);
      expect(outsider.boardId).toBeUndefined();
      const member = await readActionFormChoices(db(), fixture.caller("member"), { boardId: fixture.privateBoard.id });
      expect(member.boards.map((b) => b.code)).toEqual(["PRIV", "PUB"]);
      expect(member.boardId).toBe(fixture.privateBoard.id);
    });

    it("opens the Edit form only for those who may change the action", async () => {
      const action = await fixture.freshAction();
      await expect(readEditActionForm(db(), fixture.caller("member"), { actionId: action.id })).rejects.toMatchObject({
        code: "not_allowed_to_change",
      });
      await expect(readEditActionForm(db(), fixture.caller("outsider"), { actionId: action.id })).rejects.toMatchObject(
        { code: "action_not_found" },
      );
      const { action: read, choices } = await readEditActionForm(db(), fixture.caller("owner"), {
        actionId: action.id,
      });
      expect(read.id).toBe(action.id);
      expect(choices.boardId).toBe(fixture.privateBoard.id);
    });

    it("answers a hidden board chosen on the form as one not listed", async () => {
      const form = { text: "Check the ledger", owners: [], boardId: fixture.privateBoard.id };
      const outsider = await checkActionForm(db(), fixture.caller("outsider"), { form, editing: undefined });
      expect(wordsFor(outsider.problems.board!).text).toBe("Pick one of the boards listed, or none.");
      expect(outsider.board).toBeUndefined();
      const member = await checkActionForm(db(), fixture.caller("member"), { form, editing: undefined });
      expect(member.problems).toEqual({});
      expect(member.board?.id).toBe(fixture.privateBoard.id);
    });

    it("saves an edit only for those who may change the action, changing nothing otherwise", async () => {
      const action = await fixture.freshAction();
      const edit = (person: "member" | "outsider" | "secretary") =>
        saveActionForm(db(), fixture.caller(person), {
          mode: "edit",
          form: { text: "Review the payments again", owners: [{ slackUserId: PEOPLE.owner }] },
          due: null,
          viewId: "V0EDIT",
          actionId: action.id,
          version: action.version,
        });
      expect(await refusal(fixture, () => edit("member"))).toMatchObject({ code: "not_allowed_to_change" });
      expect(await refusal(fixture, () => edit("outsider"))).toMatchObject({ code: "action_not_found" });
      const { result, effects } = await edit("secretary");
      expect(result).toMatchObject({ kind: "changed", action: { text: "Review the payments again" } });
      expect(effects).toEqual([expect.objectContaining({ kind: "action_changed", change: expect.anything() })]);
    });

    it("logs a new action once per form, telling its owners the first time only", async () => {
      const save = () =>
        saveActionForm(db(), fixture.caller("member"), {
          mode: "new",
          form: { text: "Draft the terms of reference", owners: [{ slackUserId: PEOPLE.owner }] },
          due: null,
          boardId: fixture.publicBoard.id,
          viewId: "V0NEW",
        });
      const first = await save();
      expect(first.result.kind).toBe("logged");
      expect(first.effects).toEqual([expect.objectContaining({ newOwnerIds: [PEOPLE.owner] })]);
      const again = await save();
      expect(again.result.action.id).toBe(first.result.action.id);
      expect(again.effects).toEqual([]);
    });
  });

  describe("New date", () => {
    const reminderOf = async (actionId: string) =>
      (await db().reminder.findFirstOrThrow({ where: { actionId, recipient: `user:${PEOPLE.owner}` } })).id;

    it("opens the form for those who may change the action, saying whether the chair or secretary will be asked", async () => {
      const action = await fixture.freshAction();
      const reminderId = await reminderOf(action.id);
      await expect(readNewDateForm(db(), fixture.caller("owner"), { reminderId })).resolves.toMatchObject({
        mustAsk: true,
      });
      await expect(readNewDateForm(db(), fixture.caller("chair"), { reminderId })).resolves.toMatchObject({
        mustAsk: false,
      });
      await expect(readNewDateForm(db(), fixture.caller("member"), { reminderId })).rejects.toMatchObject({
        code: "not_allowed_to_change",
      });
      expect(await refusalOf(readNewDateForm(db(), fixture.caller("outsider"), { reminderId }))).toMatchObject({
        code: "reminder_not_found",
        text: "That reminder is no longer there. Nothing was changed.",
      });
    });

    it("checks the date: a refusal is thrown, a date it cannot read is returned for the form", async () => {
      const action = await fixture.freshAction();
      const check = (person: "owner" | "member", phrase: string) =>
        checkNewDate(db(), fixture.caller(person), { actionId: action.id, date: undefined, phrase });
      await expect(check("member", "end of March 2027")).rejects.toMatchObject({ code: "not_allowed_to_change" });
      expect((await check("owner", "whenever")).problem).toMatchObject({ code: "due_phrase_unreadable" });
      expect((await check("owner", "end of March 2027")).due).toMatchObject({ dueText: "end of March 2027" });
    });

    it("asks the chair and secretary for an owner's new date, and lets only them (or an admin) decide", async () => {
      const action = await fixture.freshAction();
      asked.length = 0;
      const requested = await requestNewDate(
        db(),
        fixture.caller("owner"),
        { actionId: action.id, due: newDue, reason: "Auditors late" },
        { askApprover },
      );
      expect(requested.result).toMatchObject({ kind: "asked", askedCount: 2 });
      expect(asked).toEqual([PEOPLE.secretary, PEOPLE.chair]);
      expect(requested.effects).toEqual([{ kind: "homes_changed", slackUserIds: [PEOPLE.secretary, PEOPLE.chair] }]);
      const request = await db().extensionRequest.findFirstOrThrow({ where: { actionId: action.id } });
      expect(request.approverMessages).toHaveLength(2);

      const decide = (person: "owner" | "creator" | "outsider" | "admin") =>
        decideNewDate(db(), fixture.caller(person), { requestId: request.id, isApproved: true });
      expect(await refusal(fixture, () => decide("owner"))).toMatchObject({ code: "not_allowed_to_decide" });
      expect(await refusal(fixture, () => decide("creator"))).toMatchObject({ code: "not_allowed_to_decide" });
      expect(refusalWords(await refusal(fixture, () => decide("outsider")))).toMatchObject({
        code: "request_not_found",
        text: "That request is no longer there. Nothing was changed.",
      });
      fixture.directory.asked.length = 0;
      const { result, effects } = await decide("admin");
      expect(fixture.directory.asked).toContain(`admin:${PEOPLE.admin}`);
      expect(result.changed?.action.dueAt).toEqual(newDue.dueAt);
      expect(result.approverMessages).toHaveLength(2);
      expect(effects).toEqual([
        expect.objectContaining({ kind: "action_changed", toldAlready: [PEOPLE.owner] }),
        { kind: "homes_changed", slackUserIds: [PEOPLE.secretary, PEOPLE.chair, PEOPLE.admin] },
      ]);
    });

    it("moves the date at once for the chair, asking no one", async () => {
      const action = await fixture.freshAction();
      asked.length = 0;
      const { result } = await requestNewDate(
        db(),
        fixture.caller("chair"),
        { actionId: action.id, due: newDue, reason: null },
        { askApprover },
      );
      expect(result.kind).toBe("changed");
      expect(asked).toEqual([]);
    });
  });

  describe("Post update", () => {
    it("opens the form only for those who may change the action, in words about updates", async () => {
      const action = await fixture.freshAction();
      expect(
        await refusalOf(readPostUpdateForm(db(), fixture.caller("member"), { actionId: action.id })),
      ).toMatchObject({
        code: "not_allowed_to_post_update",
        text: expect.stringContaining("can post an update on it"),
      });
      await expect(readPostUpdateForm(db(), fixture.caller("outsider"), { actionId: action.id })).rejects.toMatchObject(
        {
          code: "action_not_found",
        },
      );
      await expect(readPostUpdateForm(db(), fixture.caller("owner"), { actionId: action.id })).resolves.toMatchObject({
        id: action.id,
      });
    });

    it("posts an owner's update; anyone else's is returned as the problem, beside the list, changing nothing", async () => {
      const action = await fixture.freshAction();
      const meeting = await db().meeting.create({
        data: {
          workspaceId: fixture.workspaceId,
          boardId: fixture.privateBoard.id,
          startsAt: new Date("2027-03-01T15:00:00Z"),
        },
      });
      const list = await db().reminder.create({
        data: {
          workspaceId: fixture.workspaceId,
          boardId: fixture.privateBoard.id,
          meetingId: meeting.id,
          subject: `meeting:${meeting.id}`,
          kind: "matters_arising",
          recipient: "channel:G0PRIV",
          fireAt: new Date("2027-02-22T09:00:00Z"),
          slackChannelId: "G0PRIV",
          slackMessageTs: "1700000000.000100",
        },
      });
      const post = (person: "owner" | "outsider") =>
        postUpdate(db(), fixture.caller(person), { reminderId: list.id, actionId: action.id, note: "Auditors chased" });
      const before = await fixture.snapshot();
      const hidden = await post("outsider");
      expect(await fixture.snapshot()).toBe(before);
      expect(hidden).toMatchObject({ answerIn: "G0PRIV", effects: [], result: { isPosted: false } });
      expect(hidden.result.isPosted || hidden.result.problem).toMatchObject({ code: "action_not_found" });
      const posted = await post("owner");
      expect(posted.result).toMatchObject({
        isPosted: true,
        reference: action.reference,
        list: { channelId: "G0PRIV", messageTs: "1700000000.000100" },
      });
      const note = await db().actionEvent.findFirst({ where: { actionId: action.id, type: "note" } });
      expect(note).toMatchObject({ note: "Auditors chased", actorSlackUserId: PEOPLE.owner });
    });
  });
});
