import { startTestApp, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type TestApp } from "../support/test-app";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { projectRoot } from "../../src/project-root";

const manifest = parse(readFileSync(path.join(projectRoot(), "manifest.yml"), "utf8")) as {
  features: { slash_commands: Array<{ command: string }> };
};

describe("the app booted against real PostgreSQL, Redis and the fake Slack", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.stop();
  });

  afterEach(() => {
    app.fake.assertNoViolations();
  });

  it("answers GET /healthz with the roles it runs", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", roles: ["web", "worker"] });
  });

  it.each(manifest.features.slash_commands.map((c) => c.command))(
    "acknowledges the manifest's %s with its grammar as an ephemeral reply",
    async (command) => {
      const sent = await app.slack.command(command, "help");
      expect(sent.status).toBe(200);
      const reply = await sent.reply();
      expect(reply.response_type).toBe("ephemeral");
      expect(String(reply.text)).toContain(`Try ${command}`);
      expect(JSON.stringify(reply.blocks)).toContain(command);
    },
  );

  it("creates the workspace row the first time a team talks to it, once", async () => {
    await app.slack.command("/action", "help");
    await app.slack.command("/board", "");
    const rows = await app.runtime.db.workspace.findMany({ where: { slackTeamId: app.fake.teamId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.timeZone).toBe("Europe/London");
  });

  it("publishes the Home tab when it is opened", async () => {
    const response = await app.slack.event({
      type: "app_home_opened",
      user: "U0OWNER",
      channel: "D0OWNER",
      tab: "home",
    });
    expect(response.status).toBe(200);
    const call = await app.fake.waitFor("views.publish", (c) => c.args.user_id === "U0OWNER");
    expect((call.args.view as { type: string }).type).toBe("home");
  });

  describe("request verification", () => {
    // A command with every field Slack sends (the app refuses one without them, 400).
    const commandBody = () =>
      new URLSearchParams({
        command: "/action",
        text: "help",
        team_id: "T0MINUTES",
        team_domain: "minutebook-test",
        user_id: "U1",
        user_name: "u1",
        channel_id: "C0GENERAL",
        channel_name: "general",
        api_app_id: "A0MINUTEBOOK",
        trigger_id: app.fake.issueTriggerId(),
        response_url: app.fake.responseUrl("boot"),
      }).toString();
    let body = "";
    const form = "application/x-www-form-urlencoded";
    beforeAll(() => {
      body = commandBody();
    });

    it("refuses an unsigned request", async () => {
      const response = await app.slack.post(body, form, { signature: null });
      expect(response.status).toBe(401);
    });

    it("refuses a request signed with the wrong secret", async () => {
      const response = await app.slack.post(body, form, { signature: "v0=" + "ab".repeat(32) });
      expect(response.status).toBe(401);
    });

    it("refuses a replayed request older than five minutes, even correctly signed", async () => {
      const timestamp = Math.floor(Date.now() / 1000) - 6 * 60;
      const response = await app.slack.post(body, form, { timestamp });
      expect(response.status).toBe(401);
    });

    it("accepts the same body signed now", async () => {
      const response = await app.slack.post(body, form);
      expect(response.status).toBe(200);
    });
  });

  it("never writes the bot token or signing secret to its logs", async () => {
    await app.slack.command("/action", "help");
    await app.slack.post("x=1", "application/x-www-form-urlencoded", { signature: null });
    app.logs.logger.info({ token: TEST_BOT_TOKEN, nested: { note: `secret ${TEST_SIGNING_SECRET}` } }, "deliberate");
    await new Promise((resolve) => setImmediate(resolve));
    const text = app.logs.text();
    expect(text).toContain("deliberate");
    expect(text).not.toContain(TEST_BOT_TOKEN);
    expect(text).not.toContain(TEST_SIGNING_SECRET);
  });
});
