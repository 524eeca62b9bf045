// What a use case leaves to be done after its transaction commits, as data: the Slack
// layer applies it (slack/effects.ts), so what was decided is saved before jobs are queued
// or people told. A use case takes no Bolt or WebClient: the few steps that need Slack
// while it runs come in as plain functions from the listener (requestNewDate's askApprover
// and startFileImport's announce post DMs; createBoard's isPrivate and exportActionLog's
// namesOf ask Slack), and the rest of what follows is an Effect here.
import type { ActionRecord } from "../domain/actions/action-record";
import type { ReminderSync } from "../domain/reminders/reconcile-reminders";

/** An action was logged or changed: owners told, reminder jobs queued, Home tabs redrawn. */
export interface ActionChanged {
  kind: "action_changed";
  action: ActionRecord;
  actorSlackUserId: string;
  /** A new action's owners in Slack: each gets a DM (not the actor, who knows). */
  newOwnerIds?: readonly string[];
  /** An existing action's change: the action as it was, and whether the change was an Undo. */
  change?: { before: ActionRecord; isUndo?: boolean };
  /** People the use case has told already in its own words (the owner who asked for a new date): no DM. */
  toldAlready?: readonly string[];
  /** Reminder rows the change planned or cancelled: their jobs follow. */
  reminders: ReminderSync;
}

/** Reminder rows planned or cancelled by something other than one action (a meeting moved, say). */
export interface RemindersPlanned {
  kind: "reminders_planned";
  reminders: ReminderSync;
}

/** People whose Home tab shows something that changed. */
export interface HomesChanged {
  kind: "homes_changed";
  slackUserIds: readonly string[];
}

/** Add a kind here when a use case needs Slack or the queues to do something new after commit. */
export type Effect =
  ActionChanged | RemindersPlanned | HomesChanged | MeetingSummaryDue | MinutesActionsLogged | MinutesImportStarted;

/** A use case's answer: what the person is shown, and what follows after commit. */
export interface Outcome<T> {
  result: T;
  effects: Effect[];
}

// --- boards, meetings and minutes ---

/**
 * A meeting was held (its minutes imported): its summary goes to the board's channel. It
 * carries the meeting, not the summary: the summary is read when it is posted, so a failed
 * read costs the post, not the effects of what was committed.
 */
export interface MeetingSummaryDue {
  kind: "meeting_summary_due";
  meetingId: string;
}

/** Actions logged from minutes: each of their owners in Slack told of theirs once (one DM lists several). */
export interface MinutesActionsLogged {
  kind: "minutes_actions_logged";
  actions: readonly ActionRecord[];
  actorSlackUserId: string;
}

/** A minutes file is to be read: the job that downloads and reads it is queued. */
export interface MinutesImportStarted {
  kind: "minutes_import_started";
  importId: string;
}
