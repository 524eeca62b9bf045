// How much Minutebook takes in, and what it says when given more: slash commands
// longer than any person types, form fields past what the form allows (Slack stops
// these at max_length; the listeners check again), minutes files over 10 MB (whether
// or not Slack gives their size), Word files that would unpack past 20 MB, or damaged.
// Each refusal says so plainly and changes nothing; a file that cannot be read fails
// its job cleanly, the importer is told, and the worker goes on.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { runningClock } from "../../src/console/clock";
import { ACTION_MODAL } from "../../src/slack/views/actions/action-modal";
import { BOARD_SETTINGS } from "../../src/slack/views/boards/board-views";
import { MINUTES_MODALS } from "../../src/slack/views/minutes/import-modals";
import { postUpdateValue } from "../../src/slack/views/reminders/meeting-reminders";
import { NEW_DATE } from "../../src/slack/views/reminders/new-date";
import { POST_UPDATE } from "../../src/slack/views/reminders/post-update";
import { startTestApp, type TestApp } from "../support/test-app";
import { buildDocx, documentXmlOf } from "../support/build-zip";
import { formShown } from "../support/forms";

type Json = Record<string, unknown>;

// Mon 23 Nov 2026, 10:00 London.
const now = runningClock("2026-11-23T10:00:00Z");

const SECRETARY = "U0SECRETARY";
const CHANNEL = "C0LCRB";
const MINUTES = [
  "London Crime Reduction Board",
  "Minutes of Meeting",
  "Thursday 19 November 2026, 3:30pm Committee Room 4, City Hall",
  "",
  "ITEM 1. Knife crime",
  "Action 1: MOPAC to publish the knife crime plan by the end of January 2027.",
  "",
  "Date of next LCRB meeting: 11 March 2027. 12:00pm at City Hall",
].join("\n");

