// The /action command's use cases against a real database and a fake Directory (no HTTP):
// who may see and change what, and how many SQL statements each costs. Statements are
// counted on pg's connections (createDb's onQuery): every one sent, BEGIN and COMMIT included.
import { createDb, type Db } from "../../../src/db/client";
import { ensureWorkspace } from "../../../src/domain/workspaces/ensure-workspace";
import { addAction } from "../../../src/use-cases/actions/add-action";
import { changeActionByCommand } from "../../../src/use-cases/actions/change-action-by-command";
import { listActions, listActionsPage } from "../../../src/use-cases/actions/list-actions";
import { showAction } from "../../../src/use-cases/actions/show-action";
import { showHome } from "../../../src/use-cases/home/show-home";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { callerFor, fakeDirectory, secretBoardData } from "../../support/fake-directory";
import { refusalWords } from "../../support/problem-words";

const SECRETARY = "U0SEC";
const OWNER = "U0OWNER";
const OUTSIDER = "U0OUTSIDER";
const MEMBER = "U0MEMBER";

describe("the /action use cases", () => {
  let database: TestDatabase;
  let db: Db;
  const sent: string[] = [];
  let workspaceId = "";
  const directory = fakeDirectory({ members: { C0SECRET: [MEMBER, SECRETARY] } });
  // Mon 23 Nov 2026, 10:00 in London.
  const now = new Date("2026-11-23T10:00:00Z");
  const caller = (userId: string, channelId?: string) => callerFor(workspaceId, userId, { channelId, directory, now });
  let trigger = 0;
  const add = (userId: string, text: string, options: { board?: string; duePhrase?: string; owner?: string } = {}) =>
    addAction(db, caller(userId), {
      text,
      owners: [{ slackUserId: options.owner ?? OWNER }],
      duePhrase: options.duePhrase,
      board: options.board ? { code: options.board } : undefined,
      requestKey: `command:${++trigger}`,
    });
  /** The statements `work` sends, and its result. */
  async function counted<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    sent.length = 0;
    const result = await work();
    return { result, statements: [...sent] };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ databaseUrl: database.url, poolSize: 4, onQuery: (sql) => sent.push(sql) });
    ({ id: workspaceId } = await ensureWorkspace({ db, slackTeamId: "T0COMMAND", timeZone: "Europe/London" }));
    await db.board.create({
      data: { workspaceId, code: "LCRB", name: "London Crime Reduction Board", slackChannelId: "C0LCRB" },
    });
    await db.board.create({ data: secretBoardData(workspaceId, "C0SECRET") });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  describe("add", () => {
    it("logs an action with one owner and a due date in at most six statements (two: the board with its reminder rules, then one write)", async () => {
      const { result, statements } = await counted(() =>
        add(SECRETARY, "Draft the terms of reference", { board: "LCRB", duePhrase: "29 January" }),
      );
      expect(result.result).toMatchObject({
        isNew: true,
        action: { reference: "LCRB-1", text: "Draft the terms of reference" },
      });
      expect(statements.length).toBeLessThanOrEqual(6);
      expect(statements).toHaveLength(2);
      expect(statements.filter((sql) => /^\s*(BEGIN|COMMIT)/i.test(sql))).toEqual([]);
      // Told after commit: the owner, the reminder jobs (owner's reminders before, on and after the day).
      expect(result.effects).toEqual([
        expect.objectContaining({ kind: "action_changed", newOwnerIds: [OWNER], actorSlackUserId: SECRETARY }),
      ]);
      const [effect] = result.effects;
      expect(effect?.kind === "action_changed" && effect.reminders.scheduled.length).toBeGreaterThan(3);
    });

    it("answers a request seen before with the action it logged, telling no one again", async () => {
      const input = {
        text: "Circulate the papers",
        owners: [{ slackUserId: OWNER }],
        duePhrase: undefined,
        board: { code: "LCRB" },
        requestKey: "command:twice",
      };
      const first = await addAction(db, caller(SECRETARY), input);
      const again = await addAction(db, caller(SECRETARY), input);
      expect(again.result.action.id).toBe(first.result.action.id);
      expect(again.result.isNew).toBe(false);
      expect(again.effects).toEqual([]);
    });

    it("answers a private board named from outside by someone not in it as a board that does not exist, and saves nothing", async () => {
      const before = await db.action.count();
      const hidden = await add(OUTSIDER, "Peek", { board: "SEC" }).catch((e: Error) => e);
      const unknown = await add(OUTSIDER, "Peek", { board: "NOPE" }).catch((e: Error) => e);
      expect(hidden).toMatchObject({ code: "board_not_found" });
      expect(refusalWords(hidden).text.replace("SEC", "NOPE")).toBe(refusalWords(unknown).text);
      expect(refusalWords(hidden).hint).toBe(refusalWords(unknown).hint);
      expect(await db.action.count()).toBe(before);
      await expect(add(MEMBER, "Brief the panel", { board: "SEC" })).resolves.toMatchObject({
        result: { action: { reference: "SEC-1" } },
      });
    });
  });

  describe("list", () => {
    it("costs one statement (the page, its total and the private boards it hid by), one more for a board named", async () => {
      const mine = await counted(() =>
        listActions(db, caller(OWNER), { filter: { kind: "mine" }, board: undefined, limit: 25 }),
      );
      expect(mine.statements).toHaveLength(1);
      expect(mine.result.page.total).toBe(mine.result.page.items.length);
      const onBoard = await counted(() =>
        listActions(db, caller(OWNER), { filter: { kind: "open" }, board: { code: "LCRB" }, limit: 25 }),
      );
      expect(onBoard.statements).toHaveLength(2);
      expect(onBoard.result.board?.code).toBe("LCRB");
    });

    it("counts the rest in the page's own statement, past the last page too", async () => {
      const full = await counted(() =>
        listActions(db, caller(OWNER), { filter: { kind: "open" }, board: undefined, limit: 1 }),
      );
      expect(full.statements).toHaveLength(1);
      const total = full.result.page.total;
      expect(total).toBe(await db.action.count({ where: { status: "open", board: { isPrivate: false } } }));
      const last = await listActionsPage(db, caller(OWNER), { filter: { kind: "open" }, offset: total - 1, limit: 1 });
      expect(last.page).toMatchObject({ total, offset: total - 1 });
      const past = await counted(() =>
        listActionsPage(db, caller(OWNER), { filter: { kind: "open" }, offset: total + 5, limit: 1 }),
      );
      expect(past.result.page).toMatchObject({ total, items: [] });
      expect(past.statements).toHaveLength(1);
    });

    it("reads again when a private board changed since this process last listed, and never shows one the caller is not in", async () => {
      const references = async (userId: string) => {
        const { result, statements } = await counted(() =>
          listActions(db, caller(userId), { filter: { kind: "open" }, board: undefined, limit: 100 }),
        );
        return { references: result.page.items.map((i) => i.action.reference), statements: statements.length };
      };
      await references(MEMBER);
      // A private board this process has not listed yet, whose channel the member is in.
      directory.members.set("C0NEWSEC", new Set([MEMBER, SECRETARY]));
      const newBoard = await db.board.create({
        data: { workspaceId, code: "NEWSEC", name: "New secret board", slackChannelId: "C0NEWSEC", isPrivate: true },
      });
      await add(SECRETARY, "Brief the new panel", { board: "NEWSEC", owner: MEMBER });
      // Guessed hidden, found visible: read again, and shown.
      expect(await references(MEMBER)).toMatchObject({
        references: expect.arrayContaining(["NEWSEC-1"]),
        statements: 2,
      });
      expect(await references(MEMBER)).toMatchObject({ statements: 1 });
      expect(await references(OUTSIDER)).toEqual({
        references: expect.not.arrayContaining(["NEWSEC-1"]),
        statements: 1,
      });
      // Moved to a channel the member is not in: guessed visible, found hidden; the read that
      // showed it is not the one returned.
      await db.board.update({ where: { id: newBoard.id }, data: { slackChannelId: "C0ELSEWHERE" } });
      expect(await references(MEMBER)).toEqual({ references: expect.not.arrayContaining(["NEWSEC-1"]), statements: 2 });
      const home = await showHome(db, caller(MEMBER), { limit: 40 });
      expect(home.actions.map((i) => i.action.reference)).not.toContain("NEWSEC-1");
      await db.board.delete({ where: { id: newBoard.id } });
    });

    it("leaves out the actions of a private board the caller is not in, and refuses a page of it", async () => {
      const references = async (userId: string) =>
        (
          await listActions(db, caller(userId), { filter: { kind: "mine" }, board: undefined, limit: 25 })
        ).page.items.map((i) => i.action.reference);
      await add(SECRETARY, "Owned by an outsider", { board: "SEC", owner: OUTSIDER });
      expect(await references(OUTSIDER)).toEqual([]);
      const sec = await db.board.findFirstOrThrow({ where: { code: "SEC" } });
      await expect(
        listActionsPage(db, caller(OUTSIDER), { filter: { kind: "open" }, boardId: sec.id, offset: 0, limit: 25 }),
      ).rejects.toMatchObject({ code: "list_gone" });
      const home = await showHome(db, caller(OUTSIDER), { limit: 40 });
      expect(home).toMatchObject({ actions: [], total: 0 });
    });
  });

  describe("show and change", () => {
    it("shows an action with its history in three statements, and a hidden one as not found", async () => {
      const shown = await counted(() => showAction(db, caller(OWNER), { reference: "lcrb-1" }));
      expect(shown.statements).toHaveLength(3);
      expect(shown.result.history.map((e) => e.type)).toEqual(["created"]);
      expect(shown.result.lastUpdateAt).toBeNull();
      const hidden = refusalWords(await showAction(db, caller(OUTSIDER), { reference: "SEC-1" }).catch((e) => e));
      expect(hidden).toMatchObject({
        code: "action_reference_unknown",
        text: "There is no action SEC-1 in this workspace.",
      });
      // Told exactly as a reference that names no action.
      const unknown = refusalWords(await showAction(db, caller(OUTSIDER), { reference: "SEC-99" }).catch((e) => e));
      expect(unknown).toEqual({ ...hidden, text: hidden.text.replace("SEC-1", "SEC-99") });
      await expect(showAction(db, caller(MEMBER), { reference: "SEC-1" })).resolves.toBeDefined();
    });

    it("refuses a change by someone with no right to it, changing nothing; the owner's goes through", async () => {
      const before = await db.action.findFirstOrThrow({ where: { reference: "LCRB-1" }, include: { events: true } });
      await expect(
        changeActionByCommand(db, caller(OUTSIDER), { kind: "done", reference: "LCRB-1", note: undefined }),
      ).rejects.toMatchObject({ code: "not_allowed_to_change" });
      const after = await db.action.findFirstOrThrow({ where: { reference: "LCRB-1" }, include: { events: true } });
      expect(after).toEqual(before);
      const done = await changeActionByCommand(db, caller(OWNER), {
        kind: "update",
        reference: "LCRB-1",
        note: "Drafted",
      });
      expect(done.result.eventType).toBe("note");
      expect(done.effects).toEqual([expect.objectContaining({ kind: "action_changed", change: expect.anything() })]);
      const shown = await showAction(db, caller(OWNER), { reference: "LCRB-1" });
      expect(shown.lastUpdateAt).toEqual(shown.history.at(-1)?.createdAt);
    });

    it("reads a new date before refusing, as it did: an unreadable date is said first", async () => {
      await expect(
        changeActionByCommand(db, caller(OUTSIDER), { kind: "due", reference: "LCRB-1", duePhrase: "whenever suits" }),
      ).rejects.toMatchObject({ code: "due_phrase_unreadable" });
    });
  });
});
