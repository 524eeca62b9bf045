import { ErrorCode, WebClient, type WebClientOptions } from "@slack/web-api";
import { StartupError } from "../errors";

export interface BotIdentity {
  teamId: string | undefined;
  botUserId: string;
  botId: string;
}

const REFUSED = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"]);

/**
 * Asks Slack who the bot token belongs to, once at boot, so a wrong token or an
 * unreachable Slack stops the process with a clear reason instead of failing on
 * the first request. Bolt is then given the answer and does not ask again.
 */
export async function verifyBotToken(
  token: string,
  clientOptions: WebClientOptions,
  apiUrl: string,
): Promise<BotIdentity> {
  const client = new WebClient(token, {
    ...clientOptions,
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000 },
    timeout: 10_000,
  });
  try {
    const result = await client.auth.test();
    if (!result.user_id || !result.bot_id) {
      throw new StartupError(
        "slack_token_not_bot",
        "SLACK_BOT_TOKEN is not a bot token: use the Bot User OAuth Token (xoxb-).",
      );
    }
    return { teamId: result.team_id, botUserId: result.user_id, botId: result.bot_id };
  } catch (error) {
    if (error instanceof StartupError) throw error;
    const code = (error as { code?: string; data?: { error?: string } }).code;
    const slackError = (error as { data?: { error?: string } }).data?.error;
    if (code === ErrorCode.PlatformError && slackError && REFUSED.has(slackError)) {
      throw new StartupError(
        "slack_token_refused",
        `SLACK_BOT_TOKEN was refused by Slack (${slackError}): copy the Bot User OAuth Token again from the app's OAuth & Permissions page.`,
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartupError(
      "slack_unreachable",
      `Could not check SLACK_BOT_TOKEN with the Slack Web API at ${apiUrl} (${reason}): check the network, or SLACK_API_URL if set.`,
    );
  }
}
