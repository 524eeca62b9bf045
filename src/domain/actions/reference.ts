/** LCRB-12 on a board, A-3 for an action without one. */
export function formatReference(boardCode: string | undefined | null, number: number): string {
  return `${boardCode ?? "A"}-${number}`;
}

const REFERENCE = /^([A-Za-z][A-Za-z0-9]{0,11})-(\d{1,9})$/;

/** Upper-cased reference, or undefined if the text is not one. */
export function normaliseReference(text: string): string | undefined {
  const match = REFERENCE.exec(text.trim());
  return match ? `${match[1]!.toUpperCase()}-${Number(match[2])}` : undefined;
}
