import { type ConnectionKind, defaultPorts, type TlsMode } from "@/lib/connections/connection-kinds";
import type { ConnectionSummary, CreateConnectionInput, UpdateConnectionInput } from "./connection-types";

export const kindLabels: Record<ConnectionKind, string> = { postgres: "PostgreSQL", mysql: "MySQL / MariaDB", mongodb: "MongoDB" };

/** The port each kind listens on unless told otherwise (the server fills in the same). */

export const tlsLabels: Record<TlsMode, string> = {
  disable: "Off",
  prefer: "Prefer",
  require: "Require (any certificate)",
  verify: "Verify (certificate and host name)",
};

const urlExamples: Record<ConnectionKind, string> = {
  postgres: "postgresql://user:password@host:5432/database",
  mysql: "mysql://user:password@host:3306/database",
  mongodb: "mongodb://user:password@host:27017/database",
};

export const urlExample = (kind: ConnectionKind) => urlExamples[kind];

/**
 * The create/edit dialog's form. The password and the URL (which may hold
 * one) start empty even when editing: the API never returns them, and empty
 * means "keep". When editing, `tls` is the stored mode (null from the API
 * when it cannot be read: then empty, which means "keep").
 */
export type ConnectionDraft = {
  name: string;
  kind: ConnectionKind;
  mode: "fields" | "url";
  url: string;
  host: string;
  port: string;
  user: string;
  password: string;
  database: string;
  tls: TlsMode | "";
  readOnly: boolean;
};

export function draftOf(connection?: ConnectionSummary): ConnectionDraft {
  if (!connection) {
    return { name: "", kind: "postgres", mode: "fields", url: "", host: "", port: "", user: "", password: "", database: "", tls: "prefer", readOnly: false };
  }
  return {
    name: connection.name,
    kind: connection.kind,
    mode: "fields",
    url: "",
    host: connection.host,
    port: connection.port === null ? "" : String(connection.port),
    user: connection.user ?? "",
    password: "",
    database: connection.database ?? "",
    tls: connection.tls ?? "",
    readOnly: connection.readOnly,
  };
}

const portOf = (text: string) => (text.trim() === "" ? undefined : Number(text));

export function createInput(workspaceId: string, draft: ConnectionDraft): CreateConnectionInput {
  const common = { workspaceId, name: draft.name.trim(), kind: draft.kind, readOnly: draft.readOnly };
  // A URL says its TLS mode itself (sslmode=, tls=); a TLS field would override it.
  if (draft.mode === "url") return { ...common, url: draft.url.trim() };
  return {
    ...common,
    ...(draft.tls ? { tls: draft.tls } : {}),
    host: draft.host.trim(),
    port: portOf(draft.port),
    user: draft.user.trim() || undefined,
    password: draft.password || undefined,
    database: draft.database.trim() || undefined,
  };
}

/**
 * Only what the form changed: the server treats any configuration key as a
 * new configuration (forgetting the tested status and the cached schema), so
 * a rename must send the name alone.
 */
export function updateInput(connection: ConnectionSummary, draft: ConnectionDraft): UpdateConnectionInput {
  const input: UpdateConnectionInput = { connectionId: connection.id };
  if (draft.name.trim() !== connection.name) input.name = draft.name.trim();
  if (draft.readOnly !== connection.readOnly) input.readOnly = draft.readOnly;
  if (draft.mode === "url") {
    if (draft.url.trim()) input.url = draft.url.trim();
    return input;
  }
  const before = draftOf(connection);
  if (draft.tls && draft.tls !== before.tls) input.tls = draft.tls;
  if (draft.host.trim() !== before.host) input.host = draft.host.trim();
  if (draft.port.trim() !== before.port) input.port = portOf(draft.port) ?? defaultPorts[connection.kind];
  if (draft.user.trim() !== before.user) input.user = draft.user.trim();
  if (draft.database.trim() !== before.database) input.database = draft.database.trim();
  if (draft.password) input.password = draft.password;
  return input;
}
