import type { HomeView, KnownBlock } from "@slack/types";
import type { DueGroup } from "../../../domain/actions/list-actions";
import { actions, context, divider, header, section } from "../blocks";
import { actionRowText, type ListRow } from "./action-list";
import { ACTION_BUTTONS, button } from "./buttons";

const GROUP_TITLES: Record<DueGroup, string> = {
  overdue: "Overdue",
  this_week: "Due this week",
  later: "Later",
  no_date: "No date",
};

/** Two blocks per action plus headings stay inside Slack's 100 blocks for a view. */
export const HOME_ACTION_LIMIT = 40;

/** The Home tab: the person's open actions by urgency, each with Done, Snooze (when dated) and Open. */
export function homeActionsView(rows: readonly ListRow[], total: number): HomeView {
  const blocks: KnownBlock[] = [header("Your actions")];
  if (total === 0) {
    blocks.push(section("You have no open actions. Actions given to you in a meeting, or with `/action add`, appear here."));
  }
  let group: DueGroup | undefined;
  for (const row of rows.slice(0, HOME_ACTION_LIMIT)) {
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
  if (total > HOME_ACTION_LIMIT) blocks.push(context(`Showing ${HOME_ACTION_LIMIT} of ${total}; \`/action list\` pages through them all.`));
  blocks.push(divider(), context("`/action add <text> @owner by <date> #BOARD` logs an action · `/action help` for the rest."));
  return { type: "home", blocks };
}
