import { ErrorCode } from "@slack/web-api";
import { permanentFailureOf, slackFailureOf } from "../../../jobs/reminders/slack-failures";
import { validateMessage } from "../../../src/local-slack/block-kit";
import { undeliveredReminderMessage } from "../../../src/slack/views/reminders/undelivered-reminder";

const person = { kind: "user" as const, id: "U0JO" };
const channel = { kind: "channel" as const, id: "C0RCRB" };
const platformError = (error: string, needed?: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: ErrorCode.PlatformError,
    data: { ok: false, error, ...(needed ? { needed } : {}) },
  });

describe("what a Slack error means for a reminder", () => {
  it.each([
    ["user_disabled", person, "their Slack account is deactivated", false],
    ["user_not_found", person, "Slack does not know them in this workspace (they may have left)", false],
    ["cannot_dm_bot", person, "they are a bot, and Slack does not let Minutebook message bots", false],
    ["not_in_channel", channel, "Minutebook is not a member of <#C0RCRB>", false],
    ["is_archived", channel, "<#C0RCRB> is archived", false],
    [
      "channel_not_found",
      channel,
      "Minutebook cannot see <#C0RCRB> (it is private without Minutebook in it, or was deleted)",
      false,
    ],
    ["invalid_auth", person, "Slack no longer accepts Minutebook's access to this workspace", true],
    ["token_revoked", channel, "Slack no longer accepts Minutebook's access to this workspace", true],
    ["account_inactive", person, "Slack no longer accepts Minutebook's access to this workspace", true],
  ])("%s is permanent: %s", (code, to, reason, isTokenRefused) => {
    expect(slackFailureOf(platformError(code), to)).toMatchObject({ kind: "permanent", code, reason, isTokenRefused });
  });

  it("names the permission Slack says is missing", () => {
    expect(slackFailureOf(platformError("missing_scope", "im:history"), person)).toMatchObject({
      reason: "Minutebook is missing a Slack permission it needs (im:history)",
    });
  });

  it("waits as long as Slack asks on a rate limit, at least a second", () => {
    expect(
      slackFailureOf(
        Object.assign(new Error("rate limited"), { code: ErrorCode.RateLimitedError, retryAfter: 120 }),
        person,
      ),
    ).toEqual({ kind: "rate_limited", retryAfterMs: 120_000 });
    expect(
      slackFailureOf(
        Object.assign(new Error("rate limited"), { code: ErrorCode.RateLimitedError, retryAfter: 0 }),
        person,
      ),
    ).toEqual({ kind: "rate_limited", retryAfterMs: 1000 });
  });

  it.each([
    ["an unknown Slack error", platformError("internal_error")],
    ["an HTTP error", Object.assign(new Error("500"), { code: ErrorCode.HTTPError, statusCode: 500 })],
    ["a network error", Object.assign(new Error("ECONNRESET"), { code: ErrorCode.RequestError })],
    ["anything else", new Error("database went away")],
  ])("leaves %s to be retried", (_what, error) => {
    expect(slackFailureOf(error, person)).toBeUndefined();
  });

  it("has words for every code it calls permanent", () => {
    for (const code of [
      "restricted_action",
      "ekm_access_denied",
      "msg_too_long",
      "invalid_blocks",
      "user_not_visible",
    ]) {
      expect(permanentFailureOf(code, person)?.reason).toMatch(/\w/);
    }
  });
});

describe("the message telling the board a reminder was not delivered", () => {
  it("says who, about what, why and what to do, in the fallback text and valid blocks", () => {
    const view = undeliveredReminderMessage({
      recipient: "<@U0JO>",
      recipientKind: "user",
      action: {
        id: "5b0e8f8a-8d0c-4a51-9c1a-000000000001",
        reference: "RCRB-4",
        text: "Check the CCTV rota & <report>",
      },
      reason: "their Slack account is deactivated",
      next: "Reassign the action or tell them another way.",
    });
    expect(view.text).toBe(
      "I couldn't remind <@U0JO> about RCRB-4 (Check the CCTV rota & <report>): their Slack account is deactivated. Reassign the action or tell them another way.",
    );
    expect(JSON.stringify(view.blocks)).toContain("Check the CCTV rota &amp; &lt;report&gt;");
    expect(validateMessage({ text: view.text, blocks: view.blocks })).toEqual([]);
  });

  it("names a channel post by what it was", () => {
    const view = undeliveredReminderMessage({
      recipient: "<#C0RCRB>",
      recipientKind: "channel",
      what: "the call for papers for RCRB's meeting on Tue 9 Jun 2026",
      reason: "Minutebook is not a member of <#C0RCRB>",
      next: "Invite Minutebook with /invite @Minutebook there.",
    });
    expect(view.text).toBe(
      "I couldn't post the call for papers for RCRB's meeting on Tue 9 Jun 2026 in <#C0RCRB>: Minutebook is not a member of <#C0RCRB>. Invite Minutebook with /invite @Minutebook there.",
    );
    expect(validateMessage({ text: view.text, blocks: view.blocks })).toEqual([]);
  });
});
