import {
  parseMeetingCommand,
  readMeetingDay,
  readMeetingSlot,
  readMeetingWhen,
  takePlace,
} from "../../../../src/domain/meetings/parse-meeting-command";

describe("parseMeetingCommand", () => {
  it.each([
    ["", { kind: "help" }],
    ["help", { kind: "help" }],
    [
      "schedule #lcrb 9 June 2027 15:30 at City Hall",
      { kind: "schedule", boardCode: "LCRB", when: "9 June 2027 15:30", place: "City Hall" },
    ],
    [
      "schedule 9 June 2027 12:00 at City Hall",
      { kind: "schedule", boardCode: undefined, when: "9 June 2027 12:00", place: "City Hall" },
    ],
    [
      "schedule 9 June 2027 15:30 #lcrb",
      { kind: "schedule", boardCode: "LCRB", when: "9 June 2027 15:30", place: undefined },
    ],
    [
      "schedule next Tuesday 3.30pm",
      { kind: "schedule", boardCode: undefined, when: "next Tuesday 3.30pm", place: undefined },
    ],
    [
      "schedule next Tuesday 15:30",
      { kind: "schedule", boardCode: undefined, when: "next Tuesday 15:30", place: undefined },
    ],
    [
      "schedule 9 June at noon in Committee Room 4",
      { kind: "schedule", boardCode: undefined, when: "9 June at noon", place: "Committee Room 4" },
    ],
    [
      "schedule 9 June 2027 3pm at the Guildhall",
      { kind: "schedule", boardCode: undefined, when: "9 June 2027 3pm", place: "the Guildhall" },
    ],
    [
      "schedule 9 June 2027 at 15:30 at city hall, room 2",
      { kind: "schedule", boardCode: undefined, when: "9 June 2027 at 15:30", place: "city hall, room 2" },
    ],
    [
      "schedule Tue 9 Jun at midday at Mayor's Office",
      { kind: "schedule", boardCode: undefined, when: "Tue 9 Jun at midday", place: "Mayor's Office" },
    ],
    [
      "schedule in two weeks 15:00",
      { kind: "schedule", boardCode: undefined, when: "in two weeks 15:00", place: undefined },
    ],
    [
      "Schedule 9 June 2027 12:00pm",
      { kind: "schedule", boardCode: undefined, when: "9 June 2027 12:00pm", place: undefined },
    ],
    ["next", { kind: "next", boardCode: undefined }],
    ["next #LCRB", { kind: "next", boardCode: "LCRB" }],
    ["list #OB", { kind: "list", boardCode: "OB" }],
    ["cancel 9 June", { kind: "cancel", boardCode: undefined, date: "9 June" }],
    ["cancel #LCRB Tue 9 Jun 2027", { kind: "cancel", boardCode: "LCRB", date: "Tue 9 Jun 2027" }],
    [
      "move #LCRB 9 June to 16 June 15:30 at Room 2",
      { kind: "move", boardCode: "LCRB", date: "9 June", when: "16 June 15:30", place: "Room 2" },
    ],
    [
      "move 9 June to next Tuesday",
      { kind: "move", boardCode: undefined, date: "9 June", when: "next Tuesday", place: undefined },
    ],
    [
      "MOVE 9 june TO 16 june 2pm",
      { kind: "move", boardCode: undefined, date: "9 june", when: "16 june 2pm", place: undefined },
    ],
    ["close", { kind: "close", boardCode: undefined }],
    ["close #LCRB", { kind: "close", boardCode: "LCRB" }],
    // Slack escapes "#lcrb" to a channel mention when such a channel exists.
    ["next <#C0LCRB|lcrb>", { kind: "next", boardCode: undefined, boardChannelId: "C0LCRB" }],
    ["cancel <#C0LCRB> 9 June", { kind: "cancel", boardCode: undefined, boardChannelId: "C0LCRB", date: "9 June" }],
    [
      "schedule 9 June 2027 15:30 <#C0LCRB|lcrb> at City Hall",
      {
        kind: "schedule",
        boardCode: undefined,
        boardChannelId: "C0LCRB",
        when: "9 June 2027 15:30",
        place: "City Hall",
      },
    ],
  ])("%j", (text, command) => {
    expect(parseMeetingCommand(text)).toEqual({ ok: true, command });
  });

  it.each([
    ["schedule", "Say when"],
    ["schedule #LCRB", "Say when"],
    ["cancel", "Say which meeting"],
    ["move 9 June", "Say which meeting and when to"],
    ["move 9 June to", "Say which meeting and when to"],
    ["next week please", "takes only a board"],
    ["list #LCRB everything", "takes only a board"],
    ["reschedule 9 June", 'I don\'t know "/meeting reschedule"'],
  ])("refuses %j", (text, problem) => {
    const result = parseMeetingCommand(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toContain(problem);
      expect(result.examples.length).toBeGreaterThan(0);
    }
  });
});

