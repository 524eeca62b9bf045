// One listener per request, found by name. Bolt hands every request to every listener
// registered with it, each running its own matchers in its own middleware chain and
// promise: with 27 listeners that was 9% of all the memory the app allocated under a
// burst, and 4-6% of a list's CPU. Here the listeners are registered by the id Slack
// sends (command, action_id, callback_id, event type), and one middleware, the last in
// Bolt's chain, looks the request's id up and calls its listener alone.
import type {
  AnyMiddlewareArgs,
  BlockAction,
  Middleware,
  SlackAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcut,
  SlackShortcutMiddlewareArgs,
  SlackViewAction,
  SlackViewMiddlewareArgs,
} from "@slack/bolt";
import type { MinutebookContext } from "./context";

type Listener<Args> = Middleware<Args, MinutebookContext>;
type AnyListener = Listener<AnyMiddlewareArgs>;
type Kind = "command" | "action" | "view" | "shortcut" | "event";

/** What listener modules register with: Bolt's names, one listener for each id (the router without its middleware). */
export type Listeners = Pick<ListenerRouter, "command" | "action" | "view" | "shortcut" | "event">;

/**
 * The kind and id a request is routed by, read as Bolt's matchers read them
 * (@slack/bolt middleware/builtin.ts: onlyCommands, matchCommandName, onlyActions,
 * matchConstraints, onlyViewActions, onlyShortcuts, onlyEvents, matchEventType).
 */
export function routeOf(args: AnyMiddlewareArgs): { kind: Kind; id: string } | undefined {
  if ("command" in args && args.command) return { kind: "command", id: args.command.command };
  if ("action" in args && args.action) {
    // Only block actions carry an action_id; legacy attachment buttons and dialogs match nothing.
    const actionId = "action_id" in args.action ? args.action.action_id : undefined;
    return typeof actionId === "string" ? { kind: "action", id: actionId } : undefined;
  }
  if ("view" in args && args.view) {
    // `app.view(callbackId)` is for submissions; a view closed matches nothing.
    return args.body.type === "view_submission" ? { kind: "view", id: args.view.callback_id } : undefined;
  }
  if ("shortcut" in args && args.shortcut) return { kind: "shortcut", id: args.shortcut.callback_id };
  if ("event" in args && args.event) return { kind: "event", id: args.event.type };
  return undefined;
}

export class ListenerRouter {
  private readonly routes = new Map<string, AnyListener>();

  command(name: string, listener: Listener<SlackCommandMiddlewareArgs>): void {
    this.add("command", name, listener);
  }

  action<A extends SlackAction = BlockAction>(
    actionId: string,
    listener: Listener<SlackActionMiddlewareArgs<A>>,
  ): void {
    this.add("action", actionId, listener);
  }

  /** A view's submission (Bolt's `app.view(callbackId)`: not its closing). */
  view<V extends SlackViewAction = SlackViewAction>(
    callbackId: string,
    listener: Listener<SlackViewMiddlewareArgs<V>>,
  ): void {
    this.add("view", callbackId, listener);
  }

  /** A global or message shortcut. */
  shortcut<S extends SlackShortcut = SlackShortcut>(
    callbackId: string,
    listener: Listener<SlackShortcutMiddlewareArgs<S>>,
  ): void {
    this.add("shortcut", callbackId, listener);
  }

  event<T extends string = string>(type: T, listener: Listener<SlackEventMiddlewareArgs<T>>): void {
    this.add("event", type, listener);
  }

  /** Bolt's last global middleware: the request's own listener, or on down Bolt's chain when it has none. */
  middleware(): AnyListener {
    return async (args) => {
      const route = routeOf(args);
      const listener = route && this.routes.get(keyOf(route.kind, route.id));
      if (listener) await listener(args);
      else await args.next();
    };
  }

  private add(kind: Kind, id: string, listener: unknown): void {
    const key = keyOf(kind, id);
    // Bolt would run both; two listeners for one id is a mistake in registration.
    if (this.routes.has(key)) throw new Error(`the ${kind} ${JSON.stringify(id)} has a listener already`);
    // Each was registered under its kind's argument type, and routeOf sends it only requests of that kind.
    this.routes.set(key, listener as AnyListener);
  }
}

function keyOf(kind: Kind, id: string): string {
  return `${kind} ${id}`;
}
