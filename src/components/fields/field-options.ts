import { formString } from "@/lib/utils";

export type OptionInput =
  | "precision"
  | "symbol"
  | "max"
  | "choices"
  | "timeZone"
  | "format"
  | "multiple"
  | "linkedTableId"
  | "inverseName"
  | "linkFieldId"
  | "lookupFieldId"
  | "fn"
  | "formula";

/** Which option inputs a type's form shows; types absent here have no options to set. */
export const optionInputs: Partial<Record<string, ReadonlyArray<OptionInput>>> = {
  number: ["precision"],
  currency: ["symbol", "precision"],
  percent: ["precision"],
  duration: ["format"],
  rating: ["max"],
  single_select: ["choices"],
  multi_select: ["choices"],
  date: ["timeZone"],
  datetime: ["timeZone"],
  user: ["multiple"],
  link: ["linkedTableId", "multiple", "inverseName"],
  lookup: ["linkFieldId", "lookupFieldId"],
  rollup: ["linkFieldId", "lookupFieldId", "fn"],
  count: ["linkFieldId"],
  formula: ["formula"],
};

// The option an input sets, where the names differ: "tableId" and "fieldId"
// already name, in the forms, the table and the field being changed.
const optionKeys: Partial<Record<OptionInput, string>> = { linkedTableId: "tableId", lookupFieldId: "fieldId" };

export const optionKey = (input: OptionInput): string => optionKeys[input] ?? input;

/** The input that sets a type's option, by the option's name (as the server's errors give it). */
export function optionInputFor(type: string, key: string): OptionInput | undefined {
  return (optionInputs[type] ?? []).find((input) => optionKey(input) === key);
}

// Set once, when the field is created: the server does not check a changed
// link target, computed source or user multiplicity against the stored values.
const fixedOnceCreated: ReadonlySet<string> = new Set(["user", "link", "lookup", "rollup", "count"]);

/** The option inputs a field's edit form shows. */
export function editableOptionInputs(type: string): ReadonlyArray<OptionInput> {
  return fixedOnceCreated.has(type) ? [] : (optionInputs[type] ?? []);
}

type Choice = { id?: string; name: string; color?: string };

// A blank input leaves the option to its default; what is not a number goes on for the server to refuse.
function numberOption(formData: FormData, name: string): unknown {
  const text = formString(formData, name).trim();
  if (text === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

/** Choice names, one per line, blank lines skipped. */
export function choiceNames(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * A field's options from its form. Select choices are typed as names; a name
 * the field already had keeps its id and colour, so its cells keep their value.
 */
export function fieldOptionsFromForm(type: string, formData: FormData, previous?: unknown): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const input of optionInputs[type] ?? []) {
    if (input === "precision" || input === "max") {
      const n = numberOption(formData, input);
      if (n !== undefined) options[input] = n;
    } else if (input === "multiple") {
      // A checkbox: absent when unchecked.
      options.multiple = formData.get("multiple") === "true";
    } else if (input === "choices") {
      const before = ((previous as { choices?: Choice[] } | undefined)?.choices ?? []) as Choice[];
      options.choices = choiceNames(formString(formData, "choices")).map((name) => {
        const kept = before.find((c) => c.name === name);
        return kept ? { ...kept } : { name };
      });
    } else {
      const text = formString(formData, input).trim();
      if (text !== "") options[optionKey(input)] = text;
    }
  }
  return options;
}
