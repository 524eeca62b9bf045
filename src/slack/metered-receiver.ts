// Times every Slack request from the moment Bolt is handed it to its acknowledgement,
// whichever receiver brought it (HTTP or Socket Mode), by kind and name.
import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import type { Metrics } from "../observability/metrics";

type Json = Record<string, unknown>;

/** What a request was: a command by its name, an interaction by its action or callback id, an event by type. */
export function labelOf(body: Json): { kind: string; name: string } {
  if (typeof body.command === "string") return { kind: "command", name: body.command };
  const event = body.event as Json | undefined;
  if (body.type === "event_callback" && event) return { kind: "event", name: String(event.type) };
  if (body.type === "block_actions")
    return { kind: "action", name: String((body.actions as Json[] | undefined)?.[0]?.action_id ?? "unknown") };
  if (body.type === "view_submission" || body.type === "view_closed")
    return { kind: "view", name: String((body.view as Json | undefined)?.callback_id ?? "unknown") };
  if (body.type === "shortcut" || body.type === "message_action")
    return { kind: "shortcut", name: String(body.callback_id ?? "unknown") };
  return { kind: String(body.type ?? "other"), name: "other" };
}

/**
 * The receiver as Bolt sees it, but handing Bolt an app whose processEvent times the
 * acknowledgement. Nothing else changes: the receiver still calls the real app.
 */
export function meteredReceiver(inner: Receiver, metrics: Metrics): Receiver {
  return {
    init(app: App) {
      const processEvent = async (event: ReceiverEvent): Promise<void> => {
        const started = performance.now();
        const labels = labelOf(event.body as Json);
        let isTimed = false;
        const ack: ReceiverEvent["ack"] = async (response) => {
          if (!isTimed) metrics.slackAck.observe(labels, (performance.now() - started) / 1000);
          isTimed = true;
          return event.ack(response);
        };
        return app.processEvent({ ...event, ack });
      };
      inner.init(
        new Proxy(app, {
          get: (target, property) =>
            property === "processEvent" ? processEvent : Reflect.get(target, property, target),
        }),
      );
    },
    start: (...args: unknown[]) => inner.start(...args),
    stop: (...args: unknown[]) => inner.stop(...args),
  };
}
