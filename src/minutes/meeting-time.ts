// The time a meeting starts, as minutes write it after its date: "7.30pm",
// "10.00 a.m.", "15:00UTC", "at 3pm UTC", "11-1pm" (a range: its start),
// "Noon Eastern Time". 24-hour "HH:MM".

const RANGE = /\b(\d{1,2})(?:[:.](\d{2}))?\s*(?:-|–|to)\s*(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\b\.?|p\.?m\b\.?)/i;
const MERIDIEM = /\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\b\.?|p\.?m\b\.?)/i;
// "15:00UTC" has no word boundary after the minutes; "14.04.2020" is a date, not a time.
const CLOCK = /\b(\d{1,2})[:.](\d{2})(?!\d|[.:/]\d)(?!\s*(?:million|m\b|%|bn))/;
const NOON = /\b(noon|midday)\b/i;

export interface MeetingTime {
  time: string;
  index: number;
  length: number;
  /** Written with am/pm or as noon: no guessing the afternoon. */
  hasMeridiem: boolean;
}

const hhmm = (hour: number, minute: number) => `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;

/** The first time in the text, or undefined. */
export function findMeetingTime(text: string): MeetingTime | undefined {
  const found: MeetingTime[] = [];
  const range = RANGE.exec(text);
  if (range) {
    const isPm = /^p/i.test(range[5]!);
    const start = Number(range[1]);
    const end = Number(range[3]);
    // "2-4pm" starts at 14:00; "11-1pm" starts at 11:00, before noon.
    const hour = isPm && start < 12 && start <= end ? start + 12 : start;
    if (hour <= 23 && Number(range[2] ?? 0) <= 59)
      found.push({
        time: hhmm(hour, Number(range[2] ?? 0)),
        index: range.index,
        length: range[0].length,
        hasMeridiem: true,
      });
  }
  const meridiem = MERIDIEM.exec(text);
  if (meridiem) {
    const hour = (Number(meridiem[1]) % 12) + (/^p/i.test(meridiem[3]!) ? 12 : 0);
    if (Number(meridiem[1]) <= 12 && Number(meridiem[2] ?? 0) <= 59)
      found.push({
        time: hhmm(hour, Number(meridiem[2] ?? 0)),
        index: meridiem.index,
        length: meridiem[0].length,
        hasMeridiem: true,
      });
  }
  const clock = CLOCK.exec(text);
  if (clock && Number(clock[1]) <= 23 && Number(clock[2]) <= 59)
    found.push({
      time: hhmm(Number(clock[1]), Number(clock[2])),
      index: clock.index,
      length: clock[0].length,
      hasMeridiem: false,
    });
  const noon = NOON.exec(text);
  if (noon) found.push({ time: "12:00", index: noon.index, length: noon[0].length, hasMeridiem: true });
  // The earliest; at one place the longest reading ("11-1pm" over "1pm", "7.30pm" over "7.30").
  return found.sort((a, b) => a.index - b.index || b.length - a.length)[0];
}
