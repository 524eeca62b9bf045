import { parseMeetingCommand, readMeetingDay, readMeetingWhen } from "../../../../src/domain/meetings/parse-meeting-command";

describe("parseMeetingCommand", () => {
  it.each([
    ["", { kind: "help" }],
    ["schedule #lcrb 9 June 2027 15:30 at City Hall", { kind: "schedule", boardCode: "LCRB", when: "9 June 2027 15:30", place: "City Hall" }],
    ["schedule next Tuesday 3.30pm", { kind: "schedule", boardCode: undefined, when: "next Tuesday 3.30pm", place: undefined }],
    ["schedule 9 June at noon in Committee Room 4", { kind: "schedule", boardCode: undefined, when: "9 June at noon", place: "Committee Room 4" }],
    ["next", { kind: "next", boardCode: undefined }],
    ["list #OB", { kind: "list", boardCode: "OB" }],
    ["cancel 9 June", { kind: "cancel", boardCode: undefined, date: "9 June" }],
    ["move #LCRB 9 June to 16 June 15:30 at Room 2", { kind: "move", boardCode: "LCRB", date: "9 June", when: "16 June 15:30", place: "Room 2" }],
    ["close", { kind: "close", boardCode: undefined }],
  ])("%s", (text, command) => {
    expect(parseMeetingCommand(text)).toEqual({ ok: true, command });
  });

  it.each([
    ["schedule", "Say when"],
    ["cancel", "Say which meeting"],
    ["move 9 June", "Say which meeting and when to"],
    ["next week please", "takes only a board"],
    ["reschedule 9 June", 'I don\'t know "/meeting reschedule"'],
  ])("refuses %s", (text, problem) => {
    const result = parseMeetingCommand(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toContain(problem);
      expect(result.examples.length).toBeGreaterThan(0);
    }
  });
});

describe("readMeetingWhen", () => {
  const now = new Date("2026-11-23T10:00:00Z");
  const read = (text: string, defaultStartMinutes: number | null = null) => readMeetingWhen(text, { now, timeZone: "Europe/London", defaultStartMinutes });
  it.each([
    ["9 June 2027 15:30", "2027-06-09T14:30:00.000Z"],
    ["Wed 9 Jun 2027 3.30pm", "2027-06-09T14:30:00.000Z"],
    ["next Tuesday at noon", "2026-12-01T12:00:00.000Z"],
    ["12 January 12:00pm", "2027-01-12T12:00:00.000Z"],
  ])("%s", (text, iso) => {
    const when = read(text);
    expect(when.ok && when.startsAt.toISOString()).toBe(iso);
  });

  it("uses the board's usual start time when none is given, and asks for one when the board has none", () => {
    const when = read("9 June 2027", 15 * 60 + 30);
    expect(when.ok && when.startsAt.toISOString()).toBe("2027-06-09T14:30:00.000Z");
    expect(read("9 June 2027")).toEqual({ ok: false, problem: expect.stringContaining("Give a time too") });
  });

  it.each([
    ["end of June 15:00", "is not one day"],
    ["23 November 2026 09:00", "in the past"],
    ["the twelfth of Neverember 10:00", "couldn't read"],
    ["9 June 25:00", "not a time of day"],
    ["Tue 9 Jun 2027 15:30", "Wednesday 9 June 2027 is not a Tuesday"],
  ])("refuses %s", (text, problem) => {
    const when = read(text);
    expect(when.ok).toBe(false);
    if (!when.ok) expect(when.problem).toContain(problem);
  });

  it("finds a named day near today, including one just past", () => {
    expect(readMeetingDay("9 June", { now, timeZone: "Europe/London" })).toBe("2027-06-09");
    expect(readMeetingDay("20 November", { now, timeZone: "Europe/London" })).toBe("2026-11-20");
  });
});