describe("input bounds", () => {
  let app: TestApp;
  let workspaceId: string;
  let boardId: string;
  const db = () => app.runtime.db;
  /** Every row a refusal could have written, counted. */
  const counts = async () => ({
    actions: await db().action.count(),
    events: await db().actionEvent.count(),
    meetings: await db().meeting.count(),
    boards: await db().board.count(),
    imports: await db().minutesImport.count(),
    requests: await db().extensionRequest.count(),
    board: (await db().board.findUniqueOrThrow({ where: { id: boardId } })).updatedAt.toISOString(),
  });
  const say = async (command: string, text: string) =>
    (await (
      await app.slack.command(command, text, { userId: SECRETARY, channelId: CHANNEL, triggerId: `T${Math.random()}` })
    ).reply()) as Json;
  const submit = (callbackId: string, metadata: unknown, values: Json) =>
    app.slack.interaction({
      type: "view_submission",
      user: { id: SECRETARY, username: "secretary", team_id: app.fake.teamId },
      view: {
        id: `V${Date.now()}${Math.random()}`,
        type: "modal",
        callback_id: callbackId,
        private_metadata: typeof metadata === "string" ? metadata : JSON.stringify(metadata),
        state: { values },
      },
    });
  const field = (value: string) => ({ value: { value } });
  /** A command that answers with a form (no reply unless it is refused). */
  const ask = (command: string, text: string) =>
    app.slack.command(command, text, { userId: SECRETARY, channelId: CHANNEL, triggerId: `T${Math.random()}` });
  /** The newest form of this kind opened (waiting for it if need be). */
  const opened = async (callbackId: string) => {
    await formShown(app.fake, (c) => (c.args.view as Json).callback_id === callbackId);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return app.fake.calls
      .filter(
        (c) =>
          (c.method === "views.open" || c.method === "views.update") &&
          (c.args.view as Json).callback_id === callbackId,
      )
      .at(-1)!.args.view as Json;
  };

  beforeAll(async () => {
    app = await startTestApp({ now });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    boardId = (
      await db().board.create({
        data: {
          workspaceId,
          code: "LCRB",
          name: "London Crime Reduction Board",
          slackChannelId: CHANNEL,
          secretarySlackUserId: SECRETARY,
          createdBySlackUserId: SECRETARY,
        },
      })
    ).id;
    app.fake.addUser({ id: SECRETARY, name: "secretary" });
  });
  afterAll(async () => {
    await app.stop();
  });
  afterEach(() => app.fake.assertNoViolations());

  describe("slash commands", () => {
    it("answers a command longer than it reads with its length and the limit, and changes nothing", async () => {
      const before = await counts();
      const long = `add ${"Review the custody figures ".repeat(120)}#LCRB`;
      const cases: Array<[string, string, string]> = [
        [
          "/action",
          long,
          `That command is ${long.length.toLocaleString("en-GB")} characters long; the most I can read is 3,000. Nothing was saved.`,
        ],
        [
          "/action",
          `add ${"a".repeat(1001)} #LCRB`,
          "The action's text is 1,001 characters; the most is 1,000. Nothing was saved.",
        ],
        ["/action", `update LCRB-1 ${"n".repeat(1001)}`, "characters; the most is 1,000. Nothing was saved."],
        [
          "/action",
          "x".repeat(200_000),
          "That command is 200,000 characters long; the most I can read is 3,000. Nothing was saved.",
        ],
        [
          "/meeting",
          `schedule 9 June 2027 15:30 at ${"City Hall ".repeat(60)}`,
          "That command is 630 characters long; the most I can read is 500. Nothing was changed.",
        ],
        ["/meeting", `schedule 9 June 2027 15:30 at ${"Hall ".repeat(41)}`, "Keep the place to 200 characters"],
        ["/meeting", `move 9 June 2027 to 10 June 2027 at ${"Hall ".repeat(41)}`, "Keep the place to 200 characters"],
        [
          "/board",
          `create LONG ${"Name ".repeat(30)}`,
          "A board's name can be at most 120 characters. Nothing was created.",
        ],
        ["/board", `frobnicate ${"z".repeat(5000)}`, `I don't know "/board frobnicate ${"z".repeat(189)}…".`],
      ];
      for (const [command, text, said] of cases) {
        const started = Date.now();
        const reply = await say(command, text);
        expect({ command, said: String(reply.text) }).toEqual({ command, said: expect.stringContaining(said) });
        // An enormous input is answered as quickly as a long one.
        expect(Date.now() - started).toBeLessThan(2000);
      }
      expect(await counts()).toEqual(before);
    });
  });

  describe("forms", () => {
    /** Every text input of a view, with its max_length and initial value. */
    const textInputs = (view: Json) =>
      ((view.blocks ?? []) as Json[])
        .filter((b) => b.type === "input" && (b.element as Json).type === "plain_text_input")
        .map((b) => ({
          block: String(b.block_id),
          max: (b.element as Json).max_length as number | undefined,
          initial: String((b.element as Json).initial_value ?? ""),
        }));

    it("gives every text field of every form a max_length, and no initial value longer than it", async () => {
      const forms: Array<[string, Json]> = [];
      await ask("/action", "");
      forms.push(["New action", await opened(ACTION_MODAL.callbackId)]);
      await ask("/board", "settings");
      forms.push(["board settings", await opened(BOARD_SETTINGS.callbackId)]);
      await ask("/minutes", "");
      const paste = await opened(MINUTES_MODALS.paste);
      forms.push(["paste minutes", paste]);
      const read = await submit(MINUTES_MODALS.paste, String(paste.private_metadata), {
        [MINUTES_MODALS.text]: field(MINUTES),
      });
      forms.push(["check the minutes", (read.json as { view: Json }).view]);
      const logged = await say("/action", `add Publish the knife crime plan <@${SECRETARY}> by 30 November #LCRB`);
      const action = await db().action.findFirstOrThrow({
        where: { workspaceId, reference: String(logged.text).split(" ")[0] },
      });
      const reminder = await db().reminder.findFirstOrThrow({ where: { actionId: action.id } });
      await app.slack.button({ actionId: "action.edit", value: action.id, userId: SECRETARY, channelId: CHANNEL });
      forms.push([
        "Edit action",
        await formShown(app.fake, (c) => JSON.stringify(c.args.view).includes("Edit action")).then(
          (c) => c.args.view as Json,
        ),
      ]);
      await app.slack.button({
        actionId: "reminder.new_date",
        value: reminder.id,
        userId: SECRETARY,
        channelId: `D${SECRETARY.slice(1)}`,
      });
      forms.push(["New date", await opened(NEW_DATE.callbackId)]);
      await app.slack.button({
        actionId: "reminder.post_update",
        value: postUpdateValue(reminder.id, action.id),
        userId: SECRETARY,
        channelId: CHANNEL,
      });
      forms.push(["Post update", await opened(POST_UPDATE.callbackId)]);

      const unbounded = forms.flatMap(([name, view]) =>
        textInputs(view)
          .filter((i) => !i.max || [...i.initial].length > i.max)
          .map((i) => `${name}: ${i.block}`),
      );
      expect(unbounded).toEqual([]);
      expect(forms.map(([name, view]) => [name, textInputs(view).length > 0])).toEqual(
        forms.map(([name]) => [name, true]),
      );
    });

    it("refuses on the field a submission longer than the field takes, saving nothing", async () => {
      const logged = await say("/action", `add Map the youth services <@${SECRETARY}> by 30 November #LCRB`);
      const action = await db().action.findFirstOrThrow({
        where: { workspaceId, reference: String(logged.text).split(" ")[0] },
      });
      const reminder = await db().reminder.findFirstOrThrow({ where: { actionId: action.id } });
      const F = BOARD_SETTINGS.fields;
      const cases: Array<[string, unknown, Json, string, string]> = [
        [
          ACTION_MODAL.callbackId,
          { mode: "new", channelId: CHANNEL },
          { [ACTION_MODAL.text]: field("t".repeat(1001)) },
          ACTION_MODAL.text,
          "The action's text is 1,001 characters; the most is 1,000.",
        ],
        [
          ACTION_MODAL.callbackId,
          { mode: "new", channelId: CHANNEL },
          { [ACTION_MODAL.text]: field("Short"), [ACTION_MODAL.ownerBodies]: field("b".repeat(501)) },
          ACTION_MODAL.ownerBodies,
          "501 characters; the most is 500.",
        ],
        [
          ACTION_MODAL.callbackId,
          { mode: "new", channelId: CHANNEL },
          { [ACTION_MODAL.text]: field("Short"), [ACTION_MODAL.duePhrase]: field("end of June ".repeat(20)) },
          ACTION_MODAL.duePhrase,
          "240 characters; the most is 200.",
        ],
        [
          NEW_DATE.callbackId,
          { actionId: action.id },
          { [NEW_DATE.phrase]: field("end of June"), [NEW_DATE.reason]: field("r".repeat(501)) },
          NEW_DATE.reason,
          "The reason is 501 characters; the most is 500.",
        ],
        [
          POST_UPDATE.callbackId,
          { reminderId: reminder.id, actionId: action.id },
          { [POST_UPDATE.note]: field("u".repeat(301)) },
          POST_UPDATE.note,
          "The update is 301 characters; the most is 300.",
        ],
        [
          MINUTES_MODALS.paste,
          { boardId, channelId: CHANNEL },
          { [MINUTES_MODALS.text]: field(`${MINUTES}\n${"x".repeat(3000)}`) },
          MINUTES_MODALS.text,
          "Share the file in the board's channel and use Import minutes on it instead.",
        ],
        [
          BOARD_SETTINGS.callbackId,
          { boardId, channelId: CHANNEL },
          { [F.location]: field("p".repeat(201)) },
          F.location,
          "Keep the place to 200 characters.",
        ],
        [
          BOARD_SETTINGS.callbackId,
          { boardId, channelId: CHANNEL },
          { [F.recurrence]: field("monthly ".repeat(40)) },
          F.recurrence,
          "This is 319 characters; the most is 300.",
        ],
      ];
      const before = await counts();
      for (const [callbackId, metadata, values, block, said] of cases) {
        const sent = await submit(callbackId, metadata, values);
        expect({ callbackId, answer: sent.json }).toEqual({
          callbackId,
          answer: {
            response_action: "errors",
            errors: expect.objectContaining({ [block]: expect.stringContaining(said) }),
          },
        });
      }
      // The review form: an action's owners outside Slack.
      await ask("/minutes", "");
      const paste = await opened(MINUTES_MODALS.paste);
      const read = await submit(MINUTES_MODALS.paste, String(paste.private_metadata), {
        [MINUTES_MODALS.text]: field(`${MINUTES}\nAppendix`),
      });
      const review = (read.json as { view: Json }).view;
      const countsBeforeReview = await counts();
      const sent = await submit(MINUTES_MODALS.preview, String(review.private_metadata), {
        a_f0_named: field("o".repeat(301)),
      });
      expect(sent.json).toEqual({
        response_action: "errors",
        errors: { a_f0_named: "The owners are 301 characters; the most is 300." },
      });
      expect(await counts()).toEqual(countsBeforeReview);
      expect({ ...(await counts()), imports: before.imports }).toEqual(before);
    });
  });

  describe("minutes files", () => {
    const corpus = path.join(__dirname, "..", "fixtures", "minutes", "corpus");
    const importFile = async (
      fileId: string,
      name: string,
      bytes: Buffer,
      served: { hasSize?: boolean; hasContentLength?: boolean; stallAfterBytes?: number } = {},
    ) => {
      app.fake.addFile({ id: fileId, name, bytes, ...served });
      await app.slack.button({ actionId: "minutes.import_file", value: fileId, userId: SECRETARY, channelId: CHANNEL });
      const done = await app.fake.waitFor(
        "chat.update",
        (c) => String(c.args.text).startsWith(name) && /could not be imported|read:/.test(String(c.args.text)),
        20_000,
      );
      const row = await db().minutesImport.findFirstOrThrow({ where: { slackFileId: fileId } });
      return { said: String(done.args.text), status: row.status, error: row.error };
    };

    it("fails a file over 10 MB, a damaged PDF and a damaged Word file cleanly, telling the importer, and reads the next file", async () => {
      const errorsBefore = app.logs.records().filter((r) => Number(r.level) >= 50).length;
      const goodPdf = readFileSync(path.join(corpus, "14_lowfield-ca-scrutiny-2024-09.pdf"));
      const results = [
        await importFile("F0HUGE", "minutes-huge.pdf", Buffer.alloc(11 * 1024 * 1024, 0x20)),
        await importFile(
          "F0BADPDF",
          "minutes-bad.pdf",
          Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n%%EOF-ish garbage"),
        ),
        await importFile("F0HALFPDF", "minutes-half.pdf", goodPdf.subarray(0, Math.floor(goodPdf.length / 3))),
        await importFile(
          "F0BADDOCX",
          "minutes-bad.docx",
          Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(4096, 0x41)]),
        ),
        await importFile("F0NOTZIP", "minutes-text.docx", Buffer.from(MINUTES)),
      ];
      expect(results.map((r) => r.status)).toEqual(["failed", "failed", "failed", "failed", "failed"]);
      expect(results[0]!.said).toContain("minutes-huge.pdf is 11.0 MB; minutes up to 10 MB can be imported.");
      // Refused on Slack's word for its size: never downloaded.
      expect(app.fake.callsTo("file_download").filter((c) => c.args.file === "F0HUGE")).toEqual([]);
      expect(results[1]!.said).toContain("does not look like a valid PDF file");
      expect(results[3]!.said).toContain("does not look like a valid DOCX file");
      expect(results[4]!.said).toContain("does not look like a valid DOCX file");
      for (const result of results) expect(result.error).toBeTruthy();
      // Expected failures are the importer's to hear about, not errors in the log; and the worker reads the next file.
      expect(
        app.logs
          .records()
          .filter((r) => Number(r.level) >= 50)
          .slice(errorsBefore),
      ).toEqual([]);
      const next = await importFile(
        "F0GOOD",
        "minutes-good.txt",
        Buffer.from(MINUTES.replace("Knife crime", "Victims' services")),
      );
      expect(next.status).toBe("previewed");
      expect(next.said).toContain("read: 1 action");
    });

    it("stops downloading a file Slack gives no size for once more than 10 MB has arrived, and reads the next file", async () => {
      const errorsBefore = app.logs.records().filter((r) => Number(r.level) >= 50).length;
      const MB = 1024 * 1024;
      const bytes = Buffer.alloc(11 * MB, 0x20);
      /** What the fake sent of a file: the download stalls part way, so a worker reading to the end would still be waiting. */
      const sentOf = (fileId: string) =>
        app.fake
          .callsTo("file_download")
          .filter((c) => c.args.file === fileId)
          .map((c) => c.response);
      // No size from files.info, and sent chunked: only counting what arrives can stop it.
      const unsized = await importFile("F0UNSIZED", "minutes-x.pdf", bytes, {
        hasSize: false,
        hasContentLength: false,
        stallAfterBytes: 10.5 * MB,
      });
      expect(unsized).toMatchObject({
        status: "failed",
        error: "minutes-x.pdf is more than 10 MB; minutes up to 10 MB can be imported.",
      });
      expect(unsized.said).toContain("minutes-x.pdf is more than 10 MB; minutes up to 10 MB can be imported.");
      // The worker hung up at the stall, having had more than 10 MB: the last half MB was never sent.
      expect(sentOf("F0UNSIZED")).toEqual([{ bytesSent: 10.5 * MB, isComplete: false }]);
      // No size from files.info, but a Content-Length: refused on it, before reading the body past its first MB.
      const declared = await importFile("F0LENGTH", "minutes-y.pdf", bytes, { hasSize: false, stallAfterBytes: MB });
      expect(declared).toMatchObject({
        status: "failed",
        error: "minutes-y.pdf is 11.0 MB; minutes up to 10 MB can be imported.",
      });
      expect(sentOf("F0LENGTH")).toEqual([{ bytesSent: MB, isComplete: false }]);
      // Just under the limit, without a size either way: read whole.
      const fits = Buffer.from(`${MINUTES}\n${" ".repeat(10 * MB - MINUTES.length - 1)}`);
      const good = await importFile("F0FITS", "minutes-fits.txt", fits, { hasSize: false, hasContentLength: false });
      expect(good).toMatchObject({ status: "previewed", said: expect.stringContaining("read: 1 action") });
      expect(sentOf("F0FITS")).toEqual([{ bytesSent: 10 * MB, isComplete: true }]);
      expect(
        app.logs
          .records()
          .filter((r) => Number(r.level) >= 50)
          .slice(errorsBefore),
      ).toEqual([]);
    }, 60_000);

    it("refuses a Word zip bomb from its directory, quickly, and reads the next Word file", async () => {
      const errorsBefore = app.logs.records().filter((r) => Number(r.level) >= 50).length;
      // 62.9 MB of word/document.xml that deflates to a few hundred KB.
      const bomb = buildDocx(
        documentXmlOf(Array<string>(640_000).fill("All work and no play makes a long set of minutes.")),
      );
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const started = Date.now();
      const refused = await importFile("F0BOMB", "minutes-bomb.docx", bomb);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(refused).toMatchObject({
        status: "failed",
        error: "minutes-bomb.docx would be 62.9 MB once unpacked; Word minutes up to 20 MB unpacked can be imported.",
      });
      expect(refused.said).toContain("minutes-bomb.docx would be 62.9 MB once unpacked");
      expect(
        app.logs
          .records()
          .filter((r) => Number(r.level) >= 50)
          .slice(errorsBefore),
      ).toEqual([]);
      const next = await importFile(
        "F0DOCX",
        "ridgeway-homes.docx",
        readFileSync(path.join(corpus, "13_ridgeway-homes-board-2024-04.docx")),
      );
      expect(next).toMatchObject({ status: "previewed", said: expect.stringContaining("read:") });
    });
  });
});
