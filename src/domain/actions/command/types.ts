/** A board named in a command: by its code (#LCRB) or by the channel Slack linked (#lcrb → <#C123|lcrb>). */
export type BoardRef = { code: string } | { channelId: string };

/** An action owner: a Slack user, or a body named in words ("London Councils"). */
export type OwnerRef = { slackUserId: string } | { bodyName: string };

export type ListFilter =
  | { kind: "mine" }
  | { kind: "overdue" }
  | { kind: "open" }
  | { kind: "done" }
  | { kind: "user"; slackUserId: string }
  | { kind: "board"; board: BoardRef };

export type ActionCommand =
  | { kind: "modal" }
  | { kind: "help" }
  | { kind: "add"; text: string; owners: OwnerRef[]; duePhrase: string | undefined; board: BoardRef | undefined }
  | {
      kind: "list";
      filter: ListFilter;
      /** A board narrowing another filter, as in "overdue #LCRB". */ board?: BoardRef;
    }
  // Two members rather than { kind: "show" | "reopen" } so switch narrowing and Extract<…, { kind: "reopen" }> work.
  | { kind: "show"; reference: string }
  | { kind: "reopen"; reference: string }
  | { kind: "done"; reference: string; note: string | undefined }
  | { kind: "update"; reference: string; note: string }
  | { kind: "due"; reference: string; duePhrase: string }
  | { kind: "assign"; reference: string; owners: OwnerRef[] }
  | { kind: "drop"; reference: string; reason: string };

/** Why a command could not be read: the message quotes what was wrong, the examples are commands that work. */
export interface CommandProblem {
  message: string;
  examples: string[];
}

export type ParseActionCommandResult = { ok: true; command: ActionCommand } | { ok: false; problem: CommandProblem };

export interface ParseOptions {
  /** true when the phrase is a due date the date parser understands */
  isDuePhrase(phrase: string): boolean;
}
