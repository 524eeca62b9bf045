// Minutebook's installations, one row per workspace (team or enterprise) that installed it
// through OAuth, the installation sealed (encrypted) at rest. Slack's side of them, Bolt's
// installation store and the clients built from them, is slack/installation-store.ts and
// slack/clients.ts; the rows are kept here.
import type { Db } from "../../db/client";
import { open, seal, type Keyring } from "../../security/token-crypto";

/** A team's installation as stored: sealed, with the workspace it belongs to. */
export interface SealedInstallation {
  workspaceId: string | null;
  encryptionKeyId: string;
  payloadCiphertext: string;
}

/** A team's latest installation, unless it was revoked. */
export async function findInstallation(db: Db, teamId: string): Promise<SealedInstallation | undefined> {
  const row = await db.installation.findFirst({
    where: { teamId, revokedAt: null },
    orderBy: { updatedAt: "desc" },
    select: { workspaceId: true, encryptionKeyId: true, payloadCiphertext: true },
  });
  return row ?? undefined;
}

/**
 * Which installation serves a workspace now (unless revoked, or the workspace uninstalled),
 * and its version: a client built from it is good while the version stays.
 */
export async function findLiveInstallation(
  db: Db,
  workspaceId: string,
): Promise<{ teamId: string | null; version: string } | undefined> {
  const row = await db.installation.findFirst({
    where: { workspaceId, revokedAt: null, workspace: { uninstalledAt: null } },
    orderBy: { updatedAt: "desc" },
    select: { id: true, teamId: true, updatedAt: true },
  });
  return row ? { teamId: row.teamId, version: `${row.id}@${row.updatedAt.toISOString()}` } : undefined;
}

/** What is kept of an installation besides its sealed payload. */
export interface InstallationFields {
  teamId: string;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  botUserId: string | null;
  botId: string | null;
  botScopes: string[];
  installerUserId: string;
  payloadCiphertext: string;
  encryptionKeyId: string;
}

/**
 * Keeps a team's installation: the workspace row, the installation and the end of any
 * uninstalled state change together. Returns the workspace's id when it had uninstalled
 * (its reminders are to be planned again).
 */
export async function saveInstallation(
  db: Db,
  {
    installation,
    workspaceName,
    defaultTimeZone,
  }: { installation: InstallationFields; workspaceName: string | null; defaultTimeZone: string },
): Promise<string | undefined> {
  const { teamId, enterpriseId } = installation;
  const data = { ...installation, revokedAt: null };
  return db.$transaction(async (tx) => {
    const before = await tx.workspace.findUnique({
      where: { slackTeamId: teamId },
      select: { uninstalledAt: true },
    });
    const workspace = await tx.workspace.upsert({
      where: { slackTeamId: teamId },
      create: { slackTeamId: teamId, enterpriseId, name: workspaceName, timeZone: defaultTimeZone },
      update: { uninstalledAt: null, name: workspaceName ?? undefined },
      select: { id: true },
    });
    const existing = await tx.installation.findFirst({ where: { teamId }, select: { id: true } });
    if (existing)
      await tx.installation.update({ where: { id: existing.id }, data: { ...data, workspaceId: workspace.id } });
    else await tx.installation.create({ data: { ...data, workspaceId: workspace.id } });
    return before?.uninstalledAt ? workspace.id : undefined;
  });
}

/** Marks a team's installations revoked (Bolt deleting it). */
export async function revokeInstallations(db: Db, { teamId, now }: { teamId: string; now: Date }): Promise<void> {
  await db.installation.updateMany({ where: { teamId, revokedAt: null }, data: { revokedAt: now } });
}

/** Re-encrypts every stored installation with the current key (after ENCRYPTION_KEY changed). */
export async function reencryptInstallations(
  db: Db,
  keyring: Keyring,
): Promise<{ reencrypted: number; current: number }> {
  const rows = await db.installation.findMany({ select: { id: true, encryptionKeyId: true, payloadCiphertext: true } });
  let reencrypted = 0;
  for (const row of rows) {
    if (row.encryptionKeyId === keyring.current.id) continue;
    const sealed = seal(keyring, open(keyring, { keyId: row.encryptionKeyId, ciphertext: row.payloadCiphertext }));
    await db.installation.update({
      where: { id: row.id },
      data: { payloadCiphertext: sealed.ciphertext, encryptionKeyId: sealed.keyId },
    });
    reencrypted += 1;
  }
  return { reencrypted, current: rows.length - reencrypted };
}
