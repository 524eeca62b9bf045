// `/board`: create a board for this channel, show it, open its settings, export its action log.
import type { SlackCommandMiddlewareArgs } from "@slack/bolt";
import { isExportFormat, type ExportFormat } from "../../../../domain/boards/export-action-log";
import { AppError, isAppError } from "../../../../errors";
import type { SlackDeps } from "../../../deps";
import { failureView, type MessageView } from "../../../views/blocks";
import { commandHelpView } from "../../../views/command-help";
import type { BoardRef } from "../../../../domain/boards/resolve-board";
import { callerOf } from "../../../directory";
import type { BoardRequest } from "./request";
import { runCreate } from "./run-create";
import { runExport } from "./run-export";
import { runSettings } from "./run-settings";
import { runShow } from "./run-show";
import type { ListenerArgs } from "../../../context";

type Args = ListenerArgs<SlackCommandMiddlewareArgs>;

const CODE = /^#([A-Za-z0-9]{2,10})$/;
// Slack escapes "#lcrb" to a channel mention when a channel of that name exists.
const CHANNEL = /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/;

/** A board named by "#CODE" or by its channel; undefined for any other word. */
function boardNamed(word: string | undefined): BoardRef | undefined {
  const code = CODE.exec(word ?? "")?.[1];
  if (code) return { code: code.toUpperCase() };
  const channelId = CHANNEL.exec(word ?? "")?.[1];
  return channelId ? { channelId } : undefined;
}

export function boardCommandListener(deps: SlackDeps) {
  return async ({ command, ack, respond, client, context }: Args): Promise<void> => {
    await ack();
    const workspace = context.workspace;
    if (!workspace) return;
    const request: BoardRequest = {
      deps,
      client,
      workspace,
      caller: callerOf(client, { workspace, userId: command.user_id, channelId: command.channel_id, now: deps.now() }),
      channelId: command.channel_id,
      triggerId: command.trigger_id,
    };
    let view: MessageView | undefined;
    try {
      const text = command.text ?? "";
      // The settings form opens at once and waits its turn to be filled in (run-settings.ts).
      view = await (/^\s*settings\b/i.test(text) ? run(request, text) : deps.limit(() => run(request, text)));
    } catch (error) {
      if (!isAppError(error)) deps.logger.error({ err: error, command: "/board" }, "the /board command failed");
      view = failureView(error);
    }
    if (view) await respond({ response_type: "ephemeral", text: view.text, blocks: view.blocks });
  };
}

/** `/board [#CODE]`, `/board create <CODE> <name>`, `/board settings [#CODE]`, `/board export [csv|json] [#CODE]`, `/board help`. */
async function run(request: BoardRequest, text: string): Promise<MessageView | undefined> {
  const [first = "", ...rest] = text.trim().split(/\s+/);
  const verb = first.toLowerCase();
  switch (verb) {
    case "help":
      return commandHelpView("/board");
    case "create":
      return runCreate(request, { code: rest[0] ?? "", name: rest.slice(1).join(" ") });
    case "export":
      return runExport(request, exportOptions(rest));
    case "settings":
      if (rest.length > 1 || (rest[0] && !boardNamed(rest[0]))) throw unknown(text);
      return runSettings(request, boardNamed(rest[0]));
    case "":
    case "show":
      if (rest.length > 1 || (rest[0] && !boardNamed(rest[0]))) throw unknown(text);
      return runShow(request, boardNamed(rest[0]));
    default:
      if (boardNamed(first) && rest.length === 0) return runShow(request, boardNamed(first));
      throw unknown(text);
  }
}

/** `[csv|json] [#CODE]` in either order; the format is CSV unless JSON is asked for. */
function exportOptions(words: string[]): { format: ExportFormat; name: BoardRef | undefined } {
  let format: ExportFormat | undefined;
  let name: BoardRef | undefined;
  for (const word of words) {
    const asFormat = word.toLowerCase().replace(/^\./, "");
    if (!format && isExportFormat(asFormat)) format = asFormat;
    else if (!name && boardNamed(word)) name = boardNamed(word);
    else throw badExport(word, words);
  }
  return { format: format ?? "csv", name };
}

function badExport(word: string, words: string[]): AppError {
  const said = words.join(" ");
  if (isExportFormat(word.toLowerCase().replace(/^\./, ""))) return new AppError({ code: "export_format_twice", said });
  if (/^\.?[a-z0-9]+$/i.test(word)) return new AppError({ code: "export_format_unknown", format: word });
  return new AppError({ code: "export_command_unknown", said });
}

function unknown(text: string): AppError {
  return new AppError({ code: "board_command_unknown", said: text });
}
