// The databases a workspace can connect (PRODUCT.md, "External connections").
// Universal: pages offer these, the server picks an adapter for each.
export const connectionKinds = ["postgres", "mysql", "mongodb"] as const;
export type ConnectionKind = (typeof connectionKinds)[number];

/** The port each kind listens on unless told otherwise. */
export const defaultPorts: Record<ConnectionKind, number> = { postgres: 5432, mysql: 3306, mongodb: 27017 };

/**
 * The TLS choice of a connection: never; when the server offers it; always,
 * without checking the certificate (a self-signed server); or always, with
 * the certificate checked against the system's authorities and the host name.
 */
export const tlsModes = ["disable", "prefer", "require", "verify"] as const;
export type TlsMode = (typeof tlsModes)[number];
