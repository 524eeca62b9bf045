import { randomBytes } from "node:crypto";
import { DecryptionError, open, parseEncryptionKey, seal } from "../../../src/security/token-crypto";

const key = () => parseEncryptionKey(randomBytes(32).toString("hex"))!;

describe("token encryption (AES-256-GCM)", () => {
  it("reads keys as 64 hex characters or base64 of 32 bytes, and nothing else", () => {
    const bytes = randomBytes(32);
    expect(parseEncryptionKey(bytes.toString("hex"))!.bytes.equals(bytes)).toBe(true);
    expect(parseEncryptionKey(bytes.toString("base64"))!.bytes.equals(bytes)).toBe(true);
    expect(parseEncryptionKey(bytes.toString("hex"))!.id).toBe(parseEncryptionKey(bytes.toString("base64"))!.id);
    expect(parseEncryptionKey("too-short")).toBeUndefined();
    expect(parseEncryptionKey(randomBytes(16).toString("hex"))).toBeUndefined();
  });

  it("round-trips, with a fresh nonce each time, and hides the plaintext", () => {
    const keyring = { current: key() };
    const a = seal(keyring, '{"bot":{"token":"xoxb-secret"}}');
    const b = seal(keyring, '{"bot":{"token":"xoxb-secret"}}');
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ciphertext).not.toContain("xoxb");
    expect(open(keyring, a)).toBe('{"bot":{"token":"xoxb-secret"}}');
  });

  it("opens with the previous key during a rotation, and refuses an unknown key or a changed ciphertext", () => {
    const old = key();
    const sealed = seal({ current: old }, "payload");
    expect(open({ current: key(), previous: old }, sealed)).toBe("payload");
    expect(() => open({ current: key() }, sealed)).toThrow(DecryptionError);
    const [format, iv, tag, body] = sealed.ciphertext.split(".");
    const flipped = Buffer.from(body!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() =>
      open(
        { current: old },
        { keyId: sealed.keyId, ciphertext: [format, iv, tag, flipped.toString("base64url")].join(".") },
      ),
    ).toThrow(/was changed, or the key is wrong/);
  });
});
