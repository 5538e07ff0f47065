import { type FormulaFunction } from "./define";

const asDate = (v: unknown) => (v instanceof Date ? v : new Date(v as string));

export const recordFunctions = {
  RECORD_ID: {
    category: "record",
    signature: "RECORD_ID()",
    minArgs: 0,
    maxArgs: 0,
    check: () => "text",
    evaluate: (_, env) => String(env.record.id),
  },
  CREATED_TIME: {
    category: "record",
    signature: "CREATED_TIME()",
    minArgs: 0,
    maxArgs: 0,
    check: () => "date",
    evaluate: (_, env) => asDate(env.record.createdTime),
  },
  LAST_MODIFIED_TIME: {
    category: "record",
    signature: "LAST_MODIFIED_TIME()",
    minArgs: 0,
    maxArgs: 0,
    check: () => "date",
    evaluate: (_, env) => asDate(env.record.lastModifiedTime),
  },
} satisfies Record<string, FormulaFunction>;
