import type { ActionRecord } from "../../../domain/actions/action-record";
import { actions, context, message, section, type MessageView } from "../blocks";
import { ACTION_BUTTONS, button, undoValue } from "./buttons";
import { boardText, dueLong, escapeText, messageLink, ownersText } from "./describe-action";

/** The ephemeral reply to `/action add`: what was understood, with Undo. */
export function actionLoggedView(action: ActionRecord, timeZone: string): MessageView {
  const due = dueLong(action, timeZone);
  return message(`${action.reference} logged: ${action.text} (owners ${ownersText(action)}; due ${due})`, [
    section(`*${action.reference} logged*\n${escapeText(action.text)}`),
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*Owners*\n${ownersText(action)}` },
        { type: "mrkdwn", text: `*Due*\n${escapeText(due)}` },
        { type: "mrkdwn", text: `*Board*\n${escapeText(boardText(action))}` },
      ],
    },
    actions([
      button("Edit", ACTION_BUTTONS.edit, action.id),
      button("Undo", ACTION_BUTTONS.undo, undoValue(action.id, action.version)),
    ]),
    context(
      [
        ...(action.sourceChannelId && action.sourceMessageTs
          ? [`Logged from <${messageLink(action.sourceChannelId, action.sourceMessageTs)}|this message>.`]
          : []),
        // Only when someone other than the person logging it was told: they know already, and bodies are not in Slack.
        ...(action.owners.some((o) => o.slackUserId && o.slackUserId !== action.createdBySlackUserId)
          ? ["Owners who use Slack have been sent a message."]
          : []),
        `\`/action show ${action.reference}\` shows its history.`,
      ].join(" "),
    ),
  ]);
}

/** Done and Open, under every DM about an owner's action. */
export const doneAndOpen = (action: Pick<ActionRecord, "id">) =>
  actions([button("Done", ACTION_BUTTONS.done, action.id, "primary"), button("Open", ACTION_BUTTONS.open, action.id)]);

/**
 * The DM an owner gets when an action is given to them: a new one ("logged"), or an
 * existing one reassigned or edited to include them ("given").
 */
export function actionAssignedDm(
  action: ActionRecord,
  byUserId: string | null,
  timeZone: string,
  how: "logged" | "given" = "logged",
): MessageView {
  const due = dueLong(action, timeZone);
  const by = byUserId ? `<@${byUserId}>` : "Minutebook";
  const headline = how === "logged" ? "New action for you" : "Action given to you";
  return message(`${headline} · ${action.reference}: ${action.text} (due ${due})`, [
    section(`*${headline} · ${action.reference}*\n${escapeText(action.text)}`),
    context(
      `Due ${escapeText(due)} · ${escapeText(boardText(action))} · ${how === "logged" ? "logged" : "given to you"} by ${by}`,
    ),
    doneAndOpen(action),
  ]);
}

/** The most actions one DM lists; past it, the rest are counted and the Home tab has them. */
const MAX_LISTED_IN_DM = 20;

/**
 * Several new actions for one owner from one set of minutes, in one DM: a person given
 * twenty actions by an import gets one message, not twenty (and Slack takes about one
 * message a second in a conversation).
 */
export function actionsAssignedDm(
  list: readonly ActionRecord[],
  byUserId: string | null,
  timeZone: string,
  source: string,
): MessageView {
  const by = byUserId ? `<@${byUserId}>` : "Minutebook";
  const headline = `${list.length} new actions for you from ${source}`;
  const shown = list.slice(0, MAX_LISTED_IN_DM);
  const rest = list.length - shown.length;
  return message(`${headline}: ${shown.map((a) => a.reference).join(", ")}${rest > 0 ? ` and ${rest} more` : ""}`, [
    section(`*${escapeText(headline)}*`),
    ...shown.map((action) => ({
      ...section(`*${action.reference}* ${escapeText(action.text)}\nDue ${escapeText(dueLong(action, timeZone))}`),
      accessory: button("Open", ACTION_BUTTONS.open, action.id),
    })),
    context(
      `${rest > 0 ? `And ${rest} more on your Home tab. ` : ""}Logged by ${by} · ${escapeText(boardText(shown[0]!))}`,
    ),
  ]);
}
