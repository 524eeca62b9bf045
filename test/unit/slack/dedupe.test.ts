import type { AnyMiddlewareArgs } from "@slack/bolt";
import { DEDUPE_SECONDS, dedupeMiddleware, deliveryOf, type DeliveryClaim } from "../../../src/slack/middleware/dedupe";
import type { Redis } from "../../../src/redis";
import { captureLogs } from "../../support/logs";

const press = (overrides: Record<string, unknown> = {}, action: Record<string, unknown> = {}) => ({
  type: "block_actions",
  team: { id: "T0TEAM" },
  user: { id: "U0SECRETARY" },
  container: { type: "message", message_ts: "1700000000.000100", channel_id: "C0LCRB" },
  trigger_id: "1.2.abc",
  actions: [
    {
      type: "button",
      action_id: "minutes.import_file",
      block_id: "b",
      value: "F0FILE",
      action_ts: "1700000001.1",
      ...action,
    },
  ],
  ...overrides,
});

describe("which Slack requests are the same request again", () => {
  it("knows an event by its event_id, a command or shortcut by its trigger_id, a press by who pressed what where", () => {
    expect(
      deliveryOf({ type: "event_callback", team_id: "T0TEAM", event_id: "Ev01", event: { type: "file_shared" } }),
    ).toEqual({ kind: "event", id: "T0TEAM:Ev01", seconds: DEDUPE_SECONDS.event, isHeldWhileHandled: false });
    expect(
      deliveryOf({ command: "/action", team_id: "T0TEAM", trigger_id: "1.2.abc", text: "update LCRB-1 note" }),
    ).toEqual({ kind: "trigger", id: "T0TEAM:1.2.abc", seconds: DEDUPE_SECONDS.trigger, isHeldWhileHandled: false });
    expect(deliveryOf({ type: "message_action", team: { id: "T0TEAM" }, trigger_id: "1.2.def" })).toMatchObject({
      kind: "trigger",
      id: "T0TEAM:1.2.def",
    });
    expect(deliveryOf(press())).toMatchObject({
      kind: "press",
      seconds: DEDUPE_SECONDS.press,
      isHeldWhileHandled: true,
    });
  });

  it("takes a second press of the same button on the same message as the same press, whenever it was pressed and whatever its trigger", () => {
    expect(deliveryOf(press({ trigger_id: "9.9.zzz" }, { action_ts: "1700000002.2" }))!.id).toBe(
      deliveryOf(press())!.id,
    );
  });

  it.each([
    [
      "another message",
      press({ container: { type: "message", message_ts: "1700000000.000200", channel_id: "C0LCRB" } }),
    ],
    ["another value", press({}, { value: "F0OTHER" })],
    ["another button", press({}, { action_id: "minutes.review" })],
    ["another person", press({ user: { id: "U0OTHER" } })],
    ["another workspace", press({ team: { id: "T0OTHER" } })],
    ["a view rather than a message", press({ container: { type: "view", view_id: "V0HOME" } })],
  ])("tells a press on %s apart", (_what, other) => {
    expect(deliveryOf(other)!.id).not.toBe(deliveryOf(press())!.id);
  });

  it.each([
    ["a form submission", { type: "view_submission", trigger_id: "1.2.abc", view: { id: "V0" } }],
    ["a menu's options", { type: "block_suggestion", action_id: "owners", value: "jo" }],
    ["url_verification", { type: "url_verification", challenge: "abc" }],
    ["an event without an id", { type: "event_callback", event: { type: "app_home_opened" } }],
    ["a command without a trigger", { command: "/action", text: "" }],
    ["null", null],
    ["a string", "payload"],
  ])("leaves %s alone", (_what, body) => {
    expect(deliveryOf(body)).toBeUndefined();
  });
});

