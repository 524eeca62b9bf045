// One meeting per meeting, one set of minutes per meeting: minutes for a meeting on
// the calendar complete it (no second meeting, no second summary at /meeting close);
// other minutes for a meeting that has its minutes are refused; the same minutes
// shared again in another format are recognised and nothing is done.
import { ensureWorkspace } from "../../src/domain/workspaces/ensure-workspace";
import { renderBlocksAsText } from "../../src/slack/views/render-text";
import { buildDocx } from "../support/build-zip";
import { startTestApp, type TestApp } from "../support/test-app";
import { runningClock } from "../../src/console/clock";
import { formShown } from "../support/forms";

type Json = Record<string, unknown>;

const SECRETARY = "U0SECRETARY";
const CHAIR = "U0CHAIR";
const CHANNEL = "C0LCRB";
// Mon 23 Nov 2026, 10:00 London.
const now = runningClock("2026-11-23T10:00:00Z");

const minutesOf = (day: string, topic: string) =>
  [
    "London Crime Reduction Board",
    "Minutes of Meeting",
    `${day}, 3:30pm Committee Room 4, City Hall`,
    "",
    "Present",
    "Jo Marsh\tChair",
    "Dev Patel\tLondon Councils",
    "",
    "In attendance",
    "Sam O'Neill\tMOPAC",
    "",
    "ITEM 1. Welcome",
    "The Chair opened the meeting.",
    "",
    `ITEM 2. ${topic}`,
    "The Board agreed the refreshed partnership approach.",
    `Action 1: London Councils to publish the ${topic.toLowerCase()} plan by the end of January 2027.`,
  ].join("\n");

