import { numberFromText } from "../fields/field-type";
import type { ImportableFieldType } from "./import-columns";

// The select types' options accept at most this many choices.
const maxChoices = 1000;

/**
 * Watches a column whose type was chosen (not inferred) for what that type's
 * options need: the decimals its numbers show, the rating scale, the
 * choices of a select. Values that do not fit the type are ignored here;
 * the import leaves those cells empty. Memory is bounded by maxChoices.
 */
export class ChosenTypeProfile {
  private decimals = 0;
  private highest = 0;
  private readonly choices = new Set<string>();

  constructor(readonly type: ImportableFieldType) {}

  add(raw: string): void {
    const value = raw.trim();
    if (value === "") return;
    switch (this.type) {
      case "number":
      case "currency": {
        const n = numberFromText(value.replace(/^[^\d+\-.]+/, ""));
        const dot = value.indexOf(".");
        if (typeof n === "number" && dot !== -1) this.decimals = Math.max(this.decimals, Math.min(8, value.slice(dot + 1).replace(/\D.*$/, "").length));
        return;
      }
      case "rating": {
        const n = numberFromText(value);
        if (typeof n === "number" && Number.isInteger(n)) this.highest = Math.max(this.highest, n);
        return;
      }
      case "single_select":
        this.choose(value);
        return;
      case "multi_select":
        // As the multiple select type reads text: choices separated by commas.
        for (const part of value.split(",")) if (part.trim()) this.choose(part.trim());
        return;
    }
  }

  private choose(name: string) {
    if (this.choices.size < maxChoices) this.choices.add(name.slice(0, 200));
  }

  /** The field's options; absent for types whose defaults serve. */
  options(): Record<string, unknown> | undefined {
    switch (this.type) {
      case "number":
        return { precision: this.decimals };
      case "currency":
        return { precision: Math.max(2, this.decimals) };
      case "rating":
        return { max: Math.min(10, Math.max(5, this.highest)) };
      case "single_select":
      case "multi_select":
        return { choices: [...this.choices].map((name) => ({ name })) };
      default:
        return undefined;
    }
  }
}
