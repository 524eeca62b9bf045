// Times of day as people write them for meetings and reminders: "15:30", "3.30pm", "9am",
// "noon". One reader for `/meeting` and the board settings, so a time one accepts the
// other accepts too.

/** A time in a longer text, "at" before it included: "next Tuesday at 3.30pm". */
export const TIME_OF_DAY =
  /\b(?:at\s+)?(?:(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)|(\d{1,2})[:.](\d{2})|(noon|midday))(?=\s|$|[,.])\.?/i;

export type TimeOfDayFound =
  | { ok: true; minutes: number; index: number; length: number }
  /** Written as a time but not one ("13pm", "25:00"); `written` is what was found. */
  | { ok: false; written: string };

/** The first time of day in `text` as minutes past midnight, with where it was; undefined when there is none. */
export function findTimeOfDay(text: string): TimeOfDayFound | undefined {
  const time = TIME_OF_DAY.exec(text);
  if (!time) return undefined;
  const written = time[0].trim();
  let hour: number;
  let minute: number;
  if (time[6]) [hour, minute] = [12, 0];
  else if (time[3]) {
    if (Number(time[1]) > 12 || Number(time[1]) === 0) return { ok: false, written };
    [hour, minute] = [(Number(time[1]) % 12) + (/^p/i.test(time[3]) ? 12 : 0), Number(time[2] ?? 0)];
  } else [hour, minute] = [Number(time[4]), Number(time[5])];
  if (hour > 23 || minute > 59) return { ok: false, written };
  return { ok: true, minutes: hour * 60 + minute, index: time.index, length: time[0].length };
}

/** A field that holds only a time ("3.30pm", "15:30", "noon"): minutes past midnight, or undefined. */
export function readTimeOfDay(text: string): number | undefined {
  const trimmed = text.trim();
  const found = findTimeOfDay(trimmed);
  if (!found?.ok || found.index !== 0 || found.length !== trimmed.length) return undefined;
  return found.minutes;
}
