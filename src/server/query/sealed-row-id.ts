import "server-only";
import { createCipheriv, createDecipheriv, createHmac } from "node:crypto";
import { secretKey } from "../connectors/secret-key";

/**
 * Row ids that do not show the key they stand for, for readers a field rule
 * hides a primary key column from: the key's JSON sealed with AES-256-GCM
 * under TESSERA_SECRET_KEY, the table's id as additional data (an id copied
 * to another table does not open). The nonce is an HMAC of the table and the
 * key (a synthetic IV), so one row always has one id: pages, caches and
 * links stay stable, and a nonce repeats only for the same plaintext.
 * Format: "s1." + base64url(nonce | tag | ciphertext).
 */
const prefix = "s1.";

export const isSealedRowId = (id: string) => id.startsWith(prefix);

export function sealRowKey(tableId: string, keyJson: string): string {
  const key = secretKey();
  const nonce = createHmac("sha256", key).update(`row-id\u0000${tableId}\u0000${keyJson}`).digest().subarray(0, 12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(tableId));
  const ciphertext = Buffer.concat([cipher.update(keyJson, "utf8"), cipher.final()]);
  return prefix + Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]).toString("base64url");
}

/** The key's JSON, or null when the id is not a sealed id of this table. */
export function openRowKey(tableId: string, id: string): string | null {
  if (!isSealedRowId(id)) return null;
  const bytes = Buffer.from(id.slice(prefix.length), "base64url");
  if (bytes.length < 29) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", secretKey(), bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(tableId));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
