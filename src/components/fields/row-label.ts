import { valueAsText } from "@/lib/fields/value-text";

/** How a row is named to people (and screen readers): its primary field's text, else its number. */
export function rowLabel(row: { id: string; fields: Record<string, unknown> }, primaryFieldId: string | null): string {
  const value = primaryFieldId ? row.fields[primaryFieldId] : undefined;
  if (typeof value === "string" && value.trim() !== "") return value.length > 60 ? `${value.slice(0, 57)}...` : value;
  if (typeof value === "number") return String(value);
  return `row ${row.id}`;
}

/** A record's title on a card, a chip or a bar: the row's primary value as text, or "Unnamed record". */
export function recordTitle(row: { id: string; fields: Record<string, unknown> }, primaryFieldId: string | null): string {
  const text = primaryFieldId ? valueAsText(row.fields[primaryFieldId]) : "";
  return text.trim() === "" ? "Unnamed record" : text;
}
