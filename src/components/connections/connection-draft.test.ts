import { describe, expect, test } from "vitest";
import { createInput, draftOf, updateInput } from "./connection-draft";
import type { ConnectionSummary } from "./connection-types";

const saved: ConnectionSummary = {
  id: "c1",
  workspaceId: "w1",
  name: "Warehouse",
  kind: "postgres",
  host: "db.example.com",
  port: 5432,
  database: "shop",
  user: "reader",
  readOnly: false,
  tls: "require",
  status: "ok",
  lastError: null,
  lastCheckedAt: null,
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-01T00:00:00.000Z",
};

describe("connection drafts", () => {
  test("editing never starts with a password or a URL; it starts with the stored TLS mode (empty, meaning keep, when unknown)", () => {
    const draft = draftOf(saved);
    expect(draft).toMatchObject({ host: "db.example.com", port: "5432", user: "reader", password: "", url: "", tls: "require" });
    expect(draftOf({ ...saved, tls: null }).tls).toBe("");
    expect(updateInput(saved, { ...draft, tls: "verify" })).toEqual({ connectionId: "c1", tls: "verify" });
  });

  test("a rename sends the name alone, so the tested configuration is kept", () => {
    expect(updateInput(saved, { ...draftOf(saved), name: "Shop" })).toEqual({ connectionId: "c1", name: "Shop" });
  });

  test("a blank password keeps the stored one; a typed one replaces it", () => {
    expect(updateInput(saved, { ...draftOf(saved), host: "db2.example.com" })).toEqual({ connectionId: "c1", host: "db2.example.com" });
    expect(updateInput(saved, { ...draftOf(saved), password: "s3cret" })).toEqual({ connectionId: "c1", password: "s3cret" });
    expect(updateInput(saved, { ...draftOf(saved), mode: "url" })).toEqual({ connectionId: "c1" });
  });

  test("a new connection from fields leaves out what was not typed, and the port as a number", () => {
    const draft = { ...draftOf(), name: " Shop ", host: "127.0.0.1", port: "6543", user: "postgres" };
    expect(createInput("w1", draft)).toStrictEqual({
      workspaceId: "w1",
      name: "Shop",
      kind: "postgres",
      readOnly: false,
      host: "127.0.0.1",
      port: 6543,
      user: "postgres",
      password: undefined,
      database: undefined,
      tls: "prefer",
    });
  });

  test("a new connection from a URL sends the URL with the name and kind, and lets the URL say its TLS mode", () => {
    const draft = { ...draftOf(), name: "Shop", mode: "url" as const, url: "postgresql://u:p@h/db", host: "ignored" };
    expect(createInput("w1", draft)).toEqual({ workspaceId: "w1", name: "Shop", kind: "postgres", readOnly: false, url: "postgresql://u:p@h/db" });
  });
});
