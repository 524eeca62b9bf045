import fc from "fast-check";
import { shapeOf, type SlackSurface } from "../../../src/slack/request-guard-shapes";
import {
  commandFields,
  eventEnvelopes,
  form,
  FORM,
  interactionPayloads,
  JSON_TYPE,
  payloadForm,
} from "../../support/raw-slack";

const SURFACE: SlackSurface = {
  commands: ["/action", "/meeting", "/minutes", "/board"],
  events: ["app_home_opened", "file_shared", "app_uninstalled", "tokens_revoked"],
};
const TEAM = "T0MINUTES";
type Json = Record<string, unknown>;

describe("shapeOf", () => {
  it("forwards each kind Slack sends, naming its team as Bolt will find it", () => {
    const forwarded = [
      shapeOf(FORM, form(commandFields(TEAM)), SURFACE),
      ...Object.values(interactionPayloads(TEAM)).map((payload) => shapeOf(FORM, payloadForm(payload), SURFACE)),
      ...Object.values(eventEnvelopes(TEAM)).map((envelope) => shapeOf(JSON_TYPE, JSON.stringify(envelope), SURFACE)),
      shapeOf(`${FORM}; charset=utf-8`, form(commandFields(TEAM)), SURFACE),
      shapeOf("Application/JSON; charset=UTF-8", JSON.stringify(eventEnvelopes(TEAM).app_home_opened), SURFACE),
    ];
    expect(forwarded.map((s) => (s.verdict === "forward" ? [s.kind, s.mediaType, s.teamId] : s))).toEqual([
      ["command", FORM, TEAM],
      ["interaction", FORM, TEAM],
      ["interaction", FORM, TEAM],
      ["interaction", FORM, TEAM],
      ["event", JSON_TYPE, TEAM],
      ["event", JSON_TYPE, TEAM],
      ["command", FORM, TEAM],
      ["event", JSON_TYPE, TEAM],
    ]);
  });

  it("finds the team as Bolt does: a view's installing team first, then team, then the user's; an event's first authorisation, then its envelope", () => {
    const view = interactionPayloads(TEAM).view_submission as { view: Json };
    const teamOf = (contentType: string, body: string) => {
      const shape = shapeOf(contentType, body, SURFACE);
      return shape.verdict === "forward" ? shape.teamId : shape.reason;
    };
    expect(teamOf(FORM, payloadForm({ ...view, view: { ...view.view, app_installed_team_id: "T0INSTALLED" } }))).toBe(
      "T0INSTALLED",
    );
    expect(
      teamOf(
        FORM,
        payloadForm({ ...interactionPayloads(TEAM).block_actions, team: null, user: { id: "U1", team_id: "T0USER" } }),
      ),
    ).toBe("T0USER");
    expect(
      teamOf(
        JSON_TYPE,
        JSON.stringify({
          ...eventEnvelopes(TEAM).file_shared,
          authorizations: [{ team_id: null, enterprise_id: "E1" }],
        }),
      ),
    ).toBe(TEAM);
    expect(
      teamOf(
        JSON_TYPE,
        JSON.stringify({ ...eventEnvelopes(TEAM).file_shared, authorizations: [{ team_id: "T0AUTH" }] }),
      ),
    ).toBe("T0AUTH");
  });

  it.each<[string, string, string, 200 | 400]>([
    ["Slack's SSL check", FORM, "ssl_check=1&token=x", 200],
    [
      "an event nobody listens to",
      JSON_TYPE,
      JSON.stringify({ ...eventEnvelopes(TEAM).file_shared, event: { type: "reaction_added" } }),
      200,
    ],
    [
      "app_rate_limited",
      JSON_TYPE,
      JSON.stringify({ type: "app_rate_limited", team_id: TEAM, minute_rate_limited: 1, api_app_id: "A1" }),
      200,
    ],
    ["null", JSON_TYPE, "null", 400],
    ["payload=null", FORM, "payload=null", 400],
    ["a command outside the manifest", FORM, form(commandFields(TEAM, { command: "/other" })), 400],
    // Signed by Slack and subscribed to, but not as read: thanked for (Slack would resend a 400) and dropped.
    [
      "a tokens_revoked without tokens",
      JSON_TYPE,
      JSON.stringify({ ...eventEnvelopes(TEAM).file_shared, event: { type: "tokens_revoked" } }),
      200,
    ],
    [
      "a workflow function's interaction",
      FORM,
      payloadForm({
        ...interactionPayloads(TEAM).block_actions,
        function_data: { execution_id: "Fx1" },
        bot_access_token: "xwfp-1",
      }),
      400,
    ],
    [
      "an authorisation without its team_id",
      JSON_TYPE,
      JSON.stringify({ ...eventEnvelopes(TEAM).file_shared, authorizations: [{ enterprise_id: null }] }),
      400,
    ],
  ])("answers %s itself with %d", (_name, contentType, body, status) => {
    expect(shapeOf(contentType, body, SURFACE)).toMatchObject({ verdict: "answer", status });
  });

  it("never throws, whatever the body", () => {
    const body = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.jsonValue().map((v) => `payload=${encodeURIComponent(JSON.stringify(v))}`),
      fc.dictionary(fc.string(), fc.string()).map((d) => form(d)),
    );
    fc.assert(
      fc.property(fc.constantFrom(FORM, JSON_TYPE, "text/plain", ""), body, (contentType, text) => {
        const shape = shapeOf(contentType, text, SURFACE);
        expect(["forward", "answer"]).toContain(shape.verdict);
      }),
      { numRuns: 2000 },
    );
  });
});
