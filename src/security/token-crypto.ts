// Slack installations (their bot tokens above all) are stored encrypted at rest with
// AES-256-GCM. The key comes from ENCRYPTION_KEY; during a rotation the old key is
// ENCRYPTION_KEY_PREVIOUS, still able to decrypt, while everything new (and anything
// re-saved, see `npm run rotate-key`) is encrypted with the current one.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const FORMAT = "v1";

export interface EncryptionKey {
  /** Short public name of the key (from its hash), stored beside each ciphertext. */
  id: string;
  bytes: Buffer;
}

/** 32 bytes, written as 64 hex characters or in base64; undefined if it is neither. */
export function parseEncryptionKey(text: string): EncryptionKey | undefined {
  const trimmed = text.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (bytes.length !== 32) return undefined;
  return { id: createHash("sha256").update(bytes).digest("hex").slice(0, 12), bytes };
}

export interface Keyring {
  current: EncryptionKey;
  previous?: EncryptionKey | undefined;
}

export interface Sealed {
  keyId: string;
  /** v1.<iv>.<tag>.<ciphertext>, each base64url. */
  ciphertext: string;
}

export function seal(keyring: Keyring, plaintext: string): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, keyring.current.bytes, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url"));
  return { keyId: keyring.current.id, ciphertext: [FORMAT, ...parts].join(".") };
}

export class DecryptionError extends Error {
  readonly code = "decryption_failed";
}

/** Opens what `seal` made with the current or the previous key; throws DecryptionError otherwise. */
export function open(keyring: Keyring, sealed: Sealed): string {
  const key = [keyring.current, keyring.previous].find((k) => k?.id === sealed.keyId);
  if (!key)
    throw new DecryptionError(
      `encrypted with key ${sealed.keyId}, which is neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS`,
    );
  const [format, iv, tag, body] = sealed.ciphertext.split(".");
  if (format !== FORMAT || !iv || !tag || body === undefined) throw new DecryptionError("not a Minutebook ciphertext");
  try {
    const decipher = createDecipheriv(ALGORITHM, key.bytes, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError(`the ciphertext does not open with key ${key.id}: it was changed, or the key is wrong`);
  }
}
