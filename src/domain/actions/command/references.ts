const BOARD_REFERENCE = /^([A-Za-z][A-Za-z0-9]{1,11})-(\d{1,9})$/;
const ACTION_REFERENCE = /^[Aa]-(\d{1,9})$/;

/**
 * "lcrb-012" → "LCRB-12", "a-7" → "A-7"; undefined when it is not a reference. A leading "#"
 * and trailing punctuation ("LCRB-12:") are forgiven, since people write both.
 */
export function parseReference(word: string): string | undefined {
  const bare = word.replace(/^#/, "").replace(/[.,;:!?]+$/, "");
  const board = BOARD_REFERENCE.exec(bare);
  if (board?.[1] && board[2]) return `${board[1].toUpperCase()}-${Number(board[2])}`;
  const action = ACTION_REFERENCE.exec(bare);
  if (action?.[1]) return `A-${Number(action[1])}`;
  return undefined;
}
