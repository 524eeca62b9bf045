// Bolt's installation store, kept in PostgreSQL (domain/workspaces/installations.ts): one
// row per workspace that installed Minutebook through OAuth, the installation (bot token
// included) encrypted at rest. Installing links the row to the workspace and brings an
// uninstalled workspace back.
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Db } from "../db/client";
import type { Logger } from "../logger";
import {
  findInstallation,
  reencryptInstallations,
  revokeInstallations,
  saveInstallation,
} from "../domain/workspaces/installations";
import { open, seal, type Keyring } from "../security/token-crypto";

type AnyInstallation = Installation<"v1" | "v2", boolean>;

export interface LiveInstallation {
  teamId: string;
  workspaceId: string | null;
  botToken: string;
  botId: string | undefined;
  botUserId: string | undefined;
}

/** The team an installation or a query is for: the enterprise for an org-wide install. */
function teamKey(installation: {
  isEnterpriseInstall?: boolean;
  team?: { id?: string } | undefined;
  enterprise?: { id?: string } | undefined;
}): string | undefined {
  return installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
}

export interface PrismaInstallationStore extends InstallationStore {
  /** The bot token and identity of a team's installation, unless it was revoked or uninstalled. */
  liveInstallation(teamId: string): Promise<LiveInstallation | undefined>;
}

export interface InstallationStoreOptions {
  db: Db;
  keyring: Keyring;
  logger: Logger;
  defaultTimeZone: string;
  /** Called after a workspace that had uninstalled installs again (its reminders are planned again). */
  onReinstalled?: (workspaceId: string) => Promise<void>;
}

export function createInstallationStore({
  db,
  keyring,
  logger,
  defaultTimeZone,
  onReinstalled,
}: InstallationStoreOptions): PrismaInstallationStore {
  /** A team's installation (decrypted), unless it was revoked. */
  const read = async (
    teamId: string,
  ): Promise<{ workspaceId: string | null; installation: AnyInstallation } | undefined> => {
    const row = await findInstallation(db, teamId);
    if (!row) return undefined;
    return {
      workspaceId: row.workspaceId,
      installation: JSON.parse(
        open(keyring, { keyId: row.encryptionKeyId, ciphertext: row.payloadCiphertext }),
      ) as AnyInstallation,
    };
  };

  const live = async (teamId: string): Promise<LiveInstallation | undefined> => {
    const found = await read(teamId);
    if (!found) return undefined;
    const { installation } = found;
    const token = installation.bot?.token;
    if (!token) return undefined;
    return {
      teamId,
      workspaceId: found.workspaceId,
      botToken: token,
      botId: installation.bot?.id,
      botUserId: installation.bot?.userId,
    };
  };

  return {
    liveInstallation: live,

    async storeInstallation(installation) {
      const teamId = teamKey(installation);
      if (!teamId) throw new Error("an installation without a team or enterprise id");
      const sealed = seal(keyring, JSON.stringify(installation));
      const enterpriseId = installation.enterprise?.id ?? null;
      const reinstalled = await saveInstallation(db, {
        installation: {
          teamId,
          enterpriseId,
          isEnterpriseInstall: Boolean(installation.isEnterpriseInstall),
          appId: installation.appId ?? null,
          botUserId: installation.bot?.userId ?? null,
          botId: installation.bot?.id ?? null,
          botScopes: installation.bot?.scopes ?? [],
          installerUserId: installation.user.id,
          payloadCiphertext: sealed.ciphertext,
          encryptionKeyId: sealed.keyId,
        },
        workspaceName: installation.team?.name ?? installation.enterprise?.name ?? null,
        defaultTimeZone,
      });
      if (reinstalled) await onReinstalled?.(reinstalled);
      logger.info(
        { teamId, enterpriseId, installerUserId: installation.user.id, keyId: sealed.keyId },
        "Minutebook installed in a workspace",
      );
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const teamId = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
      const found = teamId ? await read(teamId) : undefined;
      if (!found) throw new Error(`Minutebook is not installed in ${teamId ?? "this workspace"}`);
      return found.installation;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      const teamId = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
      if (teamId) await revokeInstallations(db, { teamId, now: new Date() });
    },
  };
}

/** Kept here too for the key rotation command (src/cli/rotate-key.ts). */
export { reencryptInstallations };
