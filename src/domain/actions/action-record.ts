import type { Prisma } from "../../db/client";

/** What every action reply, list and view needs: the action, its owners and board. */
export const ACTION_INCLUDE = {
  owners: { orderBy: { position: "asc" } },
  board: {
    select: {
      id: true,
      code: true,
      name: true,
      timeZone: true,
      slackChannelId: true,
      isPrivate: true,
      chairSlackUserId: true,
      secretarySlackUserId: true,
      amberWithinDays: true,
      financialYearStartMonth: true,
    },
  },
} as const satisfies Prisma.ActionInclude;

export type ActionRecord = Prisma.ActionGetPayload<{ include: typeof ACTION_INCLUDE }>;

/** The person acting, as Slack identifies them. */
export interface Actor {
  slackUserId: string;
  /** Workspace admin or owner (users.info is_admin / is_owner). */
  isAdmin: boolean;
}

export type OwnerInput = { slackUserId: string } | { bodyName: string };

export function ownerInputsOf(action: Pick<ActionRecord, "owners">): OwnerInput[] {
  return action.owners.map((o) => (o.slackUserId ? { slackUserId: o.slackUserId } : { bodyName: o.bodyName ?? "" }));
}

/** Owners as stored in an event's before/after: user ids as <@U…>, bodies by name. */
export function describeOwners(owners: readonly OwnerInput[]): string[] {
  return owners.map((o) => ("slackUserId" in o ? `<@${o.slackUserId}>` : o.bodyName));
}
