// Every kind of durable work listeners leave in Redis, and the job that does them.
import type { JobDefinition } from "../../jobs/define-job";
import type { SlackFor } from "./clients";
import type { SlackDeps } from "./deps";
import { slackWorkJob, type WorkKind } from "./durable-work";
import { ACTION_BUTTON_WORK } from "./listeners/actions";
import { REMINDER_BUTTON_WORK } from "./listeners/actions/reminder-buttons";
import { ACTION_COMMAND_WORK } from "./listeners/commands/action";
import { MEETING_COMMAND_WORK } from "./listeners/commands/meeting";
import { ACTION_FORM_WORK } from "./listeners/views/action-modal";

const WORK_KINDS: readonly WorkKind<unknown>[] = [
  ACTION_COMMAND_WORK,
  MEETING_COMMAND_WORK,
  ACTION_BUTTON_WORK,
  REMINDER_BUTTON_WORK,
  ACTION_FORM_WORK,
];

/** The "commands" queue's job, done by web and worker processes alike. */
export function commandsJob(deps: SlackDeps, clientFor: SlackFor): JobDefinition<never> {
  return slackWorkJob(deps, clientFor, WORK_KINDS) as JobDefinition<never>;
}
