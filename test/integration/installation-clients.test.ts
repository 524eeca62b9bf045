// The bot's client for a workspace's work outside a request (reminders, imports,
// commands' work) follows its installation at once: a token replaced by installing
// again, or revoked by uninstalling, is never used again, in any process.
import { randomBytes } from "node:crypto";
import type { Installation } from "@slack/bolt";
import { parseEncryptionKey } from "../../src/security/token-crypto";
import { installedWorkspaceClients, NotInstalledError } from "../../src/slack/clients";
import { createInstallationStore } from "../../src/slack/installation-store";
import { databaseForFile } from "../support/database-for-file";
import { captureLogs } from "../support/logs";

describe("a workspace's bot client for work outside a request", () => {
  const { db } = databaseForFile();

  const installationWith = (token: string): Installation<"v2", false> => ({
    team: { id: "T0CLIENTS", name: "Clients" },
    enterprise: undefined,
    user: { id: "U0INSTALLER", token: undefined, scopes: undefined },
    bot: { id: "B0CLIENTS", userId: "U0BOTCLIENTS", token, scopes: ["chat:write"] },
    appId: "A0MINUTEBOOK",
    isEnterpriseInstall: false,
    tokenType: "bot",
  });

  it("uses the token installed last, at once after installing again, and none after uninstalling", async () => {
    const store = createInstallationStore({
      db: db(),
      keyring: { current: parseEncryptionKey(randomBytes(32).toString("hex"))! },
      logger: captureLogs("warn").logger,
      defaultTimeZone: "Europe/London",
    });
    // Two processes' worth: each remembers what it decrypted.
    const first = installedWorkspaceClients(db(), store, {});
    const second = installedWorkspaceClients(db(), store, {});
    await store.storeInstallation(installationWith("xoxb-first-install"));
    const { id: workspaceId } = await db().workspace.findUniqueOrThrow({ where: { slackTeamId: "T0CLIENTS" } });

    const client = await first(workspaceId);
    expect(client.token).toBe("xoxb-first-install");
    expect(await first(workspaceId)).toBe(client);
    expect((await second(workspaceId)).token).toBe("xoxb-first-install");

    // Uninstalled (tokens revoked) and installed again with a new token.
    await db().installation.updateMany({ where: { workspaceId }, data: { revokedAt: new Date() } });
    await db().workspace.update({ where: { id: workspaceId }, data: { uninstalledAt: new Date() } });
    await expect(first(workspaceId)).rejects.toBeInstanceOf(NotInstalledError);
    await store.storeInstallation(installationWith("xoxb-second-install"));
    expect((await first(workspaceId)).token).toBe("xoxb-second-install");
    expect((await second(workspaceId)).token).toBe("xoxb-second-install");

    await db().installation.updateMany({ where: { workspaceId }, data: { revokedAt: new Date() } });
    await expect(second(workspaceId)).rejects.toBeInstanceOf(NotInstalledError);
  });
});
