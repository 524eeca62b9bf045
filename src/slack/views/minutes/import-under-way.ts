// What someone is told who asks to import a file already being imported: the import
// under way, and where its answer is (or, read already, a button to review it).
import { actions, context, message, section, type MessageView } from "../blocks";
import { button } from "../actions/buttons";
import { escapeText } from "../actions/describe-action";
import { IMPORT_BUTTONS } from "./import-progress";

export interface ImportUnderWay {
  importId: string;
  status: "pending" | "parsing" | "previewed";
  fileName: string;
  boardCode: string;
  /** Who started it; undefined when unknown. */
  startedBySlackUserId: string | undefined;
  /** Who is asking now. */
  viewerSlackUserId: string;
}

export function importUnderWayMessage({
  importId,
  status,
  fileName,
  boardCode,
  startedBySlackUserId,
  viewerSlackUserId,
}: ImportUnderWay): MessageView {
  const isTheirs = !startedBySlackUserId || startedBySlackUserId === viewerSlackUserId;
  const who = isTheirs ? "" : ` (<@${startedBySlackUserId}> asked for it)`;
  const whoPlain = isTheirs ? "" : " (someone else asked for it)";
  if (status === "previewed") {
    const said = `${fileName} has already been read for ${boardCode} and is waiting to be reviewed`;
    return message(`${said}${whoPlain}. Nothing new was started.`, [
      section(`${escapeText(said)}${who}. Nothing new was started.`),
      actions([button("Review and import", IMPORT_BUTTONS.review, importId, "primary")]),
    ]);
  }
  const said = `${fileName} is already being read for ${boardCode}`;
  const next = isTheirs ? "I'll message you what I find." : "They will be sent what is found.";
  return message(`${said}${whoPlain}. ${next}`, [
    section(`${escapeText(said)}${who}. Nothing new was started.`),
    context(escapeText(next)),
  ]);
}
