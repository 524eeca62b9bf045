import { ACTION_LOG_CSV, csvCell, csvRow } from "../../../../src/domain/boards/action-log-csv";
import { ACTION_LOG_JSON } from "../../../../src/domain/boards/action-log-json";
import fc from "fast-check";
import { DateTime } from "luxon";
import {
  isoInstant,
  zoneFormatter,
  type ActionLogContext,
  type ActionLogEntry,
} from "../../../../src/domain/boards/action-log";

describe("csvCell", () => {
  it.each([
    ["plain text", "plain text"],
    ["", ""],
    ["a, b", '"a, b"'],
    ['say "yes"', '"say ""yes"""'],
    ["two\nlines", '"two\nlines"'],
    ["carriage\rreturn", '"carriage\rreturn"'],
    // Formula injection: the cell is text, with a leading apostrophe.
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+44 20 7983 4000", "'+44 20 7983 4000"],
    ["-1", "'-1"],
    ["@risk", "'@risk"],
    ["\tindented", "'\tindented"],
    ["\rstarts with CR", '"\'\rstarts with CR"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    // Only the first character counts.
    ["A=B", "A=B"],
    ["2026-11-23T10:00:00+00:00", "2026-11-23T10:00:00+00:00"],
  ])("%j becomes %j", (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it("writes numbers as they are and nothing for a missing value", () => {
    expect(csvCell(3)).toBe("3");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("ends each row with CRLF", () => {
    expect(csvRow(["LCRB-1", "a, b", null, 2])).toBe('LCRB-1,"a, b",,2\r\n');
  });
});

describe("the action log writers", () => {
  const context: ActionLogContext = {
    board: { code: "LCRB", name: "London Crime Reduction Board", timeZone: "Europe/London", slackChannelId: "C0LCRB" },
    exportedAt: new Date("2026-07-01T09:00:00Z"),
    exportedBySlackUserId: "U0SEC",
    nameOf: (id) => ({ U0SEC: "Sam Okafor" })[id],
    zone: zoneFormatter("Europe/London"),
  };
  const entry = {
    reference: "LCRB-7",
    text: "Publish the plan",
    status: "open",
    owners: [{ slackUserId: "U0GONE", bodyName: null }],
    dueAt: new Date("2026-06-30T23:00:00Z"),
    duePrecision: null,
    dueText: null,
    originMeeting: null,
    createdBySlackUserId: "U0SEC",
    createdAt: new Date("2026-06-01T12:00:00Z"),
    closedBySlackUserId: null,
    closedAt: null,
    events: [
      {
        type: "imported",
        actorSlackUserId: null,
        actorLabel: "import",
        before: null,
        after: { text: "Publish the plan" },
        note: null,
        createdAt: new Date("2026-06-01T12:00:00Z"),
      },
    ],
  } as unknown as ActionLogEntry;

  it("write instants in the board's zone with the offset, summer time included, and due days as that zone's day", () => {
    expect(isoInstant(new Date("2026-06-01T12:00:00Z"), "Europe/London")).toBe("2026-06-01T13:00:00+01:00");
    expect(isoInstant(new Date("2026-12-01T12:00:00Z"), "Europe/London")).toBe("2026-12-01T12:00:00+00:00");
    const row = ACTION_LOG_CSV.action(entry, context, true);
    // Due at 00:00 on 1 Jul in London (23:00 UTC on 30 Jun): the day is 1 Jul.
    expect(row).toBe(
      'LCRB-7,Publish the plan,open,U0GONE,,2026-07-01,day,,LCRB,,Sam Okafor (U0SEC),2026-06-01T13:00:00+01:00,,,1,2026-06-01T13:00:00+01:00,Minutebook (import),imported,,"{""text"":""Publish the plan""}",\r\n',
    );
  });

  it("join into one JSON document whether the board has no actions or several", () => {
    const empty = ACTION_LOG_JSON.opening(context) + ACTION_LOG_JSON.closing({ actions: 0, history: 0 }, context);
    expect(JSON.parse(empty)).toMatchObject({
      board: { code: "LCRB" },
      exportedBy: { slackUserId: "U0SEC", name: "Sam Okafor" },
      actions: [],
      counts: { actions: 0, history: 0 },
    });
    const two =
      ACTION_LOG_JSON.opening(context) +
      ACTION_LOG_JSON.action(entry, context, true) +
      ACTION_LOG_JSON.action(entry, context, false) +
      ACTION_LOG_JSON.closing({ actions: 2, history: 2 }, context);
    const parsed = JSON.parse(two) as { actions: Array<Record<string, unknown>> };
    expect(parsed.actions).toHaveLength(2);
    expect(parsed.actions[0]).toMatchObject({
      owners: [{ slackUserId: "U0GONE", name: null }],
      history: [{ by: { minutebook: "import" }, type: "imported", after: { text: "Publish the plan" } }],
    });
  });
});

describe("zoneFormatter", () => {
  it("changes offset at the very second the clocks change", () => {
    const london = zoneFormatter("Europe/London");
    expect(london.instant(new Date("2026-03-29T00:59:59Z"))).toBe("2026-03-29T00:59:59+00:00");
    expect(london.instant(new Date("2026-03-29T01:00:00Z"))).toBe("2026-03-29T02:00:00+01:00");
    expect(london.instant(new Date("2026-10-25T00:59:59Z"))).toBe("2026-10-25T01:59:59+01:00");
    expect(london.instant(new Date("2026-10-25T01:00:00Z"))).toBe("2026-10-25T01:00:00+00:00");
    expect(zoneFormatter("America/New_York").instant(new Date("2026-01-05T03:00:00Z"))).toBe(
      "2026-01-04T22:00:00-05:00",
    );
    expect(zoneFormatter("Asia/Kolkata").day(new Date("2026-01-04T19:00:00Z"))).toBe("2026-01-05");
  });

  it("agrees with luxon for any instant in any of the boards' zones", () => {
    const zones = [
      "Europe/London",
      "Europe/Dublin",
      "America/Los_Angeles",
      "Asia/Kolkata",
      "Australia/Sydney",
      "Pacific/Auckland",
      "Australia/Lord_Howe",
      "UTC",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, ms) => {
          const at = new Date(ms);
          const expected = DateTime.fromMillis(ms, { zone });
          const formatter = zoneFormatter(zone);
          expect(formatter.instant(at)).toBe(expected.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ"));
          expect(formatter.day(at)).toBe(expected.toISODate());
        },
      ),
      { numRuns: 2000 },
    );
  });
});
