import { numberFromText } from "../fields/field-type";
import { isCalendarDate } from "../fields/types/date";

export type InferredField =
  | { type: "text" | "long_text" | "boolean" | "date" | "datetime" | "email" | "url" }
  | { type: "number"; options: { precision: number } }
  | { type: "single_select"; options: { choices: Array<{ name: string }> } };

const booleanWords = new Set(["true", "false", "yes", "no"]);
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?$/;

// A column is a single select when it repeats a few short values: at most
// this many distinct ones, each seen twice on average.
const maxChoices = 20;

/**
 * Watches one column's values and says which field type fits every one of
 * them (API.md: number, boolean, date, datetime, email, url, single select
 * for few distinct values, else text). Constant memory: at most maxChoices
 * distinct values are remembered.
 */
export class ColumnProfile {
  private count = 0;
  private candidates = new Set(["number", "boolean", "date", "datetime", "email", "url"]);
  private precision = 0;
  private distinct: Map<string, number> | null = new Map();
  private multiline = false;
  private longest = 0;

  add(raw: string): void {
    const value = raw.trim();
    if (value === "") return;
    this.count += 1;
    this.longest = Math.max(this.longest, raw.length);
    if (raw.includes("\n") || raw.includes("\r")) this.multiline = true;
    if (this.distinct) {
      this.distinct.set(raw, (this.distinct.get(raw) ?? 0) + 1);
      if (this.distinct.size > maxChoices) this.distinct = null;
    }
    if (this.candidates.size === 0) return;
    // Cheap shape checks first: at a million rows, a regex or a Date per
    // candidate per value is most of the import's time.
    const c = this.candidates;
    const first = value.charCodeAt(0);
    if (c.has("number")) {
      const plausible = (first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46;
      const n = plausible ? numberFromText(value) : null;
      if (typeof n !== "number") c.delete("number");
      else {
        const dot = value.indexOf(".");
        if (dot !== -1) this.precision = Math.max(this.precision, Math.min(8, value.slice(dot + 1).replace(/[eE].*/, "").length));
      }
    }
    if (c.has("boolean") && (value.length > 5 || !booleanWords.has(value.toLowerCase()))) c.delete("boolean");
    if (c.has("date") && (value.length !== 10 || value.charCodeAt(4) !== 45 || !isCalendarDate(value))) c.delete("date");
    if (c.has("datetime")) {
      const sep = value.charCodeAt(10);
      if (value.length < 16 || (sep !== 84 && sep !== 32) || !dateTimePattern.test(value) || !isCalendarDate(value.slice(0, 10))) {
        c.delete("datetime");
      }
    }
    if (c.has("email") && (value.indexOf("@") === -1 || !emailPattern.test(value))) c.delete("email");
    if (c.has("url") && (first !== 104 && first !== 72 ? true : !/^https?:\/\/\S+$/i.test(value))) c.delete("url");
  }

  result(): InferredField {
    if (this.count === 0) return { type: "text" };
    for (const type of ["boolean", "number", "date", "datetime", "email", "url"] as const) {
      if (!this.candidates.has(type)) continue;
      return type === "number" ? { type, options: { precision: this.precision } } : { type };
    }
    if (this.multiline || this.longest > 1000) return { type: "long_text" };
    if (this.distinct && this.distinct.size > 0 && this.count >= this.distinct.size * 2 && this.longest <= 100) {
      return { type: "single_select", options: { choices: [...this.distinct.keys()].map((name) => ({ name: name.trim() })) } };
    }
    return { type: "text" };
  }
}

/** Field names from a header row: trimmed, never empty, unique regardless of case, at most 100 characters. */
export function fieldNamesFromHeader(header: string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    const base = (raw.replace(/\s+/g, " ").trim() || `Field ${i + 1}`).slice(0, 90);
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    seen.add(name.toLowerCase());
    return name;
  });
}
