// The fake Slack Web API, driven by the real WebClient and plain fetch, so the other
// integration tests can trust what it answers, records and refuses.
import { ErrorCode, LogLevel, WebClient, type KnownBlock, type WebClientOptions } from "@slack/web-api";
import { LocalSlack } from "../../src/local-slack/server";

const TOKEN = "xoxb-test";

const plain = (text: string) => ({ type: "plain_text" as const, text });
const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });
const sections = (count: number) => Array.from({ length: count }, (_, i) => section(`Item ${i + 1}`));

describe("LocalSlack", () => {
  let fake: LocalSlack;

  /** A client that fails fast unless a test asks for retries; the fake's warnings are expected, so quiet. */
  const clientFor = (options: WebClientOptions = {}, token = TOKEN) =>
    new WebClient(token, {
      slackApiUrl: fake.apiUrl,
      logLevel: LogLevel.ERROR,
      retryConfig: { retries: 0 },
      ...options,
    });

  const postToResponseUrl = (id: string, body: Record<string, unknown>) =>
    fetch(fake.responseUrl(id), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    fake = await LocalSlack.start({ botToken: TOKEN });
  });

  beforeEach(() => {
    fake.reset();
  });

  afterAll(async () => {
    await fake.stop();
  });

  describe("chat.postMessage", () => {
    it("answers like Slack and records the call with its args and token", async () => {
      const blocks = [section("*LCRB-12* Review the risk register")];
      const result = await clientFor().chat.postMessage({ channel: "C0LCRB", text: "LCRB-12 logged", blocks });

      expect(result.ok).toBe(true);
      expect(result.channel).toBe("C0LCRB");
      expect(result.ts).toMatch(/^\d{10}\.\d{6}$/);
      const calls = fake.callsTo("chat.postMessage");
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({
        method: "chat.postMessage",
        token: TOKEN,
        status: 200,
        args: { channel: "C0LCRB", text: "LCRB-12 logged", blocks },
        response: { ok: true, channel: "C0LCRB", ts: result.ts },
      });
      expect(fake.violations).toEqual([]);
    });

    it("delivers a post to a user ID into a DM channel", async () => {
      const result = await clientFor().chat.postMessage({ channel: "U0OWNER", text: "You have an action" });

      expect(result.channel).toBe("D0OWNER");
    });

    it("gives each message its own ts", async () => {
      const client = clientFor();
      const first = await client.chat.postMessage({ channel: "C0LCRB", text: "One" });
      const second = await client.chat.postMessage({ channel: "C0LCRB", text: "Two" });

      expect(second.ts).not.toBe(first.ts);
      expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    });
  });

  describe("authentication", () => {
    it("answers invalid_auth to a wrong token", async () => {
      await expect(
        clientFor({}, "xoxb-wrong").chat.postMessage({ channel: "C0LCRB", text: "Hello" }),
      ).rejects.toMatchObject({
        code: ErrorCode.PlatformError,
        data: { ok: false, error: "invalid_auth" },
      });
      expect(fake.callsTo("chat.postMessage")[0]).toMatchObject({ token: "xoxb-wrong", status: 200 });
    });

    it("answers not_authed when there is no token", async () => {
      const client = new WebClient(undefined, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });

      await expect(client.auth.test()).rejects.toMatchObject({ data: { error: "not_authed" } });
      expect(fake.callsTo("auth.test")[0]?.token).toBeUndefined();
    });

    it("answers auth.test with the bot's identity", async () => {
      const result = await clientFor().auth.test();

      expect(result).toMatchObject({ ok: true, team_id: fake.teamId, user_id: fake.botUserId });
    });
  });

  describe("failNext", () => {
    it("rate limits with Retry-After, which the WebClient waits out before retrying", async () => {
      fake.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 });
      const client = clientFor({ retryConfig: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 10 } });

      const result = await client.chat.postMessage({ channel: "C0LCRB", text: "Hello" });

      expect(result.ok).toBe(true);
      const calls = fake.callsTo("chat.postMessage");
      expect(calls.map((call) => call.status)).toEqual([429, 200]);
      expect(calls[0]?.response).toEqual({ ok: false, error: "ratelimited" });
      const gapMs = (calls[1]?.at.getTime() ?? 0) - (calls[0]?.at.getTime() ?? 0);
      expect(gapMs).toBeGreaterThanOrEqual(950);
    });

    it("rate limits a client that rejects rate-limited calls at once, with retryAfter", async () => {
      fake.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 });
      const client = clientFor({ rejectRateLimitedCalls: true });

      await expect(client.chat.postMessage({ channel: "C0LCRB", text: "Hello" })).rejects.toMatchObject({
        code: ErrorCode.RateLimitedError,
        retryAfter: 1,
      });
      expect(fake.callsTo("chat.postMessage").map((call) => call.status)).toEqual([429]);
    });

    it("fails with HTTP 500 once, then succeeds", async () => {
      fake.failNext("chat.postMessage", { status: 500 });
      const client = clientFor();

      await expect(client.chat.postMessage({ channel: "C0LCRB", text: "Hello" })).rejects.toMatchObject({
        code: ErrorCode.HTTPError,
        statusCode: 500,
      });
      await expect(client.chat.postMessage({ channel: "C0LCRB", text: "Hello" })).resolves.toMatchObject({ ok: true });
      expect(fake.callsTo("chat.postMessage").map((call) => call.status)).toEqual([500, 200]);
    });

    it("answers a platform error with status 200", async () => {
      fake.failNext("chat.postMessage", { status: 200, error: "channel_not_found" });

      await expect(clientFor().chat.postMessage({ channel: "C0LCRB", text: "Hello" })).rejects.toMatchObject({
        code: ErrorCode.PlatformError,
        data: { ok: false, error: "channel_not_found" },
      });
      expect(fake.callsTo("chat.postMessage")[0]?.status).toBe(200);
    });

    it("fails only the named method, count times", async () => {
      fake.failNext("chat.postMessage", { status: 200, error: "not_in_channel" }, 2);
      const client = clientFor();

      await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
      for (let i = 0; i < 2; i++) {
        await expect(client.chat.postMessage({ channel: "C0LCRB", text: "Hello" })).rejects.toMatchObject({
          data: { error: "not_in_channel" },
        });
      }
      await expect(client.chat.postMessage({ channel: "C0LCRB", text: "Hello" })).resolves.toMatchObject({ ok: true });
    });

    it("forgets pending failures on reset", async () => {
      fake.failNext("chat.postMessage", { status: 500 });
      fake.reset();

      await expect(clientFor().chat.postMessage({ channel: "C0LCRB", text: "Hello" })).resolves.toMatchObject({
        ok: true,
      });
    });
  });

  describe("Block Kit checks", () => {
    it("refuses a message with a 151-character header and records the violation until reset", async () => {
      const blocks: KnownBlock[] = [{ type: "header", text: plain("h".repeat(151)) }];

      await expect(clientFor().chat.postMessage({ channel: "C0LCRB", text: "Hello", blocks })).rejects.toMatchObject({
        code: ErrorCode.PlatformError,
        data: { ok: false, error: "invalid_blocks", errors: [expect.stringMatching(/limit 150/)] },
      });
      expect(fake.violations).toEqual([
        {
          method: "chat.postMessage",
          problems: ["blocks[0].text: text is 151 characters, limit 150"],
          args: expect.objectContaining({ blocks }),
        },
      ]);
      expect(() => fake.assertNoViolations()).toThrow(
        /chat\.postMessage: blocks\[0\]\.text: text is 151 characters, limit 150/,
      );

      fake.reset();
      expect(fake.violations).toEqual([]);
      expect(() => fake.assertNoViolations()).not.toThrow();
    });

    it("refuses a message with blocks but no text fallback", async () => {
      await expect(
        clientFor().chat.postMessage({ channel: "C0LCRB", blocks: [section("Hello")] }),
      ).rejects.toMatchObject({
        data: { error: "invalid_blocks", errors: ["message has no plain text fallback"] },
      });
      expect(() => fake.assertNoViolations()).toThrow(/message has no plain text fallback/);
    });

    it("checks chat.update too", async () => {
      await expect(
        clientFor().chat.update({ channel: "C0LCRB", ts: "1700000001.000001", text: " " }),
      ).rejects.toMatchObject({
        data: { error: "invalid_blocks" },
      });
      expect(fake.violations.map((v) => v.method)).toEqual(["chat.update"]);
    });

    it("refuses a home view of 101 blocks and publishes one of 100", async () => {
      const client = clientFor();

      await expect(
        client.views.publish({ user_id: "U0OWNER", view: { type: "home", blocks: sections(101) } }),
      ).rejects.toMatchObject({
        data: { error: "invalid_blocks", errors: ["101 blocks, limit 100 for a home"] },
      });
      expect(() => fake.assertNoViolations()).toThrow(/views\.publish: 101 blocks, limit 100 for a home/);

      const published = await client.views.publish({
        user_id: "U0OWNER",
        view: { type: "home", blocks: sections(100) },
      });
      expect(published.ok).toBe(true);
      expect(published.view?.id).toMatch(/^V\d{8}$/);
      expect(published.view?.team_id).toBe(fake.teamId);
      expect(fake.violations).toHaveLength(1);
    });

    it("refuses a modal whose title is over 24 characters and opens a valid one", async () => {
      const client = clientFor();
      const view = (title: string) => ({ type: "modal" as const, title: plain(title), blocks: [section("Hello")] });

      await expect(
        client.views.open({ trigger_id: fake.issueTriggerId(), view: view("t".repeat(25)) }),
      ).rejects.toMatchObject({
        data: { error: "invalid_blocks", errors: [expect.stringMatching(/^view\.title: .*limit 24$/)] },
      });
      expect(fake.violations.map((v) => v.method)).toEqual(["views.open"]);

      await expect(
        client.views.open({ trigger_id: fake.issueTriggerId(), view: view("Add an action") }),
      ).resolves.toMatchObject({ ok: true });
    });

    it("records a payload checked with checkMessage under the name given", () => {
      fake.checkMessage("command ack", { blocks: [section("Hello")] });

      expect(fake.violations).toEqual([
        {
          method: "command ack",
          problems: ["message has no plain text fallback"],
          args: { blocks: [section("Hello")] },
        },
      ]);
    });
  });

  describe("response_url", () => {
    it("records a JSON post as response_url with its args and path", async () => {
      const body = { text: "LCRB-12 changed", replace_original: true, blocks: [section("Changed")] };

      const response = await postToResponseUrl("abc", body);

      expect(response.status).toBe(200);
      await expect(response.json()).resolves.toEqual({ ok: true });
      expect(fake.callsTo("response_url")).toEqual([
        expect.objectContaining({
          method: "response_url",
          token: undefined,
          status: 200,
          args: { ...body, __path: "/response/abc" },
        }),
      ]);
    });

    it("refuses a reply with no text fallback", async () => {
      const response = await postToResponseUrl("abc", { blocks: [section("Changed")] });

      await expect(response.json()).resolves.toMatchObject({ ok: false, error: "invalid_blocks" });
      expect(fake.violations.map((v) => v.method)).toEqual(["response_url"]);
    });

    it("gives each response URL its own path when no id is given", () => {
      expect(fake.responseUrl()).not.toBe(fake.responseUrl());
      expect(fake.responseUrl("abc")).toBe(fake.apiUrl.replace(/\/api\/$/, "/response/abc"));
    });
  });

  describe("waitFor", () => {
    it("resolves with a matching call made after it started", async () => {
      const waiting = fake.waitFor("response_url", (call) => call.args.text === "Later");
      expect(fake.calls).toHaveLength(0);

      await postToResponseUrl("first", { text: "Sooner" });
      await postToResponseUrl("second", { text: "Later" });

      await expect(waiting).resolves.toMatchObject({
        method: "response_url",
        args: { text: "Later", __path: "/response/second" },
      });
    });

    it("resolves with a matching call already made", async () => {
      await clientFor().chat.postMessage({ channel: "C0LCRB", text: "Hello" });

      await expect(fake.waitFor("chat.postMessage", (call) => call.args.text === "Hello", 100)).resolves.toMatchObject({
        status: 200,
      });
    });

    it("rejects after its timeout, naming the method and the calls seen", async () => {
      await clientFor().chat.postMessage({ channel: "C0LCRB", text: "Hello" });

      await expect(fake.waitFor("chat.update", undefined, 100)).rejects.toThrow(
        "No chat.update call within 100 ms (calls so far: chat.postMessage)",
      );
    });

    it("does not resolve with a call that failed over HTTP", async () => {
      fake.failNext("chat.postMessage", { status: 500 });
      await expect(clientFor().chat.postMessage({ channel: "C0LCRB", text: "Hello" })).rejects.toMatchObject({
        statusCode: 500,
      });

      await expect(fake.waitFor("chat.postMessage", undefined, 100)).rejects.toThrow(
        /No chat\.postMessage call within 100 ms/,
      );
    });
  });

  describe("users and channels", () => {
    it("answers users.info with a registered user", async () => {
      fake.addUser({ id: "U0PARIS", name: "paris", realName: "Pat Paris", tz: "Europe/Paris", isAdmin: true });

      const result = await clientFor().users.info({ user: "U0PARIS" });

      expect(result.user).toMatchObject({
        id: "U0PARIS",
        team_id: fake.teamId,
        name: "paris",
        real_name: "Pat Paris",
        tz: "Europe/Paris",
        is_admin: true,
        is_bot: false,
        profile: { display_name: "paris", real_name: "Pat Paris" },
      });
    });

    it("fills in a registered user's defaults", async () => {
      fake.addUser({ id: "U0PLAIN", name: "plain" });

      const result = await clientFor().users.info({ user: "U0PLAIN" });

      expect(result.user).toMatchObject({ real_name: "plain", tz: "Europe/London", is_admin: false, is_bot: false });
    });

    it("answers users.list page by page with limit and cursor, deleted users and bots included, as Slack does", async () => {
      fake.addUser({
        id: "U0LISTA",
        name: "a",
        realName: "Ann Able",
        displayName: "ann",
        firstName: "Ann",
        lastName: "Able",
      });
      fake.addUser({ id: "U0LISTB", name: "b", isDeleted: true });
      fake.addUser({ id: "U0LISTC", name: "c", isBot: true });
      const client = clientFor();
      const pages: Array<{ members: Array<Record<string, unknown>>; next: string }> = [];
      let cursor: string | undefined;
      do {
        const page = await client.users.list({ limit: 2, ...(cursor ? { cursor } : {}) });
        pages.push({
          members: page.members as Array<Record<string, unknown>>,
          next: page.response_metadata?.next_cursor ?? "",
        });
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      expect(pages.every((p) => p.members.length <= 2)).toBe(true);
      expect(pages.at(-1)!.next).toBe("");
      const everyone = pages.flatMap((p) => p.members);
      expect(everyone.map((m) => m.id)).toEqual(
        expect.arrayContaining(["USLACKBOT", fake.botUserId, "U0LISTA", "U0LISTB", "U0LISTC"]),
      );
      expect(new Set(everyone.map((m) => m.id)).size).toBe(everyone.length);
      expect(everyone.find((m) => m.id === "U0LISTA")).toMatchObject({
        deleted: false,
        is_bot: false,
        real_name: "Ann Able",
        profile: { display_name: "ann", first_name: "Ann", last_name: "Able" },
      });
      expect(everyone.find((m) => m.id === "U0LISTB")).toMatchObject({ deleted: true });
      expect(everyone.find((m) => m.id === "U0LISTC")).toMatchObject({ is_bot: true });
      // Without a limit, everyone at once.
      expect((await client.users.list({})).members).toHaveLength(everyone.length);
      await expect(client.users.list({ cursor: "bm90LWEtY3Vyc29y" })).rejects.toMatchObject({
        data: { error: "invalid_cursor" },
      });
    });

    it("answers user_not_found for anyone else", async () => {
      await expect(clientFor().users.info({ user: "U0NOBODY" })).rejects.toMatchObject({
        data: { error: "user_not_found" },
      });
    });

    it("answers conversations.info and conversations.members with a registered channel, the bot among the members", async () => {
      fake.addChannel({
        id: "G0SECRET",
        name: "secret",
        isPrivate: true,
        members: ["U0ONE", "U0TWO"],
        botIsMember: true,
      });
      fake.addChannel({ id: "C0OPEN", name: "open" });
      const client = clientFor();

      await expect(client.conversations.info({ channel: "G0SECRET" })).resolves.toMatchObject({
        channel: { id: "G0SECRET", name: "secret", is_private: true, is_channel: false },
      });
      await expect(client.conversations.members({ channel: "G0SECRET" })).resolves.toMatchObject({
        members: ["U0ONE", "U0TWO", fake.botUserId],
      });
      await expect(client.conversations.info({ channel: "C0OPEN" })).resolves.toMatchObject({
        channel: { id: "C0OPEN", is_private: false, is_channel: true },
      });
      await expect(client.conversations.members({ channel: "C0OPEN" })).resolves.toMatchObject({
        members: [fake.botUserId],
      });
    });

    it("answers channel_not_found for any other channel", async () => {
      const client = clientFor();

      await expect(client.conversations.info({ channel: "C0NOWHERE" })).rejects.toMatchObject({
        data: { error: "channel_not_found" },
      });
      await expect(client.conversations.members({ channel: "C0NOWHERE" })).rejects.toMatchObject({
        data: { error: "channel_not_found" },
      });
    });
  });
});