describe("takePlace", () => {
  it.each([
    ["9 June 15:30", undefined],
    ["9 June at 15:30", undefined],
    ["9 June at 3pm", undefined],
    ["9 June at noon", undefined],
    ["9 June at City Hall", "City Hall"],
    ["9 June at 3pm at City Hall.", "City Hall"],
    ["9 June at the Town Hall, Committee Room 1", "the Town Hall, Committee Room 1"],
    ["9 June in Committee Room 4", "Committee Room 4"],
    ["in two weeks at 10:00", undefined],
  ])("%j → %j", (text, place) => {
    expect(takePlace(text).place).toBe(place);
  });
});

describe("readMeetingWhen", () => {
  const now = new Date("2026-11-23T10:00:00Z"); // Mon 23 Nov 2026, 10:00 London
  const read = (text: string, defaultStartMinutes: number | null = null, timeZone = "Europe/London") =>
    readMeetingWhen(text, { now, timeZone, defaultStartMinutes });
  it.each([
    ["9 June 2027 15:30", "2027-06-09T14:30:00.000Z"],
    ["9 June 2027 12:00", "2027-06-09T11:00:00.000Z"],
    ["9 June 2027, 15:30", "2027-06-09T14:30:00.000Z"],
    ["on 9 June 2027 at 15:30", "2027-06-09T14:30:00.000Z"],
    ["Wed 9 Jun 2027 3.30pm", "2027-06-09T14:30:00.000Z"],
    ["9 June 2027 3 p.m.", "2027-06-09T14:00:00.000Z"],
    ["9 June 2027 9am", "2027-06-09T08:00:00.000Z"],
    ["9 June 2027 12am", "2027-06-08T23:00:00.000Z"],
    ["next Tuesday at noon", "2026-12-01T12:00:00.000Z"],
    ["next Tuesday 15:30", "2026-12-01T15:30:00.000Z"],
    ["tomorrow midday", "2026-11-24T12:00:00.000Z"],
    ["today 17:00", "2026-11-23T17:00:00.000Z"],
    ["12 January 12:00pm", "2027-01-12T12:00:00.000Z"],
    ["7/12/2026 15:30", "2026-12-07T15:30:00.000Z"],
  ])("%j", (text, iso) => {
    const when = read(text);
    expect(when.ok && when.startsAt.toISOString()).toBe(iso);
  });

  it("reads the time in the board's zone", () => {
    const when = read("9 June 2027 15:30", null, "Europe/Paris");
    expect(when.ok && when.startsAt.toISOString()).toBe("2027-06-09T13:30:00.000Z");
  });

  it("uses the board's usual start time when none is given, and asks for one when the board has none", () => {
    const when = read("9 June 2027", 15 * 60 + 30);
    expect(when.ok && when.startsAt.toISOString()).toBe("2027-06-09T14:30:00.000Z");
    expect(read("9 June 2027")).toEqual({ ok: false, problem: expect.stringContaining("Give a time too") });
  });

  it.each([
    ["end of June 15:00", "is not one day"],
    ["23 November 2026 09:00", "That is in the past (Mon 23 Nov 2026 at 09:00). Meetings are scheduled ahead."],
    ["today 09:30", "That is in the past (Mon 23 Nov 2026 at 09:30)"],
    ["1 January 2026 10:00", "in the past"],
    ["the twelfth of Neverember 10:00", "couldn't read"],
    ["9 June 25:00", "not a time of day"],
    ["9 June 13pm", "not a time of day"],
    ["15:30", "Say which day"],
    ["Tue 9 Jun 2027 15:30", "Wednesday 9 June 2027 is not a Tuesday"],
    ["by the next meeting 15:00", "is not a day"],
  ])("refuses %j", (text, problem) => {
    const when = read(text);
    expect(when.ok).toBe(false);
    if (!when.ok) expect(when.problem).toContain(problem);
  });
});

describe("readMeetingSlot", () => {
  const now = new Date("2026-11-23T10:00:00Z");
  it.each([
    ["16 June", { ok: true, day: "2027-06-16", minutes: null }],
    ["16 June 14:00", { ok: true, day: "2027-06-16", minutes: 840 }],
    ["next Tuesday 3.30pm", { ok: true, day: "2026-12-01", minutes: 930 }],
  ])("%j", (text, slot) => {
    expect(readMeetingSlot(text, { now, timeZone: "Europe/London" })).toEqual(slot);
  });
});

describe("readMeetingDay", () => {
  const now = new Date("2026-11-23T10:00:00Z");
  it("finds a named day near today, including one just past", () => {
    expect(readMeetingDay("9 June", { now, timeZone: "Europe/London" })).toBe("2027-06-09");
    expect(readMeetingDay("20 November", { now, timeZone: "Europe/London" })).toBe("2026-11-20");
    expect(readMeetingDay("Wed 9 Dec 2026 15:30", { now, timeZone: "Europe/London" })).toBe("2026-12-09");
    expect(readMeetingDay("sometime", { now, timeZone: "Europe/London" })).toBeUndefined();
  });
});