describe("minutes and the meetings they are for", () => {
  let app: TestApp;
  let workspaceId: string;
  let boardId: string;
  const db = () => app.runtime.db;

  beforeAll(async () => {
    app = await startTestApp({ now });
    workspaceId = (await ensureWorkspace({ db: db(), slackTeamId: app.fake.teamId, timeZone: "Europe/London" })).id;
    app.fake.addChannel({ id: CHANNEL, name: "lcrb", isPrivate: false, members: [SECRETARY, CHAIR] });
    boardId = (
      await db().board.create({
        data: {
          workspaceId,
          code: "LCRB",
          name: "London Crime Reduction Board",
          slackChannelId: CHANNEL,
          secretarySlackUserId: SECRETARY,
          chairSlackUserId: CHAIR,
        },
      })
    ).id;
  });
  afterAll(async () => {
    await app.stop();
  });
  afterEach(() => app.fake.assertNoViolations());

  /** /minutes, the pasted text, and the review form that comes back (or the refusal). */
  const paste = async (text: string, userId = SECRETARY) => {
    const since = app.fake.calls.length;
    await app.slack.command("/minutes", "", { userId, channelId: CHANNEL, triggerId: `T${Math.random()}` });
    const form = (await formShown(app.fake, (c) => (c.args.view as Json).callback_id === "minutes.paste", 5000, since))
      .args.view as Json;
    const read = await app.slack.interaction({
      type: "view_submission",
      user: { id: userId, username: "someone", team_id: app.fake.teamId },
      view: {
        id: "V0PASTE",
        type: "modal",
        callback_id: form.callback_id,
        private_metadata: form.private_metadata,
        state: {
          values: { minutes_text: { value: { value: text } }, meeting_date: { value: { selected_date: null } } },
        },
      },
    });
    return read.json as { response_action: string; view?: Json; errors?: Record<string, string> };
  };
  /** Confirms a review form keeping the minutes' "publish the ... plan" action; returns what the importer was told. */
  const confirm = async (review: Json, userId = SECRETARY) => {
    const { importId } = JSON.parse(String(review.private_metadata)) as { importId: string };
    const found = (await db().minutesImport.findUniqueOrThrow({ where: { id: importId } })).result as {
      actions: Array<{ text: string }>;
    };
    const index = found.actions.findIndex((a) => a.text.startsWith("Publish"));
    const told = app.fake.callsTo("chat.postEphemeral").length;
    await app.slack.interaction({
      type: "view_submission",
      user: { id: userId, username: "someone", team_id: app.fake.teamId },
      view: {
        id: "V0REVIEW",
        type: "modal",
        callback_id: "minutes.preview",
        private_metadata: review.private_metadata,
        state: {
          values: {
            [`action_${index}_include`]: { value: { selected_options: [{ value: "include" }] } },
            [`action_${index}_owners`]: { value: { value: "London Councils" } },
            [`action_${index}_due`]: { value: { selected_date: "2027-01-31" } },
          },
        },
      },
    });
    const answer = await app.fake.waitFor(
      "chat.postEphemeral",
      (c) => c.args.user === userId && app.fake.callsTo("chat.postEphemeral").indexOf(c) >= told,
    );
    return String(answer.args.text);
  };
  const digestsPosted = () =>
    app.fake
      .callsTo("chat.postMessage")
      .filter((c) => c.args.channel === CHANNEL && /^LCRB · /.test(String(c.args.text))).length;

  it("completes the meeting already on the calendar that day: held, with the minutes' time, place, attendees and actions, and no second meeting", async () => {
    const none = await (
      await app.slack.command("/meeting", "close", { userId: SECRETARY, channelId: CHANNEL })
    ).reply();
    expect(String(none.text)).toContain("LCRB has no meeting today or earlier still open to close.");
    const onCalendar = await db().meeting.create({
      data: {
        workspaceId,
        boardId,
        startsAt: new Date("2026-11-19T14:00:00Z"),
        location: "City Hall",
        createdBySlackUserId: SECRETARY,
      },
    });
    const read = await paste(minutesOf("Thursday 19 November 2026", "Knife crime"));
    expect(read.response_action).toBe("update");
    expect(await confirm(read.view!)).toContain("Minutes imported for LCRB: 1 action (LCRB-1)");
    await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === CHANNEL && String(c.args.text).startsWith("LCRB · Thu 19 Nov 2026"),
    );

    const meetings = await db().meeting.findMany({
      where: { boardId },
      include: { attendees: { orderBy: { position: "asc" } }, originatedActions: true, minutesImports: true },
    });
    expect(meetings).toHaveLength(1);
    const [held] = meetings;
    expect(held).toMatchObject({
      id: onCalendar.id,
      status: "held",
      startsAt: new Date("2026-11-19T15:30:00Z"),
      location: "Committee Room 4, City Hall",
      sourceFileName: null,
    });
    expect(held!.attendees.map((a) => [a.name, a.status])).toEqual([
      ["Jo Marsh", "present"],
      ["Dev Patel", "present"],
      ["Sam O'Neill", "in_attendance"],
    ]);
    expect(held!.originatedActions.map((a) => [a.reference, a.text])).toEqual([
      ["LCRB-1", "Publish the knife crime plan"],
    ]);
    expect(
      held!.minutesImports.map((i) => [i.status, i.createdBySlackUserId, i.updatedAt.toISOString().slice(0, 10)]),
    ).toEqual([["confirmed", SECRETARY, "2026-11-23"]]);
  });

  it("posts no second summary at /meeting close: the minutes are already in, and it says who brought them and when", async () => {
    const digests = digestsPosted();
    const reply = await (
      await app.slack.command("/meeting", "close", { userId: SECRETARY, channelId: CHANNEL })
    ).reply();
    expect(String(reply.text)).toBe(
      "The LCRB meeting of Thu 19 Nov 2026 is already closed: its minutes were imported on Mon 23 Nov 2026 by you, and its summary posted to the channel then. Nothing was changed. `/meeting list` shows the board's meetings.",
    );
    const asClerk = await (await app.slack.command("/meeting", "close", { userId: CHAIR, channelId: CHANNEL })).reply();
    expect(String(asClerk.text)).toContain(`its minutes were imported on Mon 23 Nov 2026 by <@${SECRETARY}>`);
    expect(digestsPosted()).toBe(digests);
    expect(await db().meeting.count({ where: { boardId } })).toBe(1);
  });

  it("refuses other minutes for a meeting that has its minutes, naming the earlier import, before the review and again at confirming", async () => {
    const before = {
      meetings: await db().meeting.count(),
      actions: await db().action.count(),
      attendees: await db().attendee.count(),
    };
    const other = await paste(minutesOf("Thursday 19 November 2026", "Victims' services"), CHAIR);
    expect(other).toEqual({
      response_action: "errors",
      errors: {
        minutes_text: expect.stringContaining(
          `The LCRB meeting of Thu 19 Nov 2026 already has its minutes, imported on Mon 23 Nov 2026 by <@${SECRETARY}>. Nothing was imported.`,
        ),
      },
    });

    // Two versions of October's minutes read before either is confirmed: the second to be confirmed is refused.
    const first = await paste(minutesOf("Tuesday 20 October 2026", "Estates"));
    const second = await paste(minutesOf("Tuesday 20 October 2026", "Estates strategy"), CHAIR);
    expect(await confirm(first.view!)).toContain("Minutes imported for LCRB: 1 action (LCRB-2)");
    const refused = await confirm(second.view!, CHAIR);
    expect(refused).toBe(
      `The LCRB meeting of Tue 20 Oct 2026 already has its minutes, imported on Mon 23 Nov 2026 by <@${SECRETARY}>. Nothing was imported. A meeting's minutes are imported once. If these are another meeting's, check the date they give; to correct the earlier ones, edit their actions from \`/action list #LCRB\`.`,
    );
    expect({
      meetings: await db().meeting.count(),
      actions: await db().action.count(),
      attendees: await db().attendee.count(),
    }).toEqual({
      meetings: before.meetings + 1,
      actions: before.actions + 1,
      attendees: before.attendees + 3,
    });
    expect(await db().minutesImport.count({ where: { status: "previewed" } })).toBe(1);
  });

  it("recognises the same minutes shared again as a Word file, says who imported them when and as which meeting, and does nothing", async () => {
    const text = minutesOf("Tuesday 8 September 2026", "Youth violence");
    const shareAndRead = async (name: string, bytes: Buffer) => {
      const { fileId } = app.fake.shareFile({ channelId: CHANNEL, userId: SECRETARY, name, bytes });
      await app.slack.button({ actionId: "minutes.import_file", value: fileId, userId: SECRETARY, channelId: CHANNEL });
      return app.fake.waitFor("chat.update", (c) => String(c.args.text).startsWith(name), 15_000);
    };
    const ready = await shareAndRead("lcrb-september.txt", Buffer.from(text));
    const importId = JSON.stringify(ready.args.blocks).match(/"action_id":"minutes.review","value":"([^"]+)"/)?.[1];
    await app.slack.button({
      actionId: "minutes.review",
      value: importId!,
      userId: SECRETARY,
      channelId: `D${SECRETARY}`,
    });
    const opened = await formShown(
      app.fake,
      (c) =>
        (c.args.view as Json).callback_id === "minutes.preview" &&
        String((c.args.view as Json).private_metadata).includes(importId!),
    );
    await app.slack.interaction({
      type: "view_submission",
      user: { id: SECRETARY, username: "secretary", team_id: app.fake.teamId },
      view: {
        id: "V0SEPT",
        type: "modal",
        callback_id: "minutes.preview",
        private_metadata: (opened.args.view as Json).private_metadata,
        state: { values: { action_0_include: { value: { selected_options: [{ value: "include" }] } } } },
      },
    });
    await app.fake.waitFor(
      "chat.postMessage",
      (c) => c.args.channel === CHANNEL && String(c.args.text).startsWith("LCRB · Tue 8 Sep 2026"),
    );
    const before = {
      meetings: await db().meeting.count(),
      actions: await db().action.count(),
      digests: digestsPosted(),
    };

    // The same minutes as Word has them: a paragraph a line, curly quotes, no tabs.
    const paragraphs = text
      .replace(/'/g, "\u2019")
      .split("\n")
      .map(
        (line) =>
          `<w:p><w:r><w:t xml:space="preserve">${line.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/\t/g, " ")}</w:t></w:r></w:p>`,
      )
      .join("");
    const docx = buildDocx(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs}</w:body></w:document>`,
    );
    const again = await shareAndRead("LCRB minutes 8 Sept.docx", docx);
    expect(String(again.args.text)).toBe(
      "LCRB minutes 8 Sept.docx: These minutes are already in: imported on Mon 23 Nov 2026 by you from lcrb-september.txt as the LCRB meeting of Tue 8 Sep 2026. Nothing new was created.",
    );
    expect(renderBlocksAsText(again.args.blocks as unknown[])).toContain(
      "`/action list #LCRB` shows the actions from them.",
    );
    expect({
      meetings: await db().meeting.count(),
      actions: await db().action.count(),
      digests: digestsPosted(),
    }).toEqual(before);
  });
});
