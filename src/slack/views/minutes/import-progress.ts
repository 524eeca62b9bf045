// The message that follows a file import while a worker reads it: updated in place
// from "Reading ..." to what was found, with a button to review it.
import { formatDay } from "../../../dates";
import type { MinutesExtraction } from "../../../minutes/types";
import { actions, context, message, section, type MessageView } from "../blocks";
import { button } from "../actions/buttons";
import { escapeText } from "../actions/describe-action";

export const IMPORT_BUTTONS = { review: "minutes.review", importFile: "minutes.import_file" } as const;

export function importStartedMessage(fileName: string, boardCode: string): MessageView {
  const said = `Reading ${fileName} for ${boardCode}…`;
  return message(said, [section(escapeText(said)), context("Nothing is saved until you have checked what was found.")]);
}

export function importReadyMessage(
  importId: string,
  fileName: string,
  boardCode: string,
  extraction: MinutesExtraction,
  timeZone: string,
): MessageView {
  const date = extraction.meeting.date
    ? formatDay(new Date(`${extraction.meeting.date}T12:00:00Z`), timeZone)
    : "no date given";
  const next = extraction.nextMeeting
    ? `next meeting ${formatDay(new Date(`${extraction.nextMeeting.date}T12:00:00Z`), timeZone)}`
    : "no next meeting found";
  const found = `${extraction.actions.length} ${extraction.actions.length === 1 ? "action" : "actions"}, ${extraction.items.length} items, ${next}`;
  const said = `${fileName}: minutes of ${boardCode} (${date}) read: ${found}.`;
  return message(`${said} Review them to import.`, [
    section(`*${escapeText(fileName)}* · ${escapeText(boardCode)} · ${escapeText(date)}\nFound ${escapeText(found)}.`),
    actions([button("Review and import", IMPORT_BUTTONS.review, importId, "primary")]),
  ]);
}

export function importFailedMessage(fileName: string, problem: string, hint: string | undefined): MessageView {
  return message(`${fileName} could not be imported: ${problem}`, [
    section(`*${escapeText(fileName)}* could not be imported.\n${escapeText(problem)}`),
    ...(hint ? [context(escapeText(hint))] : []),
  ]);
}

/** A file whose reading was cut short (the process reading it died) and is not tried again. */
export function importStoppedMessage(fileName: string): MessageView {
  const said = `Minutebook stopped while reading ${fileName}; nothing was imported.`;
  const next = "Share it again, or paste the text with /minutes.";
  return message(`${said} ${next}`, [section(escapeText(said)), context(escapeText(next))]);
}

/** Escaped for mrkdwn, but a person named (`<@U123>`) stays a mention. */
const escapeKeepingPeople = (text: string) => escapeText(text).replace(/&lt;@([UW][A-Z0-9]+)&gt;/g, "<@$1>");

/** The file holds minutes already in (the same document, or others for that meeting): nothing was done. */
export function importAlreadyInMessage(fileName: string, said: string, hint: string | undefined): MessageView {
  return message(`${fileName}: ${said}`, [
    section(`*${escapeText(fileName)}*\n${escapeKeepingPeople(said)}`),
    ...(hint ? [context(escapeText(hint))] : []),
  ]);
}

export function importOfferMessage(fileId: string, fileName: string, boardCode: string): MessageView {
  const said = `Import ${fileName} as minutes of ${boardCode}?`;
  return message(said, [
    section(escapeText(said)),
    actions([button("Import minutes", IMPORT_BUTTONS.importFile, fileId, "primary")]),
  ]);
}
