// After minutes are imported: the digest in the board's channel (continued in the
// thread when long), each Slack owner told of their new actions, reminders queued.
import type { WebClient } from "@slack/web-api";
import type { ActionRecord } from "../domain/actions/action-record";
import type { ConfirmedImport } from "../domain/minutes/confirm-import";
import { loadMeetingDigest } from "../domain/minutes/load-meeting-digest";
import { applyActionEffects, slackIdsOf } from "./action-effects";
import type { SlackDeps } from "./deps";
import { actionsAssignedDm } from "./views/actions/action-logged";
import { timeZoneOf } from "./views/actions/describe-action";
import { meetingDigestMessages } from "./views/minutes/meeting-digest";

/** Posts a meeting's digest to its board's channel; returns where it went. */
export async function postMeetingDigest(
  deps: SlackDeps,
  client: WebClient,
  { workspaceId, meetingId }: { workspaceId: string; meetingId: string },
): Promise<{ channel: string; ts: string } | undefined> {
  const digest = await loadMeetingDigest(deps.db, { workspaceId, meetingId, now: deps.now() });
  const channel = digest?.board.slackChannelId;
  if (!digest || !channel) return undefined;
  const [first, ...rest] = meetingDigestMessages(digest);
  const posted = await client.chat.postMessage({ channel, text: first!.text, blocks: first!.blocks });
  const ts = posted.ts ?? "";
  for (const page of rest)
    await client.chat.postMessage({ channel, thread_ts: ts, text: page.text, blocks: page.blocks });
  await deps.db.meeting.update({
    where: { id: meetingId },
    data: { digestChannelId: posted.channel ?? channel, digestMessageTs: ts },
  });
  return { channel: posted.channel ?? channel, ts };
}

export async function applyImportEffects(
  deps: SlackDeps,
  client: WebClient,
  {
    workspace,
    actorSlackUserId,
    confirmed,
  }: { workspace: { id: string; timeZone: string }; actorSlackUserId: string; confirmed: ConfirmedImport },
): Promise<void> {
  await deps.reminderJobs.apply(confirmed.reminders);
  await postMeetingDigest(deps, client, { workspaceId: workspace.id, meetingId: confirmed.meetingId }).catch(
    (err: unknown) => deps.logger.warn({ err }, "could not post the meeting digest"),
  );
  // Each owner hears of their new actions once: one DM for one action, one list for several.
  const byOwner = new Map<string, ActionRecord[]>();
  for (const action of confirmed.actions) {
    for (const owner of slackIdsOf(action)) {
      if (owner !== actorSlackUserId) byOwner.set(owner, [...(byOwner.get(owner) ?? []), action]);
    }
  }
  for (const action of confirmed.actions) {
    // Told of this action on its own: its owners with no other action in these minutes.
    const toldHere = slackIdsOf(action).filter((owner) => byOwner.get(owner)?.length === 1);
    await applyActionEffects(deps, {
      workspace,
      client,
      action,
      actorSlackUserId,
      newOwnerIds: toldHere,
      reminders: { scheduled: [], cancelled: [] },
    });
  }
  for (const [owner, list] of byOwner) {
    if (list.length < 2) continue;
    const timeZone = timeZoneOf(list[0]!, workspace.timeZone);
    const dm = actionsAssignedDm(list, actorSlackUserId, timeZone, `the ${list[0]!.board?.code ?? "board"} minutes`);
    await client.chat
      .postMessage({ channel: owner, ...dm })
      .catch((err: unknown) =>
        deps.logger.warn({ err, owner }, "could not tell an owner of their new actions from minutes"),
      );
  }
}
