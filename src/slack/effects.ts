// Applies what a use case left for after its commit (use-cases/effects.ts), on Slack's
// side and the queues'. A committed outcome's effects are applied whatever becomes of the
// answer: before answering where the answer depends on them (an import queued, reminders
// said to be re-planned), else in a `finally` after it, so a reply Slack refuses cannot
// cost the reminder jobs, DMs and Home redraws.
import type { WebClient } from "@slack/web-api";
import type { Effect } from "../use-cases/effects";
import { applyActionEffects } from "./action-effects";
import type { SlackDeps } from "./deps";
import { postMeetingSummary, tellOwnersOfMinutesActions } from "./minutes-effects";

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
      // --- boards, meetings and minutes ---
      case "meeting_summary_due":
        // The meeting is held whatever becomes of its summary (a failed read, a refused post): logged, not thrown.
        await postMeetingSummary(deps, to, effect.meetingId).catch((err: unknown) =>
          deps.logger.warn({ err, meetingId: effect.meetingId }, "could not post the meeting digest"),
        );
        break;
      case "minutes_actions_logged":
        await tellOwnersOfMinutesActions(deps, to, effect);
        break;
      case "minutes_import_started":
        await deps.startImport(effect.importId);
        break;
    }
  }
}
