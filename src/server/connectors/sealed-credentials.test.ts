import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { describe, expect, test, vi } from "vitest";
import { openCredentials, sealCredentials } from "./sealed-credentials";
import { resolveSecretKey } from "./secret-key";

describe("sealed credentials (AES-256-GCM)", () => {
  const key = randomBytes(32);
  const secret = JSON.stringify({ password: "hunter2 ünïcode" });

  test("open what was sealed; the sealed text shows nothing of it and differs every time", () => {
    const a = sealCredentials(key, "conn1", secret);
    const b = sealCredentials(key, "conn1", secret);
    expect(a).not.toBe(b);
    expect(a).not.toContain("hunter2");
    expect(openCredentials(key, "conn1", a)).toBe(secret);
  });

  test("another key, another connection's id, or one changed byte: refused, naming no secret", () => {
    const sealed = sealCredentials(key, "conn1", secret);
    expect(() => openCredentials(randomBytes(32), "conn1", sealed)).toThrow(/cannot be decrypted/);
    expect(() => openCredentials(key, "conn2", sealed)).toThrow(/cannot be decrypted/);
    const body = Buffer.from(sealed.slice(3), "base64url");
    body[body.length - 1]! ^= 1;
    expect(() => openCredentials(key, "conn1", `v1.${body.toString("base64url")}`)).toThrow(/cannot be decrypted/);
    expect(() => openCredentials(key, "conn1", "plain text")).toThrow(/Unknown format/);
  });
});

describe("the secret key", () => {
  test("a configured key (hex or base64) is used as is; a bad one is refused", () => {
    const bytes = randomBytes(32);
    expect(resolveSecretKey({ configured: bytes.toString("hex"), dataDir: "unused" })).toEqual(bytes);
    expect(resolveSecretKey({ configured: bytes.toString("base64"), dataDir: "unused" })).toEqual(bytes);
    expect(() => resolveSecretKey({ configured: "short", dataDir: "unused" })).toThrow(/32 bytes/);
  });

  test("with a shared PostgreSQL a key must be configured", () => {
    expect(() => resolveSecretKey({ databaseUrl: "postgres://db/app", dataDir: "unused" })).toThrow(/TESSERA_SECRET_KEY is required/);
  });

  test("the embedded default generates a key once into the data directory, with a warning, and reuses it", () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "tessera-key-")), "nested");
    const warn = vi.fn();
    const first = resolveSecretKey({ dataDir }, warn);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/generated a key/));
    const file = path.join(dataDir, "secret.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(first.toString("hex"));
    const again = vi.fn();
    expect(resolveSecretKey({ dataDir }, again)).toEqual(first);
    expect(again).not.toHaveBeenCalled();
  });

  test("in memory, a key for the process only, with a warning", () => {
    const warn = vi.fn();
    expect(resolveSecretKey({ dataDir: "memory://" }, warn)).toHaveLength(32);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/memory only/));
  });
});
