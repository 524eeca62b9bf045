// An AppError as the person is told it: its code, and its problem's words (wordsFor).
import { isAppError } from "../../src/errors";
import { wordsFor } from "../../src/slack/views/problems";

export interface RefusalWords {
  code: string;
  text: string;
  hint?: string;
}

/** The refusal's code and words; anything that is not an AppError is thrown on, to fail the test. */
export function refusalWords(error: unknown): RefusalWords {
  if (!isAppError(error)) throw error;
  return { code: error.code, ...wordsFor(error.problem) };
}

/** The refusal `attempt` ends in, in words; a failure of the test if it succeeds instead. */
export async function refusalOf(attempt: Promise<unknown>): Promise<RefusalWords> {
  return attempt.then(() => {
    throw new Error("expected a refusal, but it succeeded");
  }, refusalWords);
}
