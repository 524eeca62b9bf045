import { DateTime } from "luxon";

/** 00:00 of the day `instant` falls on in the zone, as an instant: how due dates are stored. */
export function startOfDay(instant: Date, timeZone: string): Date {
  return DateTime.fromJSDate(instant, { zone: timeZone }).startOf("day").toJSDate();
}

/** 00:00 of a calendar day written YYYY-MM-DD (a date picker's value) in the zone. */
export function startOfIsoDay(isoDay: string, timeZone: string): Date {
  return DateTime.fromISO(isoDay, { zone: timeZone }).startOf("day").toJSDate();
}

/** The calendar day, YYYY-MM-DD, that `instant` falls on in the zone. */
export function isoDayOf(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate() ?? "";
}

/** "09:00": the 24-hour clock as written here. */
export function formatTime(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat("HH:mm");
}

/** The instant `minutes` past midnight on a calendar day (YYYY-MM-DD) in the zone: a meeting's start. */
export function instantOnDay(isoDay: string, minutes: number, timeZone: string): Date {
  return DateTime.fromISO(isoDay, { zone: timeZone })
    .set({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
    .toJSDate();
}
