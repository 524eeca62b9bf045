// What Minutebook's middleware adds to Bolt's context, typed once: the App is
// `App<MinutebookContext>`, so every listener reads `context.workspace` without a cast.
import type { AllMiddlewareArgs } from "@slack/bolt";
import type { WorkspaceRef } from "../domain/workspaces/ensure-workspace";
import type { DeliveryClaim } from "./middleware/dedupe";

export interface MinutebookContext {
  [key: string]: unknown;
  /** The workspace the request came from (middleware/workspace.ts); absent for a request from no team. */
  workspace?: WorkspaceRef;
  /** A request whose listener claims its delivery itself (middleware/dedupe.ts, `leavesClaimTo`): the claim to take. */
  deliveryClaim?: DeliveryClaim;
}

/** A listener's arguments: Bolt's for its kind of request, with Minutebook's context. */
export type ListenerArgs<Args> = Args & AllMiddlewareArgs<MinutebookContext>;
