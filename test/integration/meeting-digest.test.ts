// The digest each reference seed document (and each of our corpus) would post
// after import, rendered as a person reads it and kept as a snapshot, so a change
// to its layout is seen in review. Every page stays inside Slack's limits.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createDb, type Db } from "../../src/db/client";
import { acceptEverything, confirmImport } from "../../src/domain/minutes/confirm-import";
import { loadMeetingDigest } from "../../src/domain/minutes/load-meeting-digest";
import { prepareImport } from "../../src/domain/minutes/prepare-import";
import { evaluationSets } from "../../src/minutes/evaluation-sets";
import { readDocument } from "../../src/minutes/read-document";
import { LIMITS } from "../../src/slack/views/blocks";
import { meetingDigestMessages } from "../../src/slack/views/minutes/meeting-digest";
import { renderBlocksAsText } from "../../src/slack/views/render-text";
import { validateMessage } from "../../src/local-slack/block-kit";
import { createTestDatabase, type TestDatabase } from "../support/database";

const NOW = new Date("2026-11-23T10:00:00Z");

// Real minutes of other bodies are measured by eval:minutes, not kept as snapshots.
const sets = evaluationSets().filter((s) => s.purpose === "regression");

describe("meeting digests", () => {
  let database: TestDatabase;
  let db: Db;
  let workspaceId: string;
  let boards = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ databaseUrl: database.url, poolSize: 2 });
    workspaceId = (await db.workspace.create({ data: { slackTeamId: "T0DIGEST" } })).id;
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  // Documents outside the project (the reference seeds) are skipped where they are absent, keeping their snapshots.
  const available = sets.flatMap((set) =>
    set.documents.filter((d) => d.isAvailable).map((d) => [`${set.name}: ${d.name}`, d] as const),
  );
  const absent = sets.flatMap((set) =>
    set.documents.filter((d) => !d.isAvailable).map((d) => [`${set.name}: ${d.name}`, d] as const),
  );
  if (absent.length > 0) it.skip.each(absent)("%s", () => undefined);

  it("reads true: numbers as the minutes write them, no empty lines, no web-page leftovers, everyone named", async () => {
    const board = await db.board.create({
      data: { workspaceId, code: "WEB", name: "Minutes from a web page", slackChannelId: "C0WEB" },
      select: { id: true },
    });
    const meeting = await db.meeting.create({
      data: {
        workspaceId,
        boardId: board.id,
        title: "Agenda and minutes",
        startsAt: new Date("2024-03-05T10:00:00Z"),
        location: "Committee Room 1, Town Hall View directions",
        status: "held",
      },
    });
    await db.attendee.createMany({
      data: [
        ...["Cllr Ann Lee", "Cllr Bob Hart", "Cllr Cy Ross", "Cllr Di Page"].map((name, i) => ({
          workspaceId,
          meetingId: meeting.id,
          name,
          status: "present" as const,
          position: i,
        })),
        { workspaceId, meetingId: meeting.id, name: "Clerk Jo Marsh", status: "in_attendance", position: 4 },
        { workspaceId, meetingId: meeting.id, name: "Cllr Eve Hale", status: "apologies", position: 5 },
      ],
    });
    await db.minuteItem.createMany({
      data: [
        { workspaceId, meetingId: meeting.id, number: null, heading: "Skip to main content", position: 0 },
        { workspaceId, meetingId: meeting.id, number: "23/56", heading: "Apologies for absence", position: 1 },
        { workspaceId, meetingId: meeting.id, number: "23/57", heading: "  ", position: 2 },
        { workspaceId, meetingId: meeting.id, number: "4.2", heading: "– Finance", position: 3 },
        { workspaceId, meetingId: meeting.id, number: null, heading: "Print this page", position: 4 },
      ],
    });
    await db.decision.createMany({
      data: [
        { workspaceId, meetingId: meeting.id, reference: "23/58", text: "", sourceLine: 1 },
        {
          workspaceId,
          meetingId: meeting.id,
          reference: null,
          text: "We use cookies to make this site work. Accept all cookies",
          sourceLine: 2,
        },
        { workspaceId, meetingId: meeting.id, reference: "4.2", text: "The budget was approved.", sourceLine: 3 },
      ],
    });
    const [page, ...more] = meetingDigestMessages(
      (await loadMeetingDigest(db, { workspaceId, meetingId: meeting.id, now: NOW }))!,
    );
    expect(more).toEqual([]);
    expect(renderBlocksAsText(page!.blocks)).toBe(
      [
        "WEB · Tue 5 Mar 2024 · Committee Room 1, Town Hall",
        "Present: 4 (Cllr Ann Lee, Cllr Bob Hart, Cllr Cy Ross, Cllr Di Page) · In attendance: 1 (Clerk Jo Marsh) · Apologies: 1 (Cllr Eve Hale)",
        "Items",
        "23/56  Apologies for absence",
        "4.2  Finance",
        "Decisions",
        "• 4.2: The budget was approved.",
        "New actions",
        "None recorded.",
        "Next meeting: not scheduled yet",
      ].join("\n"),
    );
    expect(page!.text).toBe(
      "WEB · Tue 5 Mar 2024 · Committee Room 1, Town Hall. Present: 4 · In attendance: 1 · Apologies: 1. 2 items, 1 decisions, 0 new actions. Next meeting: not scheduled yet.",
    );
  });

  it.each(available)("%s", async (_label, document) => {
    const code = `D${++boards}`;
    const board = await db.board.create({
      data: { workspaceId, code, name: `Digest board ${boards}`, slackChannelId: `C0${code}` },
      select: { id: true, code: true, timeZone: true },
    });
    const text = await readDocument({ bytes: await readFile(document!.file), fileName: path.basename(document!.file) });
    const prepared = await prepareImport(db, {
      workspaceId,
      board,
      text,
      fileName: path.basename(document!.file),
      createdBySlackUserId: "U0SECRETARY",
    });
    const confirmed = await confirmImport(db, {
      workspaceId,
      importId: prepared.importId,
      // Minutes with no date in them are imported as of a day picked, as the secretary would.
      choices: acceptEverything(prepared.extraction, prepared.extraction.meeting.date ? null : "2024-01-15"),
      actorSlackUserId: "U0SECRETARY",
      now: NOW,
    });
    expect(confirmed.actions).toHaveLength(prepared.extraction.actions.length);
    const digest = await loadMeetingDigest(db, { workspaceId, meetingId: confirmed.meetingId, now: NOW });
    const pages = meetingDigestMessages(digest!);
    for (const page of pages) {
      expect(validateMessage(page as unknown as Record<string, unknown>)).toEqual([]);
      expect(page.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    }
    const rendered = pages
      .map(
        (p, i) => `${i === 0 ? "channel" : `thread reply ${i}`} (fallback: ${p.text})\n${renderBlocksAsText(p.blocks)}`,
      )
      .join("\n\n");
    expect(rendered.replace(new RegExp(`\\b${code}\\b`, "g"), "BOARD")).toMatchSnapshot();
  });
});
