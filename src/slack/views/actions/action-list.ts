import type { KnownBlock } from "@slack/types";
import type { DueGroup, ListedAction } from "../../../domain/actions/list-actions";
import type { RagStatus } from "../../../domain/actions/rag";
import { actions, context, message, section, type MessageView } from "../blocks";
import { ACTION_BUTTONS, button } from "./buttons";
import { dueShort, escapeText, ownersText, ragMarker } from "./describe-action";

export interface ListRow {
  item: ListedAction;
  rag: RagStatus;
  group: DueGroup;
  timeZone: string;
}

export interface ActionListViewOptions {
  title: string;
  rows: readonly ListRow[];
  total: number;
  offset: number;
  /** The "more" button's value, when there is a next page. */
  moreValue: string | undefined;
  /** Said when there is nothing to show. */
  emptyText: string;
  /** Done lists are not grouped by due date. */
  isGrouped: boolean;
}

const GROUP_TITLES: Record<DueGroup, string> = {
  overdue: "Overdue",
  this_week: "Due this week",
  later: "Later",
  no_date: "No date",
};

export function actionRowText({ item, rag, timeZone }: ListRow): string {
  const { action } = item;
  const due =
    action.status === "open" ? `due ${dueShort(action, timeZone)}` : `${action.status}${action.closedAt ? "" : ""}`;
  return `${ragMarker(rag)}  *${action.reference}*  ${escapeText(action.text)}\n${ownersText(action)} · ${escapeText(due)}`;
}

/** `/action list`: grouped overdue / this week / later / no date, at most 50 blocks, paged. */
export function actionListView(options: ActionListViewOptions): MessageView {
  const { rows, total, offset } = options;
  if (total === 0)
    return message(`${options.title}: ${options.emptyText}`, [section(`*${options.title}*\n${options.emptyText}`)]);
  // A section, not a header: titles may mention a person, which headers cannot render.
  const blocks: KnownBlock[] = [section(`*${options.title}*`)];
  let group: DueGroup | undefined;
  for (const row of rows) {
    if (options.isGrouped && row.group !== group) {
      group = row.group;
      blocks.push(context(`*${GROUP_TITLES[group]}*`));
    }
    blocks.push(section(actionRowText(row)));
  }
  const shownTo = offset + rows.length;
  blocks.push(context(`Showing ${offset + 1}–${shownTo} of ${total}.`));
  if (options.moreValue)
    blocks.push(
      actions([button(`Show ${Math.min(total - shownTo, rows.length)} more`, ACTION_BUTTONS.more, options.moreValue)]),
    );
  const overdue = rows.filter((r) => r.rag === "red").length;
  const summary = rows.map((r) => `${r.item.action.reference} ${r.item.action.text}`).join("; ");
  const fallback = `${options.title}: ${total}${overdue ? ` (${overdue} overdue on this page)` : ""}. ${summary}`;
  return message(fallback, blocks);
}

/** Rows per page: one block each, plus at most four group headings and the header and footer. */
export const LIST_PAGE_SIZE = 25;
