import { ErrorCode } from "@slack/web-api";

/** The error Slack answered a Web API call with (`channel_not_found`, …), or undefined for anything else (a network failure, a 429). */
export function slackErrorOf(error: unknown): string | undefined {
  return (error as { code?: string }).code === ErrorCode.PlatformError
    ? (error as { data?: { error?: string } }).data?.error
    : undefined;
}
