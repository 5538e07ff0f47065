import { type FormulaFunction, signature, strict, txt } from "./define";

type List = Array<string | null> | null;

export const arrayFunctions = {
  ARRAYJOIN: {
    category: "array",
    signature: "ARRAYJOIN(list, [separator])",
    minArgs: 1,
    maxArgs: 2,
    check: signature("ARRAYJOIN", ["array", "text"], "text"),
    // Blank items are left out; the default separator is ", ".
    evaluate: strict(([list, sep], env) => {
      if (list === null) return null;
      const separator = sep === undefined ? ", " : (txt(env, 1, sep) ?? "");
      return (list as string[]).filter((x) => x !== null).join(separator);
    }),
  },
  ARRAYUNIQUE: {
    category: "array",
    signature: "ARRAYUNIQUE(list)",
    minArgs: 1,
    maxArgs: 1,
    check: signature("ARRAYUNIQUE", ["array"], "array"),
    evaluate: strict(([list]) => (list === null ? null : [...new Set(list as List)])),
  },
  ARRAYCOMPACT: {
    category: "array",
    signature: "ARRAYCOMPACT(list)",
    minArgs: 1,
    maxArgs: 1,
    check: signature("ARRAYCOMPACT", ["array"], "array"),
    // Drops blank items (empty text included).
    evaluate: strict(([list]) => (list === null ? null : (list as string[]).filter((x) => x !== null && x !== ""))),
  },
} satisfies Record<string, FormulaFunction>;
