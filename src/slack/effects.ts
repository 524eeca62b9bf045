// Applies what a use case left for after its commit (use-cases/effects.ts), on Slack's
// side and the queues'. Called once the person has their answer.
import type { WebClient } from "@slack/web-api";
import type { Effect } from "../use-cases/effects";
import { applyActionEffects } from "./action-effects";
import type { SlackDeps } from "./deps";

export async function applyEffects(
  deps: SlackDeps,
  to: { client: WebClient; workspace: { id: string; timeZone: string } },
  effects: readonly Effect[],
): Promise<void> {
  for (const effect of effects) {
    switch (effect.kind) {
      case "action_changed":
        await applyActionEffects(deps, { ...effect, ...to });
        break;
      case "reminders_planned":
        await deps.reminderJobs.apply(effect.reminders);
        break;
      case "homes_changed":
        for (const userId of new Set(effect.slackUserIds)) deps.refreshHome(to.client, to.workspace, userId);
        break;
    }
  }
}
