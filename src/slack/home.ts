import type { WebClient } from "@slack/web-api";
import { dueGroupOf } from "../domain/actions/list-actions";
import { ragStatusOf } from "../domain/actions/rag";
import { showHome } from "../use-cases/home/show-home";
import type { SlackDeps } from "./deps";
import { callerOf } from "./directory";
import type { ListRow } from "./views/actions/action-list";
import { dayWithWords, timeZoneOf } from "./views/actions/describe-action";
import { HOME_ACTION_LIMIT, homeActionsView, type PendingApproval } from "./views/actions/home-actions";
import type { PendingRequest } from "../domain/reminders/request-extension";

/** Draws a person's Home tab from their open actions. */
export async function publishActionsHome(
  deps: Pick<SlackDeps, "db" | "now">,
  client: WebClient,
  workspace: { id: string; timeZone: string },
  slackUserId: string,
): Promise<void> {
  const now = deps.now();
  const caller = callerOf(client, { workspace, userId: slackUserId, channelId: undefined, now });
  const home = await showHome(deps.db, caller, { limit: HOME_ACTION_LIMIT });
  const rows = home.actions.map((item) => toListRow(item, now, workspace.timeZone));
  await client.views.publish({
    user_id: slackUserId,
    view: homeActionsView(
      rows,
      home.total,
      home.pending.map((r) => toPendingApproval(r, workspace.timeZone)),
    ),
  });
}

function toPendingApproval(r: PendingRequest, workspaceTimeZone: string): PendingApproval {
  return {
    requestId: r.id,
    reference: r.reference,
    text: r.text,
    requestedBy: r.requestedBySlackUserId,
    newDue: dayWithWords(r.requestedDueAt, r.requestedDueText, r.timeZone ?? workspaceTimeZone),
  };
}

export function toListRow(item: ListRow["item"], now: Date, workspaceTimeZone: string): ListRow {
  const { action } = item;
  const timeZone = timeZoneOf(action, workspaceTimeZone);
  const rag = ragStatusOf(
    {
      status: action.status,
      dueAt: action.dueAt,
      lastUpdateAt: item.lastUpdateAt,
      amberWithinDays: action.board?.amberWithinDays ?? 7,
      timeZone,
    },
    now,
  );
  return { item, rag, group: dueGroupOf(action.dueAt, now, timeZone), timeZone };
}

export interface HomeRefresher {
  refresh: SlackDeps["refreshHome"];
  /** Drops redraws not yet started and waits for those under way (shutdown). */
  stop(): Promise<void>;
}

export interface HomeRefresherOptions {
  /** How long changes are gathered before a person's tab is drawn. */
  delayMs?: number;
  /** True while people are waiting on commands: redraws wait for them (Home tabs are a view, commands the work). */
  isBusy?: () => Promise<boolean>;
  /** How often a waiting redraw looks again, and the longest it waits before drawing anyway. */
  busyRetryMs?: number;
  maxWaitMs?: number;
}

/**
 * Redraws Home tabs after changes, one redraw per person however many changes
 * land together (a burst of 50 actions for one owner redraws their tab once or
 * twice, not 50 times: Slack rate-limits views.publish, and each redraw reads
 * every open action of theirs). While commands wait to be done, redraws wait for
 * them (up to half a minute), so under load each person's tab is drawn once
 * when it eases instead of after every change (measured under a 200-a-second
 * overload: 2.6 redraws per action saved without this, and 16 actions saved a
 * second instead of 41).
 */
export function createHomeRefresher(
  deps: Omit<SlackDeps, "refreshHome">,
  { delayMs = 150, isBusy = async () => false, busyRetryMs = 1000, maxWaitMs = 30_000 }: HomeRefresherOptions = {},
): HomeRefresher {
  const state = new Map<string, "queued" | "running" | "running-dirty">();
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let isStopped = false;
  type Person = { client: WebClient; workspace: { id: string; timeZone: string }; slackUserId: string };
  const draw = async (key: string, person: Person): Promise<void> => {
    state.set(key, "running");
    try {
      await deps.limit(() => publishActionsHome(deps, person.client, person.workspace, person.slackUserId));
    } catch (err) {
      deps.logger.warn({ err, userId: person.slackUserId }, "could not refresh a Home tab");
    }
    if (state.get(key) === "running-dirty" && !isStopped) {
      // Something changed while drawing: draw once more, in turn.
      schedule(key, person, delayMs, Date.now());
      return;
    }
    state.delete(key);
  };
  const schedule = (key: string, person: Person, afterMs: number, since: number): void => {
    state.set(key, "queued");
    const timer = setTimeout(() => {
      timers.delete(key);
      if (isStopped) return;
      const drawing = (async () => {
        const isWaitOver = Date.now() - since >= maxWaitMs;
        if (!isWaitOver && (await isBusy().catch(() => false))) {
          if (!isStopped) schedule(key, person, busyRetryMs, since);
          return;
        }
        await draw(key, person);
      })().finally(() => running.delete(drawing));
      running.add(drawing);
    }, afterMs);
    timers.set(key, timer);
  };
  return {
    refresh(client, workspace, slackUserId) {
      if (isStopped) return;
      const key = `${workspace.id}:${slackUserId}`;
      const current = state.get(key);
      if (current === "queued" || current === "running-dirty") return;
      if (current === "running") {
        state.set(key, "running-dirty");
        return;
      }
      schedule(key, { client, workspace, slackUserId }, delayMs, Date.now());
    },
    async stop() {
      isStopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.all([...running]);
    },
  };
}
