// Requests Slack would never send, correctly signed: a body of `null` (which used to kill
// the process inside Bolt), `payload=null`, fields of the wrong type, timestamps that are not
// whole seconds of the last five minutes, another workspace's team. Each is answered (400,
// 401, 413) before Bolt sees it and changes nothing; the app goes on answering real requests,
// and its other routes work as before.
import { appState } from "../support/app-state";
import {
  commandFields,
  eventEnvelopes,
  form,
  FORM,
  interactionPayloads,
  JSON_TYPE,
  nowSeconds,
  payloadForm,
  sendRaw,
  signatureOf,
  type RawRequest,
} from "../support/raw-slack";
import { startTestApp, type TestApp } from "../support/test-app";

type Json = Record<string, unknown>;

const ADMIN = { ADMIN_USER: "ops", ADMIN_PASSWORD: "correct horse battery" };

describe("hostile requests to the Slack endpoint", () => {
  let app: TestApp;
  let teamId: string;
  const send = (request: RawRequest) => sendRaw(app.url, request);
  /** Runs `act`, then checks no row, job, Slack call or Bolt acknowledgement came of it. */
  const changesNothing = async (act: () => Promise<void>) => {
    const before = await appState(app);
    await act();
    expect(await appState(app)).toEqual(before);
  };

  beforeAll(async () => {
    app = await startTestApp({ env: ADMIN });
    teamId = app.fake.teamId;
  });
  afterAll(async () => {
    await app.stop();
  });

  it("answers a signed body of JSON null with 400, and the process goes on serving", async () => {
    await changesNothing(async () => {
      expect((await send({ body: "null", contentType: JSON_TYPE })).status).toBe(400);
      expect((await send({ body: "payload=null", contentType: FORM })).status).toBe(400);
    });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it.each<[string, () => RawRequest]>([
    ["JSON null", () => ({ body: "null", contentType: JSON_TYPE })],
    ["payload=null", () => ({ body: "payload=null", contentType: FORM })],
    ["payload=[]", () => ({ body: "payload=%5B%5D", contentType: FORM })],
    ["payload=5", () => ({ body: "payload=5", contentType: FORM })],
    ["payload that is not JSON", () => ({ body: "payload=%7Bnot%20json", contentType: FORM })],
    [
      "payload twice",
      () => ({ body: `${payloadForm(interactionPayloads(teamId).block_actions)}&payload=null`, contentType: FORM }),
    ],
    ["a JSON array", () => ({ body: "[]", contentType: JSON_TYPE })],
    ["a JSON number", () => ({ body: "5", contentType: JSON_TYPE })],
    ["JSON that does not parse", () => ({ body: '{"type":', contentType: JSON_TYPE })],
    ["bytes that are not UTF-8", () => ({ body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), contentType: JSON_TYPE })],
    ["no Content-Type", () => ({ body: form(commandFields(teamId)) })],
    ["text/plain", () => ({ body: form(commandFields(teamId)), contentType: "text/plain" })],
    ["a command as JSON", () => ({ body: JSON.stringify(commandFields(teamId)), contentType: JSON_TYPE })],
    [
      "a command without response_url",
      () => ({
        body: form(Object.fromEntries(Object.entries(commandFields(teamId)).filter(([k]) => k !== "response_url"))),
        contentType: FORM,
      }),
    ],
    [
      "a command with user_id twice",
      () => ({ body: `${form(commandFields(teamId))}&user_id=U0OTHER`, contentType: FORM }),
    ],
    [
      "a command not in the manifest",
      () => ({ body: form(commandFields(teamId, { command: "/frobnicate" })), contentType: FORM }),
    ],
    [
      "a command with an event field",
      () => ({ body: form({ ...commandFields(teamId), event: "x" }), contentType: FORM }),
    ],
    [
      "a command whose user id is unicode",
      () => ({ body: form(commandFields(teamId, { user_id: "Ü0SÉCRETARY" })), contentType: FORM }),
    ],
    [
      "an interaction with user null",
      () => ({ body: payloadForm({ ...interactionPayloads(teamId).block_actions, user: null }), contentType: FORM }),
    ],
    [
      "an interaction with channel null",
      () => ({ body: payloadForm({ ...interactionPayloads(teamId).block_actions, channel: null }), contentType: FORM }),
    ],
    [
      "block_actions with actions [null]",
      () => ({
        body: payloadForm({ ...interactionPayloads(teamId).block_actions, actions: [null] }),
        contentType: FORM,
      }),
    ],
    [
      "view_submission with view null",
      () => ({ body: payloadForm({ ...interactionPayloads(teamId).view_submission, view: null }), contentType: FORM }),
    ],
    [
      "view_submission with response_urls [null]",
      () => ({
        body: payloadForm({ ...interactionPayloads(teamId).view_submission, response_urls: [null] }),
        contentType: FORM,
      }),
    ],
    [
      "view_submission whose state holds a number",
      () => {
        const payload = interactionPayloads(teamId).view_submission as { view: Json };
        return {
          body: payloadForm({ ...payload, view: { ...payload.view, state: { values: { text: { value: 5 } } } } }),
          contentType: FORM,
        };
      },
    ],
    [
      "an interaction of a type Slack has not got",
      () => ({
        body: payloadForm({ ...interactionPayloads(teamId).block_actions, type: "block_actionz" }),
        contentType: FORM,
      }),
    ],
    [
      "an interaction with an event field",
      () => ({ body: payloadForm({ ...interactionPayloads(teamId).block_actions, event: "x" }), contentType: FORM }),
    ],
    [
      "an event envelope of an odd type",
      () => ({
        body: JSON.stringify({ ...eventEnvelopes(teamId).app_home_opened, type: "event_callbackz" }),
        contentType: JSON_TYPE,
      }),
    ],
    [
      "an event that is null",
      () => ({
        body: JSON.stringify({ ...eventEnvelopes(teamId).app_home_opened, event: null }),
        contentType: JSON_TYPE,
      }),
    ],
    [
      "an event without team_id",
      () => ({
        body: JSON.stringify({ ...eventEnvelopes(teamId).app_home_opened, team_id: undefined }),
        contentType: JSON_TYPE,
      }),
    ],
  ])("answers %s with 400 and changes nothing", async (_name, request) => {
    await changesNothing(async () => {
      expect((await send(request())).status).toBe(400);
    });
  });

  it("thanks Slack for a subscribed event whose own fields are not as the app reads them, and drops it (a 400 would be sent again)", async () => {
    const envelope = eventEnvelopes(teamId).app_home_opened as { event: Json };
    await changesNothing(async () => {
      const response = await send({
        body: JSON.stringify({ ...envelope, event: { ...envelope.event, channel: null } }),
        contentType: JSON_TYPE,
      });
      expect(response.status).toBe(200);
    });
  });

  it.each<[string, () => string]>([
    ["Infinity", () => "Infinity"],
    ["a float of now", () => `${nowSeconds()}.5`],
    ["now in exponent form", () => Number(nowSeconds()).toExponential(9)],
    ["now with a leading zero", () => `0${nowSeconds()}`],
    ["six minutes old", () => String(Number(nowSeconds()) - 6 * 60)],
    ["six minutes ahead", () => String(Number(nowSeconds()) + 6 * 60)],
    ["negative", () => `-${nowSeconds()}`],
    ["NaN", () => "NaN"],
    ["empty", () => ""],
  ])("refuses a timestamp that is %s with 401, even signed over it, and changes nothing", async (_name, timestamp) => {
    await changesNothing(async () => {
      const response = await send({ body: form(commandFields(teamId)), contentType: FORM, timestamp: timestamp() });
      expect(response.status).toBe(401);
    });
  });

  it("refuses a signature that is missing, not v0, or over something else with 401", async () => {
    const body = form(commandFields(teamId));
    const timestamp = nowSeconds();
    await changesNothing(async () => {
      for (const signature of [
        null,
        "",
        signatureOf(timestamp, body).replace("v0=", "v1="),
        signatureOf(timestamp, body).toUpperCase().replace("V0=", "v0="),
        signatureOf(timestamp, `${body}&x=1`),
        signatureOf(timestamp, body, "another-secret-entirely-0123456"),
      ]) {
        expect({ signature, status: (await send({ body, contentType: FORM, timestamp, signature })).status }).toEqual({
          signature,
          status: 401,
        });
      }
    });
  });

  it("refuses an unsigned request however the endpoint's address is written, and an SSL check carrying a command does nothing", async () => {
    // Bolt does not check signatures again (src/slack/app.ts): every way to its endpoint passes the guard.
    const command = form(commandFields(teamId, { text: "add Unsigned action #LCRB" }));
    await changesNothing(async () => {
      for (const path of ["/slack/events", "/slack/events?x=1", "/slack/events#x", "/slack/events?"])
        expect({
          path,
          status: (await send({ body: command, contentType: FORM, signature: null, path })).status,
        }).toEqual({ path, status: 401 });
      const sslCheckWithCommand = `ssl_check=1&${command}`;
      expect((await send({ body: sslCheckWithCommand, contentType: FORM, signature: null })).status).toBe(200);
    });
  });

  it("refuses a correctly signed request naming another workspace with 401, for every kind, writing nothing", async () => {
    const other = "T0ELSEWHERE";
    await changesNothing(async () => {
      expect((await send({ body: form(commandFields(other)), contentType: FORM })).status).toBe(401);
      for (const payload of Object.values(interactionPayloads(other)))
        expect((await send({ body: payloadForm(payload), contentType: FORM })).status).toBe(401);
      for (const envelope of Object.values(eventEnvelopes(other)))
        expect((await send({ body: JSON.stringify(envelope), contentType: JSON_TYPE })).status).toBe(401);
    });
    expect(await app.runtime.db.workspace.count({ where: { slackTeamId: other } })).toBe(0);
  });

  it("refuses a body over 4 MB with 413", async () => {
    await changesNothing(async () => {
      const response = await send({
        body: form(commandFields(teamId, { text: "x".repeat(4 * 1024 * 1024) })),
        contentType: FORM,
      });
      expect(response.status).toBe(413);
    });
  });

  it("answers Slack's SSL check, an app_rate_limited notice and an event it does not subscribe to with 200, without Bolt", async () => {
    await changesNothing(async () => {
      expect((await send({ body: "ssl_check=1&token=x", contentType: FORM, signature: null })).status).toBe(200);
      expect(
        (
          await send({
            body: JSON.stringify({
              token: "x",
              type: "app_rate_limited",
              team_id: teamId,
              minute_rate_limited: 1518467820,
              api_app_id: "A0MINUTEBOOK",
            }),
            contentType: JSON_TYPE,
          })
        ).status,
      ).toBe(200);
      const envelope = eventEnvelopes(teamId).app_home_opened as { event: Json };
      expect(
        (
          await send({
            body: JSON.stringify({ ...envelope, event: { type: "reaction_added", user: "U0OWNER" } }),
            contentType: JSON_TYPE,
          })
        ).status,
      ).toBe(200);
    });
  });

  it("answers url_verification with its challenge", async () => {
    const response = await send({
      body: JSON.stringify({
        token: "x",
        challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
        type: "url_verification",
      }),
      contentType: JSON_TYPE,
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("keeps its other routes: /healthz, 404 for a path it does not serve, 400 for one that does not decode, the dashboard", async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await fetch(`${app.url}/slack/events`)).status).toBe(404);
    expect((await fetch(`${app.url}/nowhere`, { method: "POST", body: "x" })).status).toBe(404);
    expect((await fetch(`${app.url}/admin/queues/%E0%A4%A`)).status).toBe(400);
    expect((await fetch(`${app.url}/admin/queues`)).status).toBe(401);
  });

  it("still answers a valid command afterwards, its Content-Type naming a charset or not", async () => {
    for (const contentType of [FORM, `${FORM}; charset=utf-8`]) {
      const responseUrl = app.fake.responseUrl(`hostile-${contentType.length}`);
      const sent = await app.slack.post(
        form(commandFields(teamId, { response_url: responseUrl, trigger_id: app.fake.issueTriggerId() })),
        contentType,
      );
      expect(sent.status).toBe(200);
      // Help only reads: answered in the acknowledgement when ready in time, else through response_url.
      const path = new URL(responseUrl).pathname;
      const answer =
        sent.json?.text ?? (await app.fake.waitFor("response_url", (c) => c.args.__path === path, 5_000)).args.text;
      expect(String(answer)).toContain("/action");
    }
    const typed = await app.slack.command("/action", "help");
    expect(typed.status).toBe(200);
    expect(String((await typed.reply()).text)).toContain("/action");
  });
});
