// Durable work, as listeners see it: a kind of work (a name, what it carries, how it is
// done) and a DurableWork to leave it with before acknowledging. How it is kept and done
// (the "commands" queue in Redis, a job run by whichever process is free) is jobs/commands/.
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import type { SlackDeps } from "./deps";
import type { MessageView } from "./views/blocks";
import type { DeliveryClaim } from "./middleware/dedupe";
import { wordsFor } from "./views/problems";

export type Workspace = { id: string; timeZone: string };

/** A reply through the request's response_url, as Bolt's respond() sends it. */
export interface Reply {
  text: string;
  blocks?: MessageView["blocks"];
  response_type?: "ephemeral" | "in_channel";
  replace_original?: boolean;
}

/** What a piece of work knows of the request it came from. */
export interface WorkRequest {
  workspace: Workspace;
  userId: string;
  channelId: string | undefined;
  /** When Slack delivered the request: "tomorrow" means the day after this. */
  receivedAt: Date;
  /** The bot's client for the workspace. */
  client: WebClient;
  /** Answers through response_url; undefined when the request had none (a Home tab button). */
  respond: ((reply: Reply) => Promise<void>) | undefined;
}

/** One kind of durable work: a name, what it carries, and how it is done. */
export interface WorkKind<I> {
  name: string;
  input: z.ZodType<I>;
  /**
   * True when doing this again does no harm: it only reads, or what it writes is keyed
   * on the request (a second run finds it done). Work that is not is never run twice:
   * taken up after a process died with it under way, the person is told to check.
   */
  isSafeToRerun(input: I): boolean;
  run(deps: SlackDeps, request: WorkRequest, input: I): Promise<void>;
}

/** What a person is told when work that cannot safely be run twice was interrupted. */
export const INTERRUPTED_MESSAGE =
  "Minutebook stopped while doing this, so it may or may not have been done. Check before asking again.";

export function defineWork<I>(kind: WorkKind<I>): WorkKind<I> {
  return kind;
}

/** Who asked, as kept with the work. */
export interface WorkAsker {
  workspace: Workspace;
  userId: string;
  channelId: string | undefined;
  responseUrl: string | undefined;
  receivedAt: Date;
}

export interface DurableWork {
  /**
   * Keeps the work in Redis, to be done by whichever web process is free; resolves with its
   * id. Throws AppError "busy" when more is waiting than can be done in the next half minute.
   */
  add<I>(kind: WorkKind<I>, request: WorkAsker, input: I): Promise<string>;
  /**
   * `add`, with the request's delivery claimed (middleware/dedupe.ts) on the same trip, not
   * before it: the work carries its claim and is done only by the delivery that holds it.
   * Resolves with the work's id, or undefined for a repeat (its work, if kept, does nothing).
   */
  addIfFirst<I>(
    claim: Pick<DeliveryClaim, "key" | "token" | "seconds" | "claim">,
    kind: WorkKind<I>,
    request: WorkAsker,
    input: I,
  ): Promise<string | undefined>;
  /**
   * Keeps a copy of work this process is doing from memory (a read acknowledged before it
   * was answered), done only if nothing settles it within `dueInMs`: if this process dies
   * first, the copy does the work and answers. Resolves with the copy's handle for `settle`.
   */
  keepCopy<I>(kind: WorkKind<I>, request: WorkAsker, input: I, dueInMs: number): Promise<string>;
  /**
   * `keepCopy`, and the request's delivery claimed (middleware/dedupe.ts), in one step: the
   * copy is kept only if this is the first delivery. Resolves with the copy's handle, or
   * undefined for a repeat (nothing kept).
   */
  keepCopyIfFirst<I>(
    claim: Pick<DeliveryClaim, "key" | "token" | "seconds">,
    kind: WorkKind<I>,
    request: WorkAsker,
    input: I,
    dueInMs: number,
  ): Promise<string | undefined>;
  /**
   * The work this copy stands for was done and answered from memory: the copy is removed, or,
   * if it was already due and on its way, marked answered so it stays quiet when it runs.
   */
  settle(copy: string): Promise<void>;
  /** Puts the copies that have fallen due on the queue, to be done; resolves with how many. */
  moveDueCopies(): Promise<number>;
  /** About how much is waiting in Redis: read at most every quarter second, and a count up to a second old answers at once while the next is read. */
  waiting(): Promise<number>;
  /**
   * Runs what a listener does before its acknowledgement (its claim against repeats, keeping
   * its work) counted as an acknowledgement under way, which work waits for (below).
   */
  acknowledging<T>(acknowledge: () => Promise<T>): Promise<T>;
  /**
   * Resolves once no request this process received is still being acknowledged: its claim taken, its work kept in Redis (or after
   * ACK_PRIORITY_MS at most): work waits for acknowledgements, as Slack's three seconds do not.
   */
  afterAcknowledgements(): Promise<void>;
}

/** What someone is told when too much is waiting (their command was not kept); tests and benches look for it. */
export const BUSY_MESSAGE = wordsFor({ code: "busy", backlog: "queue" }).text;

/** Only the person sees it: beside the message through response_url, else (a Home tab or a form has no conversation to answer in) by DM. */
export async function answerPerson(
  to: { client: WebClient; userId: string; respond: ((reply: Reply) => Promise<unknown>) | undefined },
  view: Pick<Reply, "text" | "blocks">,
): Promise<void> {
  if (to.respond)
    await to.respond({ response_type: "ephemeral", replace_original: false, text: view.text, blocks: view.blocks });
  else await to.client.chat.postMessage({ channel: to.userId, text: view.text, blocks: view.blocks });
}
