/**
 * Whether a value could be one of our row ids (a UUID). Ids come back from Slack in button
 * values and form metadata, which anyone can forge: one that is not an id at all is "gone",
 * answered as such, rather than a database error on the cast.
 */
export function isRowId(value: string): boolean {
  return /^[0-9a-f-]{36}$/.test(value);
}
