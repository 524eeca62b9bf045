// Importing minutes through the use cases, against a real database and a fake Directory:
// only those who may manage a board import into it; a board hidden from someone is
// answered as none; a refusal writes nothing.
import { ensureWorkspace } from "../../../src/domain/workspaces/ensure-workspace";
import { confirmImport } from "../../../src/use-cases/minutes/confirm-import";
import { importMinutes } from "../../../src/use-cases/minutes/import-minutes";
import { openMinutesImport } from "../../../src/use-cases/minutes/open-minutes-import";
import { openImportReview, saveImportReviewPage } from "../../../src/use-cases/minutes/review-import";
import { fileImportBoard, startFileImport } from "../../../src/use-cases/minutes/start-file-import";
import { databaseForFile } from "../../support/database-for-file";
import { callerFor, fakeDirectory, secretBoardData } from "../../support/fake-directory";
import { refusalOf } from "../../support/problem-words";

const NOW = new Date("2026-11-23T10:00:00Z");
const SECRET = "C0SECRET";
const PUBLIC = "C0PUBLIC";

const MINUTES = [
  "Secret Board",
  "Minutes of Meeting",
  "Thursday 19 November 2026, 3:30pm Committee Room 4, City Hall",
  "",
  "ITEM 1. Knife crime",
  "Action 1: Ruth Ade to circulate the victims' services review by the end of January 2027.",
  "",
  "Date of next meeting: 11 March 2027. 12:00pm at City Hall",
].join("\n");

describe("minutes use cases", () => {
  const { db } = databaseForFile();
  let workspaceId = "";
  let boardId = "";
  const directory = fakeDirectory({ members: { [SECRET]: ["U0SEC", "U0MEMBER"] } });
  const caller = (userId: string, channelId?: string) =>
    callerFor(workspaceId, userId, { channelId, directory, now: NOW });
  const importCount = () => db().minutesImport.count({ where: { boardId } });
  const people = async () => [];

  beforeAll(async () => {
    ({ id: workspaceId } = await ensureWorkspace({ db: db(), slackTeamId: "T0MINUTES", timeZone: "Europe/London" }));
    ({ id: boardId } = await db().board.create({
      data: secretBoardData(workspaceId, SECRET),
    }));
  });

  it("opens the paste form only for those who may import, and answers an outsider as if the board did not exist", async () => {
    await expect(openMinutesImport(db(), caller("U0SEC", SECRET), { code: undefined })).resolves.toMatchObject({
      id: boardId,
    });
    expect(await refusalOf(openMinutesImport(db(), caller("U0OUTSIDER", PUBLIC), { code: "SEC" }))).toMatchObject({
      code: "board_not_found",
      text: "There is no board #SEC in this workspace.",
    });
    await expect(openMinutesImport(db(), caller("U0MEMBER", SECRET), { code: undefined })).rejects.toMatchObject({
      code: "not_allowed_to_manage",
    });
    await expect(openMinutesImport(db(), caller("U0SEC", PUBLIC), { code: undefined })).rejects.toMatchObject({
      code: "no_board_here",
    });
  });

  it("reads pasted minutes for the secretary, and for no one else; a form has no channel, so membership is asked", async () => {
    const input = { boardId, text: MINUTES, meetingDate: undefined, people };
    await expect(importMinutes(db(), caller("U0OUTSIDER"), input)).rejects.toMatchObject({ code: "import_board_gone" });
    await expect(importMinutes(db(), caller("U0MEMBER"), input)).rejects.toMatchObject({
      code: "not_allowed_to_manage",
    });
    expect(await importCount()).toBe(0);
    directory.asked.length = 0;
    const screen = await importMinutes(db(), caller("U0SEC"), input);
    expect(directory.asked).toEqual([`member:${SECRET}:U0SEC`]);
    expect(screen.board.code).toBe("SEC");
    expect(screen.draft.actions).toHaveLength(1);

    // The review is theirs alone: to an outsider it is gone, to a member with no role refused.
    const gone = { code: "import_not_found" };
    await expect(
      openImportReview(db(), caller("U0OUTSIDER"), { importId: screen.importId, people }),
    ).rejects.toMatchObject(gone);
    await expect(
      saveImportReviewPage(db(), caller("U0MEMBER"), {
        importId: screen.importId,
        page: { page: 0, actions: {}, added: null },
      }),
    ).rejects.toMatchObject({ code: "not_allowed_to_manage" });
    await expect(confirmImport(db(), caller("U0OUTSIDER"), { importId: screen.importId })).rejects.toMatchObject(gone);
    expect(await db().action.count({ where: { boardId } })).toBe(0);

    const confirmed = await confirmImport(db(), caller("U0SEC"), { importId: screen.importId });
    expect(confirmed.result).toMatchObject({
      boardCode: "SEC",
      actions: [expect.objectContaining({ reference: "SEC-1" })],
    });
    expect(confirmed.effects.map((e) => e.kind)).toEqual([
      "reminders_planned",
      "meeting_summary_due",
      "minutes_actions_logged",
    ]);
    // The summary is read when it is posted, not after the commit here: the effect names the meeting held.
    const held = await db().meeting.findFirstOrThrow({ where: { boardId, status: "held" } });
    expect(confirmed.effects[1]).toEqual({ kind: "meeting_summary_due", meetingId: held.id });
  });

  it("starts a file import for the secretary only, offering it to no one else", async () => {
    const announced: string[] = [];
    const input = {
      channelId: SECRET,
      fileId: "F0MINUTES",
      fileName: "minutes.docx",
      announce: async (board: { code: string }) => {
        announced.push(board.code);
        return { channelId: "D0SEC", ts: "1.2" };
      },
    };
    await expect(startFileImport(db(), caller("U0OUTSIDER"), input)).rejects.toMatchObject({ code: "no_board_here" });
    await expect(startFileImport(db(), caller("U0MEMBER"), input)).rejects.toMatchObject({
      code: "not_allowed_to_manage",
    });
    await expect(startFileImport(db(), caller("U0SEC"), { ...input, fileName: "minutes.xlsx" })).rejects.toMatchObject({
      code: "unsupported_document",
    });
    expect(announced).toEqual([]);
    expect(await db().minutesImport.count({ where: { slackFileId: "F0MINUTES" } })).toBe(0);

    const started = await startFileImport(db(), caller("U0SEC"), input);
    expect(announced).toEqual(["SEC"]);
    expect(started.result.start.kind).toBe("started");
    expect(started.effects).toEqual([
      { kind: "minutes_import_started", importId: (started.result.start as { importId: string }).importId },
    ]);
    // Pressed again: the import under way, and nothing more to queue.
    const again = await startFileImport(db(), caller("U0SEC"), input);
    expect(again.result.start.kind).toBe("under_way");
    expect(again.effects).toEqual([]);

    expect(await fileImportBoard(db(), caller("U0SEC", SECRET), { channelId: SECRET })).toMatchObject({ id: boardId });
    expect(await fileImportBoard(db(), caller("U0MEMBER", SECRET), { channelId: SECRET })).toBeUndefined();
    expect(await fileImportBoard(db(), caller("U0SEC", PUBLIC), { channelId: PUBLIC })).toBeUndefined();
  });
});
