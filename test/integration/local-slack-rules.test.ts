// The stand-in refuses as Slack documents: channels the bot is not in, trigger ids and
// response URLs past their limits, deactivated people and bots, paginated member lists,
// rate limits, and files only where Slack keeps them. Driven by the real WebClient (and
// plain fetch for response URLs and downloads), with the stand-in's clocks in the test's
// hands so nothing waits.
import { ErrorCode, LogLevel, WebClient, type WebClientOptions } from "@slack/web-api";
import { LocalSlack } from "../../src/local-slack/server";
import { POST_BURST } from "../../src/local-slack/rate-limits";
import { RESPONSE_URL_USES, RESPONSE_URL_VALID_MS, TRIGGER_VALID_MS } from "../../src/local-slack/interaction-tokens";

const TOKEN = "xoxb-rules";
const OTHER_TOKEN = "xoxb-other-workspace";

describe("LocalSlack's rules", () => {
  let fake: LocalSlack;
  /** Real time as the stand-in sees it (trigger ids, rate limits). */
  let realMs = 1_000_000;
  /** Slack's clock (response URLs), which tests usually set to the app's. */
  let slackNow = new Date("2026-11-23T10:00:00Z");

  const clientFor = (options: WebClientOptions = {}, token = TOKEN) =>
    new WebClient(token, {
      slackApiUrl: fake.apiUrl,
      logLevel: LogLevel.ERROR,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      ...options,
    });
  const errorOf = (promise: Promise<unknown>) =>
    promise.then(
      () => "ok",
      (error: { data?: { error?: string }; code?: string }) => error.data?.error ?? error.code ?? String(error),
    );
  const modal = {
    type: "modal" as const,
    title: { type: "plain_text" as const, text: "Add an action" },
    blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text: "Hello" } }],
  };

  beforeAll(async () => {
    fake = await LocalSlack.start({
      botToken: TOKEN,
      realTime: () => realMs,
      now: () => slackNow,
      scopes: ["chat:write", "channels:read", "groups:read"],
    });
    fake.addWorkspace({
      teamId: "T0OTHER",
      teamName: "Other",
      botToken: OTHER_TOKEN,
      botUserId: "U0OTHERBOT",
      botId: "B0OTHERBOT",
    });
  });

  beforeEach(() => {
    fake.reset();
    fake.rateLimits = "slack";
  });

  afterAll(async () => {
    await fake.stop();
  });

  describe("bot membership", () => {
    beforeAll(() => {
      fake.addChannel({ id: "G0HIDDEN", name: "hidden", isPrivate: true, members: ["U0SEC"] });
      fake.addChannel({ id: "G0INVITED", name: "invited", isPrivate: true, members: ["U0SEC"], botIsMember: true });
      fake.addChannel({ id: "C0NOTIN", name: "not-in", members: ["U0SEC"], botIsMember: false });
      fake.addChannel({ id: "C0IN", name: "in", members: ["U0SEC"] });
      fake.addChannel({
        id: "C0GROUPDM",
        name: "mpdm-sec--chair-1",
        isMpim: true,
        members: ["U0SEC", "U0CHAIR"],
        botIsMember: true,
      });
    });

    it("hides a private channel the bot was not invited to from every channel method", async () => {
      const client = clientFor();
      const answers = await Promise.all([
        errorOf(client.conversations.info({ channel: "G0HIDDEN" })),
        errorOf(client.conversations.members({ channel: "G0HIDDEN" })),
        errorOf(client.conversations.history({ channel: "G0HIDDEN" })),
        errorOf(client.chat.postMessage({ channel: "G0HIDDEN", text: "Hello" })),
        errorOf(client.chat.postEphemeral({ channel: "G0HIDDEN", user: "U0SEC", text: "Hello" })),
        errorOf(client.chat.update({ channel: "G0HIDDEN", ts: "1.000001", text: "Hello" })),
      ]);
      expect(answers).toEqual(Array(6).fill("channel_not_found"));
      expect(fake.messagesIn("G0HIDDEN")).toEqual([]);
    });

    it("shows an invited private channel, with is_member", async () => {
      await expect(clientFor().conversations.info({ channel: "G0INVITED" })).resolves.toMatchObject({
        channel: { is_private: true, is_group: true, is_member: true },
      });
      await expect(clientFor().chat.postMessage({ channel: "G0INVITED", text: "Hello" })).resolves.toMatchObject({
        ok: true,
      });
    });

    it("describes a public channel the bot is not in and takes posts there, but not its history or an ephemeral message", async () => {
      const client = clientFor();
      await expect(client.conversations.info({ channel: "C0NOTIN" })).resolves.toMatchObject({
        channel: { is_private: false, is_member: false },
      });
      await expect(client.conversations.members({ channel: "C0NOTIN" })).resolves.toMatchObject({ members: ["U0SEC"] });
      // chat:write.public: a post needs no invitation.
      await expect(client.chat.postMessage({ channel: "C0NOTIN", text: "Digest" })).resolves.toMatchObject({
        ok: true,
      });
      expect(await errorOf(client.conversations.history({ channel: "C0NOTIN" }))).toBe("not_in_channel");
      expect(await errorOf(client.chat.postEphemeral({ channel: "C0NOTIN", user: "U0SEC", text: "Only you" }))).toBe(
        "not_in_channel",
      );
    });

    it("sends an ephemeral message only to someone in the channel", async () => {
      const client = clientFor();
      await expect(
        client.chat.postEphemeral({ channel: "C0IN", user: "U0SEC", text: "Only you" }),
      ).resolves.toMatchObject({ ok: true });
      expect(await errorOf(client.chat.postEphemeral({ channel: "C0IN", user: "U0STRANGER", text: "Only you" }))).toBe(
        "user_not_in_channel",
      );
    });

    it("needs mpim:read to describe a group DM, which this install lacks", async () => {
      await expect(clientFor().conversations.info({ channel: "C0GROUPDM" })).rejects.toMatchObject({
        data: { error: "missing_scope", needed: "mpim:read" },
      });
      const granted = await LocalSlack.start({
        botToken: TOKEN,
        scopes: ["channels:read", "groups:read", "mpim:read"],
      });
      try {
        granted.addChannel({ id: "C0GROUPDM", name: "mpdm", isMpim: true, botIsMember: true });
        await expect(
          new WebClient(TOKEN, { slackApiUrl: granted.apiUrl, retryConfig: { retries: 0 } }).conversations.info({
            channel: "C0GROUPDM",
          }),
        ).resolves.toMatchObject({ channel: { is_mpim: true, is_private: true } });
      } finally {
        await granted.stop();
      }
    });
  });

  describe("trigger ids", () => {
    it("opens one form within three seconds of the request, and no second one", async () => {
      const trigger = fake.issueTriggerId();
      expect(trigger).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
      realMs += TRIGGER_VALID_MS;
      await expect(clientFor().views.open({ trigger_id: trigger, view: modal })).resolves.toMatchObject({ ok: true });
      expect(await errorOf(clientFor().views.open({ trigger_id: trigger, view: modal }))).toBe("exchanged_trigger_id");
    });

    it("refuses a trigger used after three seconds, whatever the app's clock says", async () => {
      const trigger = fake.issueTriggerId();
      slackNow = new Date(slackNow.getTime() - 60_000);
      realMs += TRIGGER_VALID_MS + 1;
      expect(await errorOf(clientFor().views.open({ trigger_id: trigger, view: modal }))).toBe("expired_trigger_id");
      expect(await errorOf(clientFor().views.push({ trigger_id: fake.issueTriggerId(), view: modal }))).toBe("ok");
    });

    it("refuses a trigger it never gave out", async () => {
      expect(await errorOf(clientFor().views.open({ trigger_id: "12345.98765.abcd2358fdea", view: modal }))).toBe(
        "invalid_trigger_id",
      );
    });

    it("keeps the first moment of a trigger given again, as a redelivered request carries the same one", async () => {
      const trigger = fake.issueTriggerId();
      realMs += TRIGGER_VALID_MS + 1;
      expect(fake.issueTriggerId(trigger)).toBe(trigger);
      expect(fake.triggerAgeMs(trigger)).toBe(TRIGGER_VALID_MS + 1);
      expect(await errorOf(clientFor().views.open({ trigger_id: trigger, view: modal }))).toBe("expired_trigger_id");
    });
  });

  describe("response URLs", () => {
    const post = (url: string, text = "Done") =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text }) });

    it("takes five replies, then answers 404 used_url", async () => {
      const url = fake.responseUrl("five");
      for (let i = 0; i < RESPONSE_URL_USES; i++) expect((await post(url)).status).toBe(200);
      const sixth = await post(url);
      expect(sixth.status).toBe(404);
      await expect(sixth.json()).resolves.toEqual({ ok: false, error: "used_url" });
      expect(fake.callsTo("response_url").map((c) => c.status)).toEqual([200, 200, 200, 200, 200, 404]);
    });

    it("does not count a reply Slack refused", async () => {
      const url = fake.responseUrl("refused");
      for (let i = 0; i < RESPONSE_URL_USES; i++)
        await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ blocks: [] }),
        });
      expect((await post(url)).status).toBe(200);
      fake.reset();
    });

    it("answers 404 expired_url thirty minutes after it was given out, by Slack's clock", async () => {
      const url = fake.responseUrl("late");
      slackNow = new Date(slackNow.getTime() + RESPONSE_URL_VALID_MS);
      expect((await post(url)).status).toBe(200);
      slackNow = new Date(slackNow.getTime() + 1);
      const late = await post(url);
      expect([late.status, await late.json()]).toEqual([404, { ok: false, error: "expired_url" }]);
    });

    it("answers 404 no_service to a URL it never gave out", async () => {
      const url = fake.responseUrl("given").replace(/given$/, "never-given");
      const response = await post(url);
      expect([response.status, await response.json()]).toEqual([404, { ok: false, error: "no_service" }]);
    });
  });

  describe("people", () => {
    beforeAll(() => {
      fake.addUser({ id: "U0ACTIVE", name: "active" });
      fake.addUser({ id: "U0LEFT", name: "left", isDeleted: true });
      fake.addUser({ id: "U0OTHERAPP", name: "otherapp", isBot: true });
    });

    it("describes a deactivated person with deleted: true", async () => {
      await expect(clientFor().users.info({ user: "U0LEFT" })).resolves.toMatchObject({
        user: { id: "U0LEFT", deleted: true },
      });
    });

    it("opens a DM with an active person only: user_disabled, cannot_dm_bot, user_not_found", async () => {
      const client = clientFor();
      await expect(client.conversations.open({ users: "U0ACTIVE" })).resolves.toMatchObject({
        channel: { id: "D0ACTIVE" },
      });
      const refusals = await Promise.all(
        ["U0LEFT", fake.botUserId, "U0OTHERAPP", "U0NOBODY"].map((users) =>
          errorOf(client.conversations.open({ users })),
        ),
      );
      expect(refusals).toEqual(["user_disabled", "cannot_dm_bot", "cannot_dm_bot", "user_not_found"]);
    });

    it("takes a post to a deactivated person's id, as Slack does (nobody reads it)", async () => {
      await expect(clientFor().chat.postMessage({ channel: "U0LEFT", text: "Reminder" })).resolves.toMatchObject({
        ok: true,
        channel: "D0LEFT",
      });
    });
  });

  describe("conversations.members", () => {
    const everyone = Array.from({ length: 250 }, (_, i) => `U0M${String(i).padStart(3, "0")}`);
    beforeAll(() =>
      fake.addChannel({ id: "G0BIG", name: "big", isPrivate: true, members: everyone, botIsMember: true }),
    );

    it("gives 100 at a time by default, with cursors to the end", async () => {
      const client = clientFor();
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await client.conversations.members({ channel: "G0BIG", ...(cursor ? { cursor } : {}) });
        pages.push(page.members ?? []);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      expect(pages.map((p) => p.length)).toEqual([100, 100, 51]);
      expect(pages.flat()).toEqual([...everyone, fake.botUserId]);
    });

    it("gives at most 1000 a page, and refuses a cursor it did not give or a limit that is not a number", async () => {
      const client = clientFor();
      await expect(client.conversations.members({ channel: "G0BIG", limit: 5000 })).resolves.toMatchObject({
        members: expect.any(Array),
        response_metadata: { next_cursor: "" },
      });
      expect(await errorOf(client.conversations.members({ channel: "G0BIG", cursor: "bWVtYmVyOjk5OTk=" }))).toBe(
        "invalid_cursor",
      );
      expect(await errorOf(client.conversations.members({ channel: "G0BIG", cursor: "not-a-cursor" }))).toBe(
        "invalid_cursor",
      );
      expect(await errorOf(client.apiCall("conversations.members", { channel: "G0BIG", limit: "many" }))).toBe(
        "invalid_limit",
      );
    });
  });

  describe("rate limits", () => {
    it("lets a Tier 2 method burst a minute's worth, then answers 429 with Retry-After until it refills", async () => {
      const client = clientFor();
      for (let i = 0; i < 20; i++) await client.users.list({ limit: 1 });
      await expect(client.users.list({ limit: 1 })).rejects.toMatchObject({
        code: ErrorCode.RateLimitedError,
        retryAfter: 3,
      });
      expect(fake.callsTo("users.list").at(-1)).toMatchObject({
        status: 429,
        response: { ok: false, error: "ratelimited" },
      });
      // Per method and per workspace: the other workspace's token, and another method, are not held up.
      await expect(clientFor({}, OTHER_TOKEN).users.list({ limit: 1 })).resolves.toMatchObject({ ok: true });
      await expect(client.users.info({ user: "U0ACTIVE" })).resolves.toMatchObject({ ok: true });
      realMs += 3_000;
      await expect(client.users.list({ limit: 1 })).resolves.toMatchObject({ ok: true });
    });

    it("takes a burst of posts in a channel, then about one a second, each channel on its own", async () => {
      const client = clientFor();
      for (let i = 0; i < POST_BURST; i++) await client.chat.postMessage({ channel: "C0BUSY", text: `Reminder ${i}` });
      await expect(client.chat.postMessage({ channel: "C0BUSY", text: "One too many" })).rejects.toMatchObject({
        code: ErrorCode.RateLimitedError,
        retryAfter: 1,
      });
      await expect(client.chat.postMessage({ channel: "C0QUIET", text: "Elsewhere" })).resolves.toMatchObject({
        ok: true,
      });
      realMs += 1_000;
      await expect(client.chat.postMessage({ channel: "C0BUSY", text: "A second later" })).resolves.toMatchObject({
        ok: true,
      });
      expect(fake.messagesIn("C0BUSY")).toHaveLength(POST_BURST + 1);
    });

    it("can be switched off", async () => {
      fake.rateLimits = "off";
      const client = clientFor();
      for (let i = 0; i < 3 * POST_BURST; i++)
        await client.chat.postMessage({ channel: "C0BULK", text: `Reminder ${i}` });
      expect(fake.callsTo("chat.postMessage").every((c) => c.status === 200)).toBe(true);
    });
  });

  describe("files", () => {
    it("describes a file where Slack keeps it, files-pri/<team>-<file>/<name>, and serves it there to the bot token only", async () => {
      const { fileId } = fake.shareFile({
        channelId: "C0IN",
        userId: "U0SEC",
        name: "minutes v2.docx",
        bytes: Buffer.from("minutes"),
      });
      const info = await clientFor().files.info({ file: fileId });
      const url = String(info.file?.url_private_download);
      expect(info.file?.url_private).toBe(url);
      expect(url).toBe(`${new URL(fake.apiUrl).origin}/files-pri/${fake.teamId}-${fileId}/minutes%20v2.docx`);
      expect(
        Buffer.from(
          await (await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).arrayBuffer(),
        ).toString(),
      ).toBe("minutes");
      expect((await fetch(url)).status).toBe(403);
      expect(
        (await fetch(url.replace("/files-pri/", "/files/"), { headers: { authorization: `Bearer ${TOKEN}` } })).status,
      ).toBe(404);
    });
  });
});
