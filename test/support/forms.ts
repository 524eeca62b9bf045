// Forms open "Loading…" with the trigger and are filled in by views.update (src/slack/open-form.ts), or are pushed:
// what a person sees as the form is whichever of those calls carries it.
import type { LocalSlack, RecordedCall } from "../../src/local-slack/server";
import { LOADING_CALLBACK_ID } from "../../src/slack/open-form";

const FORM_METHODS = new Set(["views.open", "views.update", "views.push"]);

type Json = Record<string, unknown>;

/** The first successful call (already made or yet to come) that matches. */
function firstCall(
  fake: LocalSlack,
  matches: (call: RecordedCall) => boolean,
  timeoutMs: number,
  what: string,
  since = 0,
): Promise<RecordedCall> {
  const existing = fake.calls.slice(since).find((call) => call.status === 200 && matches(call));
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const stop = fake.onCall((call) => {
      if (call.status !== 200 || !matches(call)) return;
      clearTimeout(timer);
      stop();
      resolve(call);
    });
    const timer = setTimeout(() => {
      stop();
      reject(
        new Error(
          `No ${what} within ${timeoutMs} ms (views calls so far: ${fake.calls.filter((c) => FORM_METHODS.has(c.method)).length})`,
        ),
      );
    }, timeoutMs);
  });
}

/**
 * The form a person is shown: the first views.open, views.update or views.push that matches. A match that
 * is the "Loading…" view (matched, say, by its trigger id) is followed to the views.update that
 * filled it in. `since`: only calls from that index of `fake.calls` on.
 */
export async function formShown(
  fake: LocalSlack,
  predicate: (call: RecordedCall) => boolean = () => true,
  timeoutMs = 5000,
  since = 0,
): Promise<RecordedCall> {
  const call = await firstCall(fake, (c) => FORM_METHODS.has(c.method) && predicate(c), timeoutMs, "form shown", since);
  if ((call.args.view as Json | undefined)?.callback_id !== LOADING_CALLBACK_ID) return call;
  const viewId = (call.response.view as Json | undefined)?.id;
  return firstCall(
    fake,
    (c) => c.method === "views.update" && c.args.view_id === viewId,
    timeoutMs,
    `views.update of ${String(viewId)}`,
  );
}
