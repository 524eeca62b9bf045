/** What the person is told: what was wrong, and (under it, smaller) what works instead. */
export interface Words {
  text: string;
  hint?: string;
}

/** The words, with a hint only when there is one. */
export function said(text: string, hint?: string): Words {
  return hint ? { text, hint } : { text };
}

/** For a switch that has handled every case: the compiler fails here when one is missing. */
export function unreachable(value: never): never {
  throw new Error(`No words for ${JSON.stringify(value)}`);
}
