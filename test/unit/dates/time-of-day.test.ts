import { findTimeOfDay, readTimeOfDay } from "../../../src/dates";

describe("readTimeOfDay", () => {
  it.each<[text: string, minutes: number | undefined]>([
    ["15:30", 930],
    ["15.30", 930],
    ["09:00", 540],
    ["9:05", 545],
    ["3.30pm", 930],
    ["3:30 pm", 930],
    ["3pm", 900],
    ["9am", 540],
    ["9 a.m.", 540],
    ["12am", 0],
    ["12pm", 720],
    ["noon", 720],
    ["Midday", 720],
    ["at 2pm", 840],
    ["  14:00  ", 840],
    // Not a time, or not only a time.
    ["", undefined],
    ["half three", undefined],
    ["nine", undefined],
    ["1530", undefined],
    ["15", undefined],
    ["25:00", undefined],
    ["13pm", undefined],
    ["0am", undefined],
    ["15:60", undefined],
    ["3pm on Friday", undefined],
    ["noonish", undefined],
  ])("%j → %s", (text, minutes) => {
    expect(readTimeOfDay(text)).toBe(minutes);
  });
});

describe("findTimeOfDay", () => {
  it("finds the time in a longer text, with where it stands", () => {
    expect(findTimeOfDay("next Tuesday 3.30pm at City Hall")).toEqual({ ok: true, minutes: 930, index: 13, length: 6 });
    expect(findTimeOfDay("Tue 9 Jun at noon")).toEqual({ ok: true, minutes: 720, index: 10, length: 7 });
  });

  it("says when something written as a time is not one, and finds nothing in a text without one", () => {
    expect(findTimeOfDay("9 June 13pm")).toEqual({ ok: false, written: "13pm" });
    expect(findTimeOfDay("9 June 2027")).toBeUndefined();
  });
});
