import "server-only";
import type { Document } from "mongodb";
import type { DiscoveredColumn, ExternalFieldType } from "../connector";

/** How deep nested documents are followed into dotted paths. */
const maxDepth = 5;

function bsonTypeOf(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return "string";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "double";
  if (typeof value === "boolean") return "bool";
  if (value instanceof Date) return "date";
  if (Array.isArray(value)) return "array";
  const bsonType = (value as { _bsontype?: string })._bsontype;
  if (bsonType === undefined) return "object";
  const names: Record<string, string> = { ObjectId: "objectId", Decimal128: "decimal", Long: "long", Int32: "int", Double: "double", Binary: "binData" };
  return names[bsonType] ?? bsonType.toLowerCase();
}

const families: Record<string, ExternalFieldType> = {
  string: "text",
  objectId: "text",
  int: "number",
  long: "number",
  double: "number",
  decimal: "number",
  bool: "boolean",
  date: "datetime",
};

type Seen = { types: Set<string>; present: number };

/**
 * Columns of a collection inferred from sampled documents: nested documents
 * become dotted paths; a path seen with values of different kinds is
 * reported as mixed (and shown as text); one missing from some documents, or
 * null in some, is nullable. Keys that cannot be addressed by a path (with a
 * dot, or starting with $) are left out.
 */
export function inferCollectionColumns(documents: Document[]): DiscoveredColumn[] {
  const seen = new Map<string, Seen>();
  const visit = (document: Document, prefix: string, depth: number) => {
    for (const [key, value] of Object.entries(document)) {
      if (key.includes(".") || key.startsWith("$") || key === "") continue;
      const path = prefix + key;
      const type = bsonTypeOf(value);
      if (type === "object" && depth < maxDepth && Object.keys(value as Document).length > 0) {
        visit(value as Document, `${path}.`, depth + 1);
        continue;
      }
      const entry = seen.get(path) ?? { types: new Set<string>(), present: 0 };
      entry.types.add(type);
      entry.present += 1;
      seen.set(path, entry);
    }
  };
  for (const document of documents) visit(document, "", 1);
  const columns = [...seen.entries()].map(([name, { types, present }]): DiscoveredColumn => {
    const valued = [...types].filter((t) => t !== "null").sort();
    const kinds = new Set(valued.map((t) => families[t] ?? "long_text"));
    const mixed = kinds.size > 1;
    return {
      name,
      type: kinds.size === 1 ? [...kinds][0]! : "long_text",
      nativeType: valued.join("|") || "null",
      nullable: present < documents.length || types.has("null"),
      ...(mixed ? { mixed } : {}),
    };
  });
  // _id first, as MongoDB shows it.
  return columns.sort((a, b) => Number(b.name === "_id") - Number(a.name === "_id"));
}
