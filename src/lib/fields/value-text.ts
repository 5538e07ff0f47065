/**
 * A field's API value as a person reads it: lists joined with ", ", people,
 * links and files by name. CSV export writes this, and a type change reads
 * it back through the new type, so both agree on what a value "says".
 */
export function valueAsText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(valueAsText).filter(Boolean).join(", ");
  if (typeof value === "object") return String((value as { name?: unknown }).name ?? "");
  return String(value);
}
