export { parseActionCommand, MAX_COMMAND_CHARACTERS } from "./parse-action-command";
export { MAX_TEXT_CHARACTERS } from "./parse-add";
export { MAX_NOTE_CHARACTERS } from "./parse-reference-command";
export type {
  ActionCommand,
  BoardRef,
  CommandProblem,
  ListFilter,
  OwnerRef,
  ParseActionCommandResult,
  ParseOptions,
} from "./types";
