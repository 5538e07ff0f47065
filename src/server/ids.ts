import "server-only";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

// 80 random bits as 16 characters of [a-z2-7]: safe inside SQL identifiers
// (ws_<id>, t_<id>) without quoting tricks, and unguessable.
export function newId(): string {
  return randomBase32(10);
}

export function randomBase32(bytes: number): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  return encodeBase32LowerCaseNoPadding(buf);
}

export const idPattern = /^[a-z2-7]{16}$/;
