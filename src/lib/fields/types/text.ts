import { z } from "zod";
import { type FieldTypeDefinition, invalid, ok } from "../field-type";

const textOps = ["eq", "neq", "contains", "not_contains", "starts_with", "ends_with", "is_empty", "is_not_empty", "in", "not_in"] as const;

/** A text-like type: stored as `text`, empty string stored as null. */
function textType(
  type: "text" | "long_text" | "email" | "url" | "phone",
  label: string,
  maxLength: number,
  check?: (value: string) => string | null,
): FieldTypeDefinition<Record<string, never>> {
  return {
    type,
    label,
    options: z.object({}).strict(),
    storage: () => ({ kind: "column", sqlType: "text" }),
    readOnly: false,
    toDb(value) {
      if (value === null || value === undefined || value === "") return ok(null);
      if (typeof value !== "string") return invalid("expected text");
      if (value.length > maxLength) return invalid(`is longer than ${maxLength} characters`);
      // PostgreSQL text cannot hold NUL.
      if (value.includes("\u0000")) return invalid("cannot contain NUL characters");
      const problem = check?.(value);
      return problem ? invalid(problem) : ok(value);
    },
    fromDb: (raw) => raw ?? null,
    operators: textOps,
    canBePrimary: true,
  };
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^[+()\d][\d\s().\-/]*(?:\s*(?:x|ext\.?)\s*\d+)?$/i;

export const text = textType("text", "Single line text", 100_000, (v) => (v.includes("\n") ? "cannot contain line breaks (use long text)" : null));
export const longText = textType("long_text", "Long text", 1_000_000);
export const email = textType("email", "Email", 320, (v) => (emailPattern.test(v) ? null : "is not an email address"));
export const url = textType("url", "URL", 2048, (v) => {
  try {
    const parsed = new URL(v);
    return parsed.protocol === "http:" || parsed.protocol === "https:" || parsed.protocol === "mailto:" ? null : "must be an http(s) URL";
  } catch {
    return "is not a URL";
  }
});
export const phone = textType("phone", "Phone number", 64, (v) =>
  phonePattern.test(v) && /\d/.test(v) ? null : "is not a phone number",
);
