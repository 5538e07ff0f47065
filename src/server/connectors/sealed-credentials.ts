import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * AES-256-GCM with a fresh 12-byte nonce per seal. The connection id is the
 * additional authenticated data, so a sealed value copied onto another
 * connection's row fails to open instead of lending it its credentials.
 * Format: "v1." + base64url(nonce | tag | ciphertext).
 */
const version = "v1";

export function sealCredentials(key: Buffer, connectionId: string, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(connectionId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${version}.${Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

export function openCredentials(key: Buffer, connectionId: string, sealed: string): string {
  const [tag, body] = sealed.split(".");
  if (tag !== version || !body) throw new Error("Unknown format of sealed credentials");
  const bytes = Buffer.from(body, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(connectionId));
  decipher.setAuthTag(bytes.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    // Never the key or the value: only that they do not belong together.
    throw new Error("The connection's credentials cannot be decrypted with this TESSERA_SECRET_KEY");
  }
}
