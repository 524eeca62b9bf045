// What goes to a board's channel before a meeting: the call for papers, and the
// "matters arising" list of actions due by the meeting with a Post update button each.
import type { KnownBlock } from "@slack/types";
import { DateTime } from "luxon";
import { daysUntil, formatDay } from "../../../dates";
import type { ActionRecord } from "../../../domain/actions/action-record";
import { ragStatusOf } from "../../../domain/actions/rag";
import type { MattersArising } from "../../../domain/reminders/load-matters-arising";
import { context, LIMITS, message, section, truncate, type MessageView } from "../blocks";
import { button } from "../actions/buttons";
import { meetingWords } from "../meetings/meeting-views";
import { dueShort, escapeText, ownersText, ragMarker } from "../actions/describe-action";

export const MEETING_BUTTONS = { postUpdate: "reminder.post_update" } as const;

export interface MeetingFacts {
  boardCode: string;
  startsAt: Date;
  location: string | null;
  timeZone: string;
}

/**
 * The call for papers, working days before they are due: when, to whom, and when the agenda pack
 * is published; on the day they are due, the last call.
 */
export function papersCallMessage(
  meeting: MeetingFacts & {
    papersDue: string;
    agendaPublished: string;
    isLastCall: boolean;
    secretarySlackUserId: string | null;
  },
): MessageView {
  const { boardCode, timeZone } = meeting;
  const day = (iso: string) => formatDay(DateTime.fromISO(iso, { zone: timeZone }).toJSDate(), timeZone);
  const title = meeting.isLastCall
    ? `Last call: papers for ${boardCode} on ${formatDay(meeting.startsAt, timeZone)} are due today, ${day(meeting.papersDue)}`
    : `Papers for ${boardCode} on ${formatDay(meeting.startsAt, timeZone)} are due by ${day(meeting.papersDue)}`;
  const sendTo = meeting.secretarySlackUserId
    ? `Send them to <@${meeting.secretarySlackUserId}>.`
    : "Post them in this channel.";
  const pack = `The agenda pack is published by ${day(meeting.agendaPublished)}, 5 clear days before the meeting.`;
  return message(`${title}. ${sendTo} ${pack} Meeting: ${meetingWords(meeting, meeting.timeZone)}.`, [
    section(`*${escapeText(title)}*\n${sendTo} ${escapeText(pack)}`),
    context(`Meeting: ${escapeText(meetingWords(meeting, meeting.timeZone))}`),
  ]);
}

/** The value of a Post update button: the matters-arising reminder and the action. */
export function postUpdateValue(reminderId: string, actionId: string): string {
  return `${reminderId}|${actionId}`;
}

export function parsePostUpdateValue(value: string): { reminderId: string; actionId: string } | undefined {
  const match = /^([0-9a-f-]{36})\|([0-9a-f-]{36})$/.exec(value);
  return match ? { reminderId: match[1]!, actionId: match[2]! } : undefined;
}

function itemLine(
  action: ActionRecord,
  latest: MattersArising["items"][number]["latest"],
  timeZone: string,
  now: Date,
): string {
  const rag = ragStatusOf(
    {
      status: action.status,
      dueAt: action.dueAt,
      lastUpdateAt: latest?.at ?? null,
      amberWithinDays: action.board?.amberWithinDays ?? 7,
      timeZone,
    },
    now,
  );
  const update = latest
    ? `latest ${formatDay(latest.at, timeZone)}: "${escapeText(truncate(latest.note, 300))}"`
    : "no update yet";
  return `${ragMarker(rag)}  *${action.reference}*  ${escapeText(action.text)}\n${ownersText(action)} · due ${escapeText(dueShort(action, timeZone))} · ${update}`;
}

/** Room for the title, the summary and the closing note within Slack's 50 blocks. */
const MAX_ITEMS = LIMITS.messageBlocks - 4;

/** One working day before: the actions due by the meeting, overdue first, each with its latest word. */
export function mattersArisingMessage(data: MattersArising, reminderId: string, now: Date): MessageView {
  const { board, meeting, items } = data;
  const timeZone = board.timeZone;
  const facts: MeetingFacts = {
    boardCode: board.code,
    startsAt: meeting.startsAt,
    location: meeting.location,
    timeZone,
  };
  const title = `Matters arising · ${board.code} · ${meetingWords(facts, facts.timeZone)}`;
  const overdue = items.filter((i) => i.action.dueAt && daysUntil(i.action.dueAt, now, timeZone) < 0).length;
  const summary =
    items.length === 0
      ? "No open actions are due by this meeting."
      : `${items.length} open ${items.length === 1 ? "action is" : "actions are"} due by this meeting${overdue ? `, ${overdue} overdue` : ""}.`;
  const blocks: KnownBlock[] = [section(`*${escapeText(title)}*\n${summary}`)];
  for (const { action, latest } of items.slice(0, MAX_ITEMS)) {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: truncate(itemLine(action, latest, timeZone, now), LIMITS.sectionText) },
      accessory: button("Post update", MEETING_BUTTONS.postUpdate, postUpdateValue(reminderId, action.id)),
    });
  }
  if (items.length > MAX_ITEMS)
    blocks.push(context(`…and ${items.length - MAX_ITEMS} more: \`/action list #${board.code}\` shows them all.`));
  if (items.length > 0)
    blocks.push(context("Owners: press Post update to add one line for the meeting; it shows here."));
  const fallback = `${title}. ${summary} ${items.map((i) => `${i.action.reference} ${i.action.text}`).join("; ")}`;
  return message(fallback, blocks);
}
