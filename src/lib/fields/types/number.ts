import { z } from "zod";
import { type FieldTypeDefinition, invalid, numberFromText, ok } from "../field-type";

const numberOps = ["eq", "neq", "lt", "lte", "gt", "gte", "between", "is_empty", "is_not_empty", "in", "not_in"] as const;

const precision = z.number().int().min(0).max(8);

function toNumber(value: unknown): number | null | undefined {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return undefined;
}

/**
 * An integer a JSON number cannot hold exactly (past 2^53), given or read as
 * text, as canonical text; undefined for anything else. Such integers (a
 * bigint primary key of an external table, say) travel as strings so they
 * arrive unrounded.
 */
export function bigIntegerText(value: unknown): string | undefined {
  if (typeof value !== "string" || !/^\s*-?\d+\s*$/.test(value)) return undefined;
  const text = BigInt(value.trim()).toString();
  return Number.isSafeInteger(Number(text)) ? undefined : text;
}

/** numeric column (exact); the API speaks JSON numbers rounded to the field's precision (integers past 2^53 as text). */
function numericType<O extends { precision: number }>(
  type: "number" | "currency" | "percent" | "duration",
  label: string,
  options: z.ZodType<O>,
  range?: { min?: number; max?: number },
  /** Decimals stored beyond the displayed precision (a percent is kept as a fraction). */
  extraDecimals = 0,
  fromText: (text: string, options: O) => unknown = (text) => numberFromText(text),
): FieldTypeDefinition<O> {
  return {
    type,
    label,
    options,
    storage: () => ({ kind: "column", sqlType: "numeric" }),
    readOnly: false,
    toDb(value, o) {
      const big = range || extraDecimals ? undefined : bigIntegerText(value);
      if (big !== undefined) return ok(big);
      const n = toNumber(value);
      if (n === undefined) return invalid("expected a number");
      if (n === null) return ok(null);
      if (range?.min !== undefined && n < range.min) return invalid(`must be at least ${range.min}`);
      if (range?.max !== undefined && n > range.max) return invalid(`must be at most ${range.max}`);
      const factor = 10 ** (o.precision + extraDecimals);
      const rounded = Math.round(n * factor) / factor;
      // Beyond what a double holds at this precision (1e305 × 10^8): refused rather than stored as Infinity.
      if (!Number.isFinite(rounded)) return invalid("is too large");
      return ok(String(rounded));
    },
    fromText,
    fromDb: (raw) => (raw === null || raw === undefined ? null : (bigIntegerText(String(raw)) ?? Number(raw))),
    operators: numberOps,
    canBePrimary: true,
  };
}

export const number = numericType("number", "Number", z.object({ precision: precision.default(0) }).strict());
export const currency = numericType(
  "currency",
  "Currency",
  z.object({ precision: precision.default(2), symbol: z.string().min(1).max(8).default("$") }).strict(),
  undefined,
  0,
  (text, o) => numberFromText(text.replace(o.symbol, "")),
);
/** A percentage as a fraction: 0.25 is shown as 25%. */
export const percent = numericType("percent", "Percent", z.object({ precision: precision.default(0) }).strict(), undefined, 2, (text) => {
  // "25%" is 0.25; a bare number is already the fraction.
  const trimmed = text.trim();
  if (!trimmed.endsWith("%")) return numberFromText(trimmed);
  const n = numberFromText(trimmed.slice(0, -1));
  return typeof n === "number" ? n / 100 : text;
});
/** A duration in seconds; as text, seconds or h:mm[:ss[.s]]. */
export const duration = numericType(
  "duration",
  "Duration",
  z.object({ precision: precision.default(0), format: z.enum(["h:mm", "h:mm:ss", "h:mm:ss.s"]).default("h:mm") }).strict(),
  { min: 0 },
  0,
  (text) => {
    const m = /^\s*(\d+):([0-5]\d)(?::([0-5]\d(?:\.\d+)?))?\s*$/.exec(text);
    return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0) : numberFromText(text);
  },
);

function boundedInteger(
  type: "rating" | "progress",
  label: string,
  options: z.ZodType<{ max: number }>,
): FieldTypeDefinition<{ max: number }> {
  return {
    type,
    label,
    options,
    storage: () => ({ kind: "column", sqlType: "integer" }),
    readOnly: false,
    toDb(value, o) {
      const n = toNumber(value);
      if (n === undefined || (n !== null && !Number.isInteger(n))) return invalid("expected a whole number");
      if (n === null) return ok(null);
      if (n < 0 || n > o.max) return invalid(`must be between 0 and ${o.max}`);
      return ok(n);
    },
    fromText: (text) => numberFromText(text),
    fromDb: (raw) => (raw === null || raw === undefined ? null : Number(raw)),
    operators: numberOps,
    canBePrimary: false,
  };
}

export const rating = boundedInteger("rating", "Rating", z.object({ max: z.number().int().min(1).max(10).default(5) }).strict());
/** Progress in whole percent, 0 to 100. */
export const progress = boundedInteger("progress", "Progress", z.object({ max: z.literal(100).default(100) }).strict());
