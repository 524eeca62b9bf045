// Words for problems with boards: naming, creating, managing and exporting them.
import type { BoardProblem } from "../../../errors";
import { said, unreachable, type Words } from "./words";

const CREATE_EXAMPLE = "Try: `/board create LCRB London Crime Reduction Board`.";
const EXPORT_EXAMPLE =
  "Try `/board export csv` in the board's channel, or `/board export json #LCRB` (the board by its code, with #).";
/** Longer than any /board command: such text is not echoed back whole. */
const ECHO_LIMIT = 200;

export function boardWords(problem: BoardProblem): Words {
  switch (problem.code) {
    case "board_not_found":
      return said(
        `There is no board ${problem.named} in this workspace.`,
        problem.boards && knownBoards(problem.boards),
      );
    case "no_board_here":
      return noBoardHereWords(problem.for);
    case "not_allowed_to_manage":
      return said(
        `Only ${problem.boardCode}'s chair, secretary, whoever created it, or a workspace admin can do that. Nothing was changed.`,
        problem.secretarySlackUserId ? `Ask <@${problem.secretarySlackUserId}>.` : undefined,
      );
    case "board_settings_stale":
      return said("This form is out of date: close it and run /board settings again.");
    case "board_has_no_channel":
      return said(
        `${problem.boardCode} has no channel to post its action log in. Nothing was exported.`,
        "A board's channel is the one it was created in; create the board again in a channel.",
      );
    case "board_code_missing":
      return said("Give the board a short code and a name. Nothing was created.", CREATE_EXAMPLE);
    case "board_code_invalid":
      return said(
        `"${problem.written}" can't be a board code: use 2 to 10 letters and digits, starting with a letter. Nothing was created.`,
        CREATE_EXAMPLE,
      );
    case "board_name_missing":
      return said(`Give ${problem.boardCode} a name after its code. Nothing was created.`, CREATE_EXAMPLE);
    case "board_name_too_long":
      return said(
        `A board's name can be at most ${problem.maxLength} characters. Nothing was created.`,
        CREATE_EXAMPLE,
      );
    case "board_code_taken":
      return said(
        `There is already a board ${problem.boardCode} in this workspace. Nothing was created.`,
        `Pick another code; \`/board #${problem.boardCode}\` shows the board that has it.`,
      );
    case "channel_has_board":
      return said(
        `This channel is already ${problem.boardCode}'s channel. Nothing was created.`,
        "Create the new board in its own channel; `/board` shows this one.",
      );
    case "board_channel_hidden":
      return said(
        "Minutebook can't see this channel: it is private and Minutebook has not been invited to it. Nothing was created.",
        "Run `/invite @Minutebook` here, then `/board create` again. Until then Minutebook cannot post reminders, the call for papers, matters arising or the Monday digest here, nor tell who in the channel may see the board's actions.",
      );
    case "board_channel_unknown":
      return said(
        "Slack did not say whether this channel is private, so nothing was created.",
        "Try `/board create` again in a minute.",
      );
    case "board_channel_is_dm":
      return said(
        "A board needs a channel of its own, not a direct message. Nothing was created.",
        "In the board's channel, try `/board create LCRB London Crime Reduction Board`.",
      );
    case "board_command_unknown":
      return said(
        `I don't know "/board ${echoed(problem.said)}".`,
        "Try `/board create LCRB London Crime Reduction Board` in the board's channel, `/board settings`, `/board` or `/board #LCRB`.",
      );
    case "export_command_unknown":
      return said(`I don't know "/board export ${problem.said}". Nothing was exported.`, EXPORT_EXAMPLE);
    case "export_format_twice":
      return said(
        `"/board export ${problem.said}" asks for two formats; an export is one file, csv or json. Nothing was exported.`,
        EXPORT_EXAMPLE,
      );
    case "export_format_unknown":
      return said(
        `I can't export an action log as "${problem.format}": it comes as csv (opens in Excel) or json. Nothing was exported.`,
        EXPORT_EXAMPLE,
      );
    case "export_refused":
      return exportRefusedWords(problem);
    default:
      return unreachable(problem);
  }
}

/** The boards there are, as anyone may be told of them (private ones are never listed). */
function knownBoards({ publicCodes, hasAny }: { publicCodes: string[]; hasAny: boolean }): string {
  if (publicCodes.length > 0) return `Boards here: ${publicCodes.map((code) => `#${code}`).join(", ")}.`;
  return hasAny
    ? "`/board` in a board's channel shows its code."
    : "There are no boards yet: create one with `/board create <CODE> <name>` in its channel.";
}

function noBoardHereWords(neededFor: Extract<BoardProblem, { code: "no_board_here" }>["for"]): Words {
  switch (neededFor) {
    case "command":
      return said(
        "This channel is not a board's channel.",
        "Name the board (such as #LCRB), or create one here with `/board create LCRB London Crime Reduction Board`.",
      );
    case "pasted_minutes":
      return said(
        "This channel is not a board's channel, so I don't know whose minutes these are.",
        "Run `/minutes #LCRB` with the board's code, or `/minutes` in the board's channel.",
      );
    case "shared_file":
      return said(
        "This channel is not a board's channel, so I don't know whose minutes these are. Nothing was imported.",
        "Share the file in the board's channel, or paste the text with `/minutes #LCRB`.",
      );
    default:
      return unreachable(neededFor);
  }
}

function echoed(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > ECHO_LIMIT ? `${trimmed.slice(0, ECHO_LIMIT)}…` : trimmed;
}

/** What Slack's refusal of an export means for the person who asked, and what they can do. */
function exportRefusedWords({
  boardCode,
  channelId,
  slackError,
}: Extract<BoardProblem, { code: "export_refused" }>): Words {
  const channel = `<#${channelId}>`;
  switch (slackError) {
    case "not_in_channel":
    case "channel_not_found":
      return said(
        `Slack would not let Minutebook post ${boardCode}'s action log in ${channel} (${slackError}): it is not a member of that channel. Nothing was posted.`,
        `Invite it with \`/invite @Minutebook\` in ${channel}, then \`/board export\` again.`,
      );
    case "is_archived":
      return said(
        `${channel} is archived, so Slack would not take ${boardCode}'s action log. Nothing was posted.`,
        "Unarchive the channel, then `/board export` again.",
      );
    case undefined:
      return said(
        `Slack did not take ${boardCode}'s action log: the upload failed. Nothing was posted.`,
        "Try `/board export` again in a minute.",
      );
    default:
      return said(
        `Slack refused ${boardCode}'s action log (${slackError}). Nothing was posted.`,
        "Try `/board export` again in a minute; if Slack refuses again, the app's log has the details.",
      );
  }
}
