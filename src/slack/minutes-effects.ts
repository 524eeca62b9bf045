// After a meeting is held (closed, or its minutes imported): its summary in the board's
// channel (continued in the thread when long), and each owner of the new actions told of
// them. Applied by slack/effects.ts, or by /meeting close, whose answer says whether the
// summary went.
import type { WebClient } from "@slack/web-api";
import { loadMeetingDigest } from "../domain/minutes/load-meeting-digest";
import type { ActionRecord } from "../domain/actions/action-record";
import type { MinutesActionsLogged } from "../use-cases/effects";
import { recordMeetingSummary } from "../use-cases/meetings/record-meeting-summary";
import { applyActionEffects, slackIdsOf } from "./action-effects";
import type { SlackDeps } from "./deps";
import { actionsAssignedDm } from "./views/actions/action-logged";
import { timeZoneOf } from "./views/actions/describe-action";
import { meetingDigestMessages } from "./views/minutes/meeting-digest";

/**
 * Posts a held meeting's summary to its board's channel; returns where it went (undefined:
 * the meeting is gone or its board has no channel, so nothing to post). The summary is read
 * here, after the commit: a failed read throws like a refused post, and costs only the post.
 */
export async function postMeetingSummary(
  deps: SlackDeps,
  to: { client: WebClient; workspace: { id: string } },
  meetingId: string,
): Promise<{ channel: string; ts: string } | undefined> {
  const digest = await loadMeetingDigest(deps.db, { workspaceId: to.workspace.id, meetingId, now: deps.now() });
  const channel = digest?.board.slackChannelId;
  if (!digest || !channel) return undefined;
  const [first, ...rest] = meetingDigestMessages(digest);
  const posted = await to.client.chat.postMessage({ channel, text: first!.text, blocks: first!.blocks });
  const ts = posted.ts ?? "";
  for (const page of rest)
    await to.client.chat.postMessage({ channel, thread_ts: ts, text: page.text, blocks: page.blocks });
  await recordMeetingSummary(deps.db, {
    workspaceId: to.workspace.id,
    meetingId,
    channelId: posted.channel ?? channel,
    ts,
  });
  return { channel: posted.channel ?? channel, ts };
}

/**
 * Each owner in Slack hears of their new actions from minutes once: one DM for one action,
 * one list for several. Their reminder jobs were queued with the import's.
 */
export async function tellOwnersOfMinutesActions(
  deps: SlackDeps,
  to: { client: WebClient; workspace: { id: string; timeZone: string } },
  { actions, actorSlackUserId }: MinutesActionsLogged,
): Promise<void> {
  const byOwner = new Map<string, ActionRecord[]>();
  for (const action of actions) {
    for (const owner of slackIdsOf(action)) {
      if (owner !== actorSlackUserId) byOwner.set(owner, [...(byOwner.get(owner) ?? []), action]);
    }
  }
  for (const action of actions) {
    // Told of this action on its own: its owners with no other action in these minutes.
    const toldHere = slackIdsOf(action).filter((owner) => byOwner.get(owner)?.length === 1);
    await applyActionEffects(deps, {
      ...to,
      action,
      actorSlackUserId,
      newOwnerIds: toldHere,
      reminders: { scheduled: [], cancelled: [] },
    });
  }
  for (const [owner, list] of byOwner) {
    if (list.length < 2) continue;
    const timeZone = timeZoneOf(list[0]!, to.workspace.timeZone);
    const dm = actionsAssignedDm(list, actorSlackUserId, timeZone, `the ${list[0]!.board?.code ?? "board"} minutes`);
    await to.client.chat
      .postMessage({ channel: owner, ...dm })
      .catch((err: unknown) =>
        deps.logger.warn({ err, owner }, "could not tell an owner of their new actions from minutes"),
      );
  }
}
