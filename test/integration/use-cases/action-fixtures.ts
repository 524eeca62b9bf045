// A workspace with a private board and a public one, and fresh actions on them, for the
// use-case tests of buttons and forms: real database, fake Directory, no HTTP.
import type { Db } from "../../../src/db/client";
import { createAction } from "../../../src/domain/actions/create-action";
import { ensureWorkspace } from "../../../src/domain/workspaces/ensure-workspace";
import type { Caller } from "../../../src/use-cases/caller";
import { callerFor, fakeDirectory, type FakeDirectory } from "../../support/fake-directory";

// Mon 23 Nov 2026, 10:00 London.
export const NOW = new Date("2026-11-23T10:00:00Z");

export const PEOPLE = {
  owner: "U0OWNER",
  creator: "U0CREATOR",
  chair: "U0CHAIR",
  secretary: "U0SEC",
  admin: "U0ADMIN",
  member: "U0MEMBER",
  outsider: "U0OUTSIDER",
} as const;
export type Person = keyof typeof PEOPLE;

export interface Fixture {
  workspaceId: string;
  privateBoard: { id: string; code: string };
  publicBoard: { id: string; code: string };
  directory: FakeDirectory;
  caller: (person: Person, options?: { channelId?: string }) => Caller;
  /** An open action due Mon 15 Feb 2027, owned by the owner and logged by the creator, with its reminders. */
  freshAction: (board?: "private" | "public") => Promise<{ id: string; reference: string; version: number }>;
  /** Everything a refusal could have touched, as one comparable value. */
  snapshot: () => Promise<string>;
}

export async function makeFixture(db: Db, teamId: string): Promise<Fixture> {
  const { id: workspaceId } = await ensureWorkspace({ db, slackTeamId: teamId, timeZone: "Europe/London" });
  const insiders = Object.entries(PEOPLE)
    .filter(([person]) => person !== "outsider")
    .map(([, id]) => id);
  const directory = fakeDirectory({ members: { G0PRIV: insiders, C0PUB: insiders }, admins: [PEOPLE.admin] });
  const boardOf = (code: string, channel: string, isPrivate: boolean) =>
    db.board.create({
      data: {
        workspaceId,
        code,
        name: `${code} board`,
        slackChannelId: channel,
        isPrivate,
        chairSlackUserId: PEOPLE.chair,
        secretarySlackUserId: PEOPLE.secretary,
      },
      select: { id: true, code: true },
    });
  const privateBoard = await boardOf("PRIV", "G0PRIV", true);
  const publicBoard = await boardOf("PUB", "C0PUB", false);
  let count = 0;
  return {
    workspaceId,
    privateBoard,
    publicBoard,
    directory,
    caller: (person, { channelId } = {}) =>
      callerFor(workspaceId, PEOPLE[person], { channelId: channelId ?? "C0ELSEWHERE", directory, now: NOW }),
    async freshAction(board = "private") {
      const { action } = await createAction({
        db,
        workspaceId,
        board: board === "private" ? privateBoard : publicBoard,
        text: `Review the payments, case ${++count}`,
        owners: [{ slackUserId: PEOPLE.owner }],
        due: { dueAt: new Date("2027-02-15T00:00:00Z"), duePrecision: "day", dueText: null, dueMeetingId: null },
        createdBySlackUserId: PEOPLE.creator,
        now: NOW,
      });
      return { id: action.id, reference: action.reference, version: action.version };
    },
    async snapshot() {
      const tables = ["Action", "ActionOwner", "ActionEvent", "Reminder", "ExtensionRequest"];
      const [row] = await db.$queryRawUnsafe<Array<{ hash: string }>>(
        `SELECT md5(${tables.map((t) => `coalesce((SELECT string_agg(md5(t::text), '' ORDER BY md5(t::text)) FROM "${t}" t), '')`).join(" || ")}) AS hash`,
      );
      return row!.hash;
    },
  };
}

/** Runs `attempt`, expecting it to throw; returns what it threw, checking the database did not change. */
export async function refusal(fixture: Fixture, attempt: () => Promise<unknown>): Promise<unknown> {
  const before = await fixture.snapshot();
  const thrown = await attempt().then(
    () => new Error("expected a refusal, but it was done"),
    (error: unknown) => error,
  );
  if ((await fixture.snapshot()) !== before) throw new Error("refused, but the database changed");
  return thrown;
}