describe("dedupeMiddleware", () => {
  const argsFor = (body: unknown) => {
    const calls: string[] = [];
    const args = {
      body,
      context: { retryNum: undefined },
      ack: async () => void calls.push("ack"),
      next: async () => void calls.push("next"),
    } as unknown as AnyMiddlewareArgs & { next: () => Promise<void> };
    return { args, calls };
  };
  /** `set` answers SET NX; GET finds another delivery's token unless `get` says otherwise. */
  const redisAnswering = (set: () => Promise<unknown>, get = async (): Promise<unknown> => "another-token") => {
    const calls: unknown[][] = [];
    const redis = {
      set: (...args: unknown[]) => (calls.push(["set", ...args]), set()),
      get: (...args: unknown[]) => (calls.push(["get", ...args]), get()),
      eval: (...args: unknown[]) => (calls.push(["eval", ...args]), Promise.resolve(1)),
    } as unknown as Redis;
    return { redis, calls };
  };

  it("lets the first delivery through, and acknowledges a repeat without going further", async () => {
    const logs = captureLogs();
    let stored: string | undefined;
    const { redis, calls } = redisAnswering(async () => (stored ? null : ((stored = "x"), "OK")));
    const middleware = dedupeMiddleware({ redis, prefix: "mb", logger: logs.logger });
    const command = { command: "/action", team_id: "T0TEAM", trigger_id: "1.2.abc" };

    const first = argsFor(command);
    await middleware(first.args as never);
    const repeat = argsFor(command);
    await middleware(repeat.args as never);

    expect(first.calls).toEqual(["next"]);
    expect(repeat.calls).toEqual(["ack"]);
    expect(calls[0]).toEqual([
      "set",
      "mb:dedupe:trigger:T0TEAM:1.2.abc",
      expect.any(String),
      "EX",
      DEDUPE_SECONDS.trigger,
      "NX",
    ]);
    expect(logs.records().map((r) => r.msg)).toEqual(["ignored a repeated Slack request"]);
  });

  /** The claim the middleware left in the context for the listener, if it did. */
  const claimOf = ({ args }: { args: unknown }) =>
    (args as { context: { deliveryClaim?: DeliveryClaim } }).context.deliveryClaim;

  it("leaves the claim to a listener that takes it itself, handing it over in the context", async () => {
    const logs = captureLogs();
    let stored: string | undefined;
    const { redis, calls } = redisAnswering(async () => (stored ? null : ((stored = "x"), "OK")));
    const middleware = dedupeMiddleware({
      redis,
      prefix: "mb",
      logger: logs.logger,
      // Every request, as far as it goes: a press is claimed here all the same (below).
      leavesClaimTo: () => true,
    });
    const command = { command: "/action", team_id: "T0TEAM", trigger_id: "1.2.abc" };
    const first = argsFor(command);
    await middleware(first.args as never);
    // Through at once, nothing asked of Redis here: the listener has the claim.
    expect(first.calls).toEqual(["next"]);
    expect(calls).toEqual([]);
    const claim = claimOf(first)!;
    expect(claim).toMatchObject({ key: "mb:dedupe:trigger:T0TEAM:1.2.abc", seconds: DEDUPE_SECONDS.trigger });
    expect(await claim.claim()).toBe("first");
    expect(calls[0]).toEqual(["set", claim.key, claim.token, "EX", DEDUPE_SECONDS.trigger, "NX"]);
    const repeat = argsFor(command);
    await middleware(repeat.args as never);
    const repeatClaim = claimOf(repeat)!;
    expect(await repeatClaim.claim()).toBe("repeat");
    repeatClaim.repeated();
    expect(logs.records().map((r) => r.msg)).toEqual(["ignored a repeated Slack request"]);
    // A press is still claimed here, whatever the listener says (its claim is released once handled).
    const pressed = argsFor(press());
    await middleware(pressed.args as never);
    expect(claimOf(pressed)).toBeUndefined();
    expect(calls.filter((c) => c[0] === "set")[2]?.[1]).toEqual(expect.stringContaining("mb:dedupe:press:"));
  });

  it("takes a claim holding its own token for its own (a SET sent again after a reconnect), and claims once", async () => {
    // GET finds what this request's SET, sent before a reconnect, stored: its own token.
    const stored: { token?: string } = {};
    const { redis, calls } = redisAnswering(
      async () => null,
      async () => stored.token,
    );
    const middleware = dedupeMiddleware({
      redis,
      prefix: "mb",
      logger: captureLogs().logger,
      leavesClaimTo: () => true,
    });
    const first = argsFor({ command: "/action", team_id: "T0TEAM", trigger_id: "1.2.abc" });
    await middleware(first.args as never);
    const claim = claimOf(first)!;
    stored.token = claim.token;
    expect(await claim.claim()).toBe("first");
    // Asked again, it says what it found, without asking Redis.
    expect(await claim.claim()).toBe("first");
    expect(calls.map((c) => c[0])).toEqual(["set", "get"]);
  });

  it("releases a press's claim once it has been handled, so a later press is taken", async () => {
    const { redis, calls } = redisAnswering(async () => "OK");
    const middleware = dedupeMiddleware({ redis, prefix: "mb", logger: captureLogs().logger });
    const pressed = argsFor(press());
    await middleware(pressed.args as never);
    expect(pressed.calls).toEqual(["next"]);
    const token = calls[0]![2];
    expect(calls[1]).toEqual(["eval", expect.stringContaining('redis.call("del", KEYS[1])'), 1, calls[0]![1], token]);
  });

  it.each([
    ["does not answer", () => new Promise<never>(() => undefined)],
    ["fails", () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379"))],
  ])("lets requests through when Redis %s, and says so once", async (_how, set) => {
    const logs = captureLogs();
    const { redis } = redisAnswering(set);
    const middleware = dedupeMiddleware({ redis, prefix: "mb", logger: logs.logger });
    for (const triggerId of ["1.2.abc", "1.2.abc", "3.4.def"]) {
      const { args, calls } = argsFor({ command: "/action", team_id: "T0TEAM", trigger_id: triggerId });
      await middleware(args as never);
      expect(calls).toEqual(["next"]);
    }
    expect(logs.records().map((r) => [r.level, r.msg])).toEqual([
      [40, "could not check Slack requests for repeats in Redis; letting them through"],
    ]);
  });
});
