/** LCRB-12 on a board, A-3 for an action without one. */
export function formatReference(boardCode: string | undefined | null, number: number): string {
  return `${referencePrefix(boardCode)}${number}`;
}

/** What comes before the number: "LCRB-", or "A-" without a board. */
export function referencePrefix(boardCode: string | undefined | null): string {
  return `${boardCode ?? "A"}-`;
}

const REFERENCE = /^([A-Za-z][A-Za-z0-9]{0,11})-(\d{1,9})$/;

/** Upper-cased reference, or undefined if the text is not one. */
export function normaliseReference(text: string): string | undefined {
  const match = REFERENCE.exec(text.trim());
  return match ? `${match[1]!.toUpperCase()}-${Number(match[2])}` : undefined;
}
