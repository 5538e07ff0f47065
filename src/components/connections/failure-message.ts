// Type only (erased from the bundle): the reasons the connectors give.
import type { ConnectorFailure } from "@/server/connectors/connector-error";

/** A failed connection or query in a person's words: what happened, then what to check. */
export type FailureExplanation = { title: string; hint: string };

const explanations: Record<ConnectorFailure, FailureExplanation> = {
  unreachable: {
    title: "The database server cannot be reached.",
    hint: "Check the host name and the port, that the database server is running, and that no firewall stands between it and Tessera.",
  },
  connect_timeout: {
    title: "The database server did not answer in time.",
    hint: "Check the host and the port. A firewall that silently drops connections, or a server only reachable through a VPN, looks like this.",
  },
  schema_changed: {
    title: "The table changed since its schema was read.",
    hint: "A column or the table itself is no longer there. Refresh the connection's schema: mounted tables then follow it.",
  },
  auth: {
    title: "The user name or password was refused.",
    hint: "Check the user and the password, and that this user may log in from Tessera's address (pg_hba.conf on PostgreSQL, the user's host in MySQL).",
  },
  database_missing: {
    title: "That database does not exist on the server.",
    hint: "Check the database name (it may be case sensitive), or create the database first.",
  },
  tls_required: {
    title: "The server accepts only encrypted (TLS) connections.",
    hint: "Set TLS to “Require” (or “Verify”, to check the server's certificate) and test again.",
  },
  tls_unavailable: {
    title: "The server does not offer encrypted (TLS) connections.",
    hint: "Set TLS to “Prefer” or “Off”, or turn TLS on in the database server.",
  },
  query_timeout: {
    title: "The query took too long and was stopped.",
    hint: "Add a filter or pick a smaller table: the time limit keeps one query from weighing on the external database.",
  },
  refused: {
    title: "The database refused the request.",
    hint: "The connected user may lack the privilege to read this; the database's own message is below.",
  },
  duplicate_key: {
    title: "A row with that key already exists.",
    hint: "Keys are unique in the external table: choose another value for the key column.",
  },
  rejected_value: {
    title: "The database refused a value.",
    hint: "A column's constraint (not empty, a range, a foreign key) does not accept it; the database's own message is below.",
  },
};

const unknown: FailureExplanation = { title: "The connection failed.", hint: "The database's own message is below." };

export function explainFailure(reason: unknown): FailureExplanation {
  return typeof reason === "string" && Object.hasOwn(explanations, reason) ? explanations[reason as ConnectorFailure] : unknown;
}
