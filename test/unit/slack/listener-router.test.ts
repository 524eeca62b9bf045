import { App, type Receiver, type ReceiverEvent } from "@slack/bolt";
import { ListenerRouter } from "../../../src/slack/listener-router";

/** A real Bolt App with no transport: requests are handed to processEvent as a receiver would. */
function boltWith(register: (router: ListenerRouter) => void) {
  const receiver: Receiver = { init: () => undefined, start: async () => undefined, stop: async () => undefined };
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: "xoxb-test", botId: "B0BOT", botUserId: "U0BOT" }),
  });
  const router = new ListenerRouter();
  register(router);
  const reachedBolt: unknown[] = [];
  app.use(router.middleware());
  // Whatever the router passes on reaches Bolt's own listeners, as before it stood in front of them.
  app.use(async ({ body }) => void reachedBolt.push(body));
  const deliver = async (body: Record<string, unknown>) => {
    const acks: unknown[] = [];
    const event: ReceiverEvent = { body, ack: async (response?: unknown) => void acks.push(response) };
    await app.processEvent(event);
    return acks;
  };
  return { deliver, reachedBolt };
}

const team = { id: "T0TEAM", domain: "t" };
const user = { id: "U0SECRETARY", team_id: "T0TEAM" };
const command = (name: string) => ({
  command: name,
  text: "list",
  team_id: "T0TEAM",
  user_id: "U0SECRETARY",
  channel_id: "C0LCRB",
  trigger_id: "1.2.abc",
  response_url: "https://hooks.slack.test/commands/1",
});
const press = (actionId: string) => ({
  type: "block_actions",
  team,
  user,
  trigger_id: "1.2.abc",
  container: { type: "message", message_ts: "1.1", channel_id: "C0LCRB" },
  actions: [{ type: "button", action_id: actionId, block_id: "b", action_ts: "1.2" }],
});
const view = (type: "view_submission" | "view_closed", callbackId: string) => ({
  type,
  team,
  user,
  view: { id: "V0", callback_id: callbackId, type: "modal", state: { values: {} }, private_metadata: "" },
});
const shortcut = (type: "shortcut" | "message_action", callbackId: string) => ({
  type,
  team,
  user,
  callback_id: callbackId,
  trigger_id: "1.2.abc",
  ...(type === "message_action" ? { channel: { id: "C0LCRB" }, message: { ts: "1.1", text: "x" } } : {}),
});
const event = (type: string) => ({
  type: "event_callback",
  team_id: "T0TEAM",
  event_id: "Ev0",
  event_time: 1,
  event: { type, user: "U0SECRETARY", channel: "D0", tab: "home", event_ts: "1.1" },
});

describe("the listener router", () => {
  it("hands each kind of request to the one listener registered for its id, with Bolt's arguments", async () => {
    const heard: string[] = [];
    const { deliver, reachedBolt } = boltWith((router) => {
      router.command("/action", async ({ command, ack }) => {
        heard.push(`command ${command.text}`);
        await ack();
      });
      router.command("/board", async () => void heard.push("wrong command"));
      router.action("actions.done", async ({ action, ack }) => {
        heard.push(`action ${action.action_id}`);
        await ack();
      });
      router.action("actions.snooze", async () => void heard.push("wrong action"));
      router.view("action.modal", async ({ view: submitted, ack }) => {
        heard.push(`view ${submitted.callback_id}`);
        await ack();
      });
      router.shortcut("log_as_action", async ({ shortcut: s, ack }) => {
        heard.push(`shortcut ${s.type}`);
        await ack();
      });
      router.shortcut("new_board", async ({ shortcut: s, ack }) => {
        heard.push(`shortcut ${s.type}`);
        await ack();
      });
      router.event("app_home_opened", async ({ event: e }) => void heard.push(`event ${e.type}`));
    });

    expect(await deliver(command("/action"))).toHaveLength(1);
    expect(await deliver(press("actions.done"))).toHaveLength(1);
    expect(await deliver(view("view_submission", "action.modal"))).toHaveLength(1);
    await deliver(shortcut("message_action", "log_as_action"));
    await deliver(shortcut("shortcut", "new_board"));
    await deliver(event("app_home_opened"));

    expect(heard).toEqual([
      "command list",
      "action actions.done",
      "view action.modal",
      "shortcut message_action",
      "shortcut shortcut",
      "event app_home_opened",
    ]);
    expect(reachedBolt).toEqual([]);
  });

  it.each([
    ["a command nobody registered", command("/unknown")],
    ["a button nobody registered", press("actions.unknown")],
    ["a view closed (only submissions are routed, as Bolt's app.view)", view("view_closed", "action.modal")],
    ["a view submitted with another callback id", view("view_submission", "other.modal")],
    ["an event nobody registered", event("member_joined_channel")],
    [
      "a legacy attachment button (no action_id)",
      {
        type: "interactive_message",
        team,
        user,
        callback_id: "x",
        actions: [{ name: "a", type: "button", value: "v" }],
      },
    ],
  ])("passes %s on down Bolt's chain, calling no listener", async (_what, body) => {
    const heard: string[] = [];
    const { deliver, reachedBolt } = boltWith((router) => {
      router.command("/action", async () => void heard.push("command"));
      router.action("actions.done", async () => void heard.push("action"));
      router.view("action.modal", async () => void heard.push("view"));
      router.event("app_home_opened", async () => void heard.push("event"));
    });
    await deliver(body);
    expect(heard).toEqual([]);
    expect(reachedBolt).toEqual([body]);
  });

  it("refuses a second listener for the same id of the same kind, and allows the same id in another kind", () => {
    const router = new ListenerRouter();
    router.action("same", async () => undefined);
    router.view("same", async () => undefined);
    expect(() => router.action("same", async () => undefined)).toThrow('the action "same" has a listener already');
  });

  it("lets a listener's error reach Bolt's error handler, as a listener registered with Bolt", async () => {
    const receiver: Receiver = { init: () => undefined, start: async () => undefined, stop: async () => undefined };
    const app = new App({ receiver, authorize: async () => ({ botToken: "xoxb-test" }) });
    const router = new ListenerRouter();
    router.command("/action", async () => {
      throw new Error("listener broke");
    });
    app.use(router.middleware());
    const handled: unknown[] = [];
    app.error(async (error) => void handled.push(error.message));
    await app.processEvent({ body: command("/action"), ack: async () => undefined }).catch(() => undefined);
    expect(handled).toEqual(["listener broke"]);
  });
});
