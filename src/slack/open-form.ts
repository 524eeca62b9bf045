// Opening a form the moment Slack asks, and filling it in after. A trigger id lasts three
// seconds and can be used once ("Triggers expire in three seconds", https://docs.slack.dev/
// interactivity/handling-user-interaction#modal_responses; views.open answers
// expired_trigger_id after that, https://docs.slack.dev/reference/methods/views.open).
// Reading boards, private channels' members and people can take longer than that in a big
// workspace or a burst, so nothing is read before the trigger is used: the modal opens
// "Loading…" at once, and views.update replaces it with the form, or with what stops it.
import type { ModalView, WebClient } from "@slack/web-api";
import { isAppError } from "../errors";
import type { Logger } from "../logger";
import { slackErrorOf } from "./slack-error";
import { context, section, truncate } from "./views/blocks";
import { wordsFor, type Words } from "./views/problems";

/** Slack's limit on a modal's title (https://docs.slack.dev/reference/views/modal-views). */
const TITLE_MAX = 24;
export const LOADING_CALLBACK_ID = "form.loading";
/** A form that could not be shown, and why (it has no submit: nothing comes back from it). */
export const PROBLEM_CALLBACK_ID = "form.problem";

/** What shows for the instant between the click and the form. */
export function loadingModal(title: string): ModalView {
  return {
    type: "modal",
    callback_id: LOADING_CALLBACK_ID,
    title: { type: "plain_text", text: truncate(title, TITLE_MAX) },
    close: { type: "plain_text", text: "Close" },
    blocks: [section("Loading…")],
  };
}

/** A form that cannot be shown: what was wrong and what works instead, in place of the form. */
export function problemModal(title: string, { text, hint }: Words): ModalView {
  return {
    type: "modal",
    callback_id: PROBLEM_CALLBACK_ID,
    title: { type: "plain_text", text: truncate(title, TITLE_MAX) },
    close: { type: "plain_text", text: "Close" },
    blocks: [section(text), ...(hint ? [context(hint)] : [])],
  };
}

export interface OpenFormOptions {
  client: WebClient;
  triggerId: string;
  /** The form's title, shown while it loads and over any problem. */
  title: string;
  logger: Logger;
  /** Everything the form needs: lookups, access checks. An AppError thrown here is shown in the modal. */
  build: () => Promise<ModalView>;
}

/**
 * Opens the modal at once with the trigger, then shows what `build` makes in it. Resolves
 * with the form's view id. An error in `build` that is not the person's (not an AppError) is
 * shown as our fault and then thrown, for the listener's error log.
 */
export async function openFormAtOnce({
  client,
  triggerId,
  title,
  logger,
  build,
}: OpenFormOptions): Promise<string | undefined> {
  const opened = await client.views.open({ trigger_id: triggerId, view: loadingModal(title) });
  const viewId = opened.view?.id;
  let view: ModalView;
  let failure: unknown;
  try {
    view = await build();
  } catch (error) {
    if (!isAppError(error)) failure = error;
    view = problemModal(
      title,
      isAppError(error)
        ? wordsFor(error.problem)
        : { text: "Something went wrong on our side and the form could not be opened. Please try again in a minute." },
    );
  }
  if (viewId) await showIn(client, logger, { viewId, hash: opened.view?.hash, title }, view);
  if (failure) throw failure;
  return viewId;
}

/**
 * Replaces the "Loading…" view. The hash makes Slack refuse the update if the view changed
 * meanwhile (it cannot while it loads). A view the person closed first is gone (not_found:
 * nothing to show it to); any other refusal would leave them looking at "Loading…", so the
 * problem is shown in its place instead.
 */
async function showIn(
  client: WebClient,
  logger: Logger,
  { viewId, hash, title }: { viewId: string; hash: string | undefined; title: string },
  view: ModalView,
): Promise<void> {
  try {
    await client.views.update({ view_id: viewId, ...(hash ? { hash } : {}), view });
  } catch (error) {
    if (slackErrorOf(error) === "not_found") {
      logger.info({ err: error }, "a form was closed before it loaded");
      return;
    }
    logger.error({ err: error }, "a form could not be shown in place of Loading…");
    const fallback = problemModal(title, {
      text: "Something went wrong on our side and the form could not be shown. Close this and try again in a minute.",
    });
    await client.views
      .update({ view_id: viewId, view: fallback })
      .catch((err: unknown) => logger.warn({ err }, "nor could the problem be shown"));
  }
}
