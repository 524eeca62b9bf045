// `npm run rotate-key`: after ENCRYPTION_KEY has been changed (with the old key in
// ENCRYPTION_KEY_PREVIOUS), re-encrypts every stored installation with the new key,
// so the previous key can then be removed. Safe to run twice and while the app runs.
import { ConfigError, loadConfig, loadDotEnv } from "../config";
import { createDb } from "../db/client";
import { reencryptInstallations } from "../slack/installation-store";

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig(process.env);
  if (!config.encryption)
    throw new ConfigError(["ENCRYPTION_KEY is missing: there is no key to re-encrypt the stored installations with"]);
  const db = createDb({ databaseUrl: config.databaseUrl, poolSize: 2 });
  try {
    const result = await reencryptInstallations(db, config.encryption);
    process.stdout.write(
      `${result.reencrypted} installation(s) re-encrypted with key ${config.encryption.current.id}; ${result.current} already were. ENCRYPTION_KEY_PREVIOUS can now be removed.\n`,
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
