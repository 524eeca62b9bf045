import type { HomeView, KnownBlock } from "@slack/types";
import type { DueGroup } from "../../../domain/actions/list-actions";
import { actions, context, divider, header, section } from "../blocks";
import { actionRowText, type ListRow } from "./action-list";
import { NEW_DATE } from "../reminders/new-date";
import { ACTION_BUTTONS, button } from "./buttons";
import { escapeText } from "./describe-action";

const GROUP_TITLES: Record<DueGroup, string> = {
  overdue: "Overdue",
  this_week: "Due this week",
  later: "Later",
  no_date: "No date",
};

/** Two blocks per action plus headings stay inside Slack's 100 blocks for a view. */
export const HOME_ACTION_LIMIT = 40;

/** A new date an owner asked for, waiting for this person (the board's chair or secretary) to decide. */
export interface PendingApproval {
  requestId: string;
  reference: string;
  text: string;
  requestedBy: string;
  /** "Fri 29 Jan 2027 ("end of January")". */
  newDue: string;
}

/** At most this many requests are shown (two blocks each): the rest wait their turn. */
const MAX_APPROVALS_SHOWN = 5;

/**
 * The Home tab: new dates waiting for the person's decision (for a chair or secretary), then their
 * open actions by urgency, each with Done, Snooze (when dated) and Open.
 */
export function homeActionsView(
  rows: readonly ListRow[],
  total: number,
  approvals: readonly PendingApproval[] = [],
): HomeView {
  const blocks: KnownBlock[] = [];
  if (approvals.length > 0) {
    blocks.push(header("New dates to decide"));
    for (const a of approvals.slice(0, MAX_APPROVALS_SHOWN)) {
      blocks.push(
        section(`*${a.reference}* ${escapeText(a.text)}\n<@${a.requestedBy}> asks for ${escapeText(a.newDue)}`),
        actions(
          [
            button("Approve", NEW_DATE.approve, a.requestId, "primary"),
            button("Decline", NEW_DATE.decline, a.requestId, "danger"),
          ],
          `home-request-${a.requestId}`,
        ),
      );
    }
    if (approvals.length > MAX_APPROVALS_SHOWN)
      blocks.push(context(`${approvals.length - MAX_APPROVALS_SHOWN} more after these.`));
  }
  // The actions give up room for the requests, to stay inside Slack's 100 blocks.
  const limit = HOME_ACTION_LIMIT - Math.ceil(blocks.length / 2);
  blocks.push(header("Your actions"));
  if (total === 0) {
    blocks.push(
      section("You have no open actions. Actions given to you in a meeting, or with `/action add`, appear here."),
    );
  }
  let group: DueGroup | undefined;
  for (const row of rows.slice(0, limit)) {
    if (row.group !== group) {
      group = row.group;
      blocks.push(divider(), context(`*${GROUP_TITLES[group]}*`));
    }
    const id = row.item.action.id;
    blocks.push(
      section(actionRowText(row)),
      actions(
        [
          button("Done", ACTION_BUTTONS.done, id, "primary"),
          ...(row.item.action.dueAt ? [button("Snooze 1 week", ACTION_BUTTONS.snooze, id)] : []),
          button("Open", ACTION_BUTTONS.open, id),
        ],
        `home-${id}`,
      ),
    );
  }
  if (total > limit)
    blocks.push(
      context(`Showing ${Math.min(limit, rows.length)} of ${total}; \`/action list\` pages through them all.`),
    );
  blocks.push(
    divider(),
    context("`/action add <text> @owner by <date> #BOARD` logs an action · `/action help` for the rest."),
  );
  return { type: "home", blocks };
}
