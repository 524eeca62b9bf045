// The access rules in one place (src/use-cases/access.ts), against a real database and a
// fake Directory: no HTTP, no Slack. The authorization matrix checks them end to end.
import { createAction } from "../../../src/domain/actions/create-action";
import { ensureWorkspace } from "../../../src/domain/workspaces/ensure-workspace";
import {
  assertMayChange,
  assertMayManageBoard,
  hiddenBoardIds,
  isBoardHidden,
  visibleBoard,
} from "../../../src/use-cases/access";
import { databaseForFile } from "../../support/database-for-file";
import { callerFor, fakeDirectory, secretBoardData } from "../../support/fake-directory";
import { refusalOf, refusalWords } from "../../support/problem-words";

describe("access", () => {
  const { db } = databaseForFile();
  let workspaceId = "";
  let privateBoard = { id: "", code: "", isPrivate: true, slackChannelId: "C0SECRET" as string | null };
  const directory = fakeDirectory({ members: { C0SECRET: ["U0MEMBER"] }, admins: ["U0ADMIN"] });

  beforeAll(async () => {
    ({ id: workspaceId } = await ensureWorkspace({ db: db(), slackTeamId: "T0ACCESS", timeZone: "Europe/London" }));
    privateBoard = await db().board.create({ data: secretBoardData(workspaceId, "C0SECRET") });
    await db().board.create({ data: { workspaceId, code: "PUB", name: "Public board", slackChannelId: "C0PUBLIC" } });
  });

  const caller = (userId: string, channelId?: string) => callerFor(workspaceId, userId, { channelId, directory });

  it("hides a private board from someone outside its channel, asked from elsewhere", async () => {
    expect(await isBoardHidden(caller("U0OUTSIDER", "C0PUBLIC"), privateBoard)).toBe(true);
    expect(await isBoardHidden(caller("U0MEMBER", "C0PUBLIC"), privateBoard)).toBe(false);
    // In its own channel the question is not asked: only members can type there.
    expect(await isBoardHidden(caller("U0OUTSIDER", "C0SECRET"), privateBoard)).toBe(false);
    expect(await isBoardHidden(caller("U0OUTSIDER"), { isPrivate: false, slackChannelId: "C0PUBLIC" })).toBe(false);
  });

  it("hides the board when the Directory cannot answer", async () => {
    const failing = {
      isChannelMember: () => Promise.reject(new Error("Slack is down")),
      isWorkspaceAdmin: async () => false,
    };
    expect(await isBoardHidden(callerFor(workspaceId, "U0MEMBER", { directory: failing }), privateBoard)).toBe(true);
  });

  it("lists the private boards hidden from a person, wherever they ask from", async () => {
    expect(await hiddenBoardIds(db(), caller("U0OUTSIDER"))).toEqual([privateBoard.id]);
    expect(await hiddenBoardIds(db(), caller("U0OUTSIDER", "C0SECRET"))).toEqual([privateBoard.id]);
    expect(await hiddenBoardIds(db(), caller("U0MEMBER"))).toEqual([]);
  });

  it("answers a hidden board named by code exactly as an unknown code, naming only public boards", async () => {
    const hidden = await visibleBoard(db(), caller("U0OUTSIDER", "C0PUBLIC"), { code: "SEC" }).catch((e: Error) => e);
    const unknown = await visibleBoard(db(), caller("U0OUTSIDER", "C0PUBLIC"), { code: "NOPE" }).catch((e: Error) => e);
    expect(hidden).toMatchObject({ code: "board_not_found" });
    expect(refusalWords(hidden).text.replace("SEC", "NOPE")).toBe(refusalWords(unknown).text);
    expect(refusalWords(hidden).hint).toBe(refusalWords(unknown).hint);
    expect(JSON.stringify(hidden)).not.toContain("Secret board");
    expect(await visibleBoard(db(), caller("U0MEMBER", "C0PUBLIC"), { code: "sec" })).toMatchObject({
      id: privateBoard.id,
    });
    expect(await visibleBoard(db(), caller("U0OUTSIDER", "C0ELSEWHERE"), undefined)).toBeUndefined();
  });

  it("lets owners, the creator, the chair or secretary and admins change an action, and asks about admins only when needed", async () => {
    const { action } = await createAction({
      db: db(),
      workspaceId,
      board: privateBoard,
      text: "Circulate the terms of reference",
      owners: [{ slackUserId: "U0OWNER" }],
      due: undefined,
      createdBySlackUserId: "U0CREATOR",
      now: new Date(),
    });
    for (const userId of ["U0OWNER", "U0CREATOR", "U0SEC"]) {
      directory.asked.length = 0;
      await expect(assertMayChange(caller(userId), action)).resolves.toEqual({ slackUserId: userId, isAdmin: false });
      expect(directory.asked).toEqual([]);
    }
    await expect(assertMayChange(caller("U0ADMIN"), action)).resolves.toEqual({
      slackUserId: "U0ADMIN",
      isAdmin: true,
    });
    await expect(assertMayChange(caller("U0MEMBER"), action)).rejects.toMatchObject({ code: "not_allowed_to_change" });
  });

  it("lets the chair, secretary, creator and admins manage a board, and tells anyone else whom to ask", async () => {
    const board = {
      code: "SEC",
      chairSlackUserId: null,
      secretarySlackUserId: "U0SEC",
      createdBySlackUserId: "U0CREATOR",
    };
    await expect(assertMayManageBoard(caller("U0SEC"), board)).resolves.toBeUndefined();
    await expect(assertMayManageBoard(caller("U0CREATOR"), board)).resolves.toBeUndefined();
    await expect(assertMayManageBoard(caller("U0ADMIN"), board)).resolves.toBeUndefined();
    expect(await refusalOf(assertMayManageBoard(caller("U0MEMBER"), board))).toMatchObject({
      code: "not_allowed_to_manage",
      hint: "Ask <@U0SEC>.",
    });
  });
});
