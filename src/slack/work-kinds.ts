// Every kind of durable work listeners leave in Redis (the commands job does them; jobs/commands/).
import type { WorkKind } from "./durable-work";
import { ACTION_BUTTON_WORK } from "./listeners/actions";
import { REMINDER_BUTTON_WORK } from "./listeners/actions/reminder-buttons";
import { ACTION_COMMAND_WORK } from "./listeners/commands/action";
import { MEETING_COMMAND_WORK } from "./listeners/commands/meeting";
import { ACTION_FORM_WORK } from "./listeners/views/action-modal";

export const WORK_KINDS: readonly WorkKind<unknown>[] = [
  ACTION_COMMAND_WORK,
  MEETING_COMMAND_WORK,
  ACTION_BUTTON_WORK,
  REMINDER_BUTTON_WORK,
  ACTION_FORM_WORK,
];
