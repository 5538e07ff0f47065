import { describe, expect, test } from "vitest";
import { ChosenTypeProfile } from "./chosen-type-profile";
import { type ColumnChoice, columnsSpec, effectiveChoices, importColumnsInput, nameProblems } from "./import-columns";

describe("the columns parameter built from the wizard's choices", () => {
  test("lists only what differs from the defaults", () => {
    expect(
      columnsSpec([
        { header: "Name", inferredType: "text", name: "Name", type: "text" },
        { header: "Qty", inferredType: "number", name: " Packets ", type: "number" },
        { header: "Code", inferredType: "number", name: "Code", type: "text" },
        { header: "Notes", inferredType: "text", name: "Notes", type: "skip" },
      ]),
    ).toEqual([
      { header: "Qty", name: "Packets" },
      { header: "Code", type: "text" },
      { header: "Notes", skip: true },
    ]);
  });

  test("its schema refuses unknown types and keys", () => {
    expect(importColumnsInput.safeParse([{ header: "A", type: "link" }]).success).toBe(false);
    expect(importColumnsInput.safeParse([{ header: "A", colour: "red" }]).success).toBe(false);
    expect(importColumnsInput.safeParse([{ header: "A", name: " " }]).success).toBe(false);
    expect(importColumnsInput.parse([{ header: "A", name: " B ", type: "phone" }])).toEqual([{ header: "A", name: "B", type: "phone" }]);
  });
});

describe("the wizard's checks before sending", () => {
  const column = (header: string, type: ColumnChoice["type"], name = header): ColumnChoice => ({ header, inferredType: "text", name, type });

  test("the first imported column names the rows: a type that cannot becomes text, the picked one returns when it is no longer first", () => {
    const picked = [column("Done", "skip"), column("Active", "boolean"), column("Tag", "single_select")];
    expect(effectiveChoices(picked).map((c) => c.type)).toEqual(["skip", "text", "single_select"]);
    expect(effectiveChoices([{ ...picked[0]!, type: "text" }, ...picked.slice(1)]).map((c) => c.type)).toEqual(["text", "boolean", "single_select"]);
  });

  test("names must be given and unique regardless of case; skipped columns do not count", () => {
    const problems = nameProblems([column("A", "text"), column("B", "text", " a "), column("C", "text", ""), column("D", "skip", "A")]);
    expect([...problems]).toEqual([
      [1, "Another field is already named “a”"],
      [2, "Give the field a name"],
    ]);
  });
});

describe("options for a column of a chosen type", () => {
  const options = (type: ConstructorParameters<typeof ChosenTypeProfile>[0], values: string[]) => {
    const profile = new ChosenTypeProfile(type);
    for (const v of values) profile.add(v);
    return profile.options();
  };

  test.each([
    ["number", ["1.5", "n/a", "2.125", ""], { precision: 3 }],
    ["currency", ["$5", "$7.5"], { precision: 2 }],
    ["rating", ["3", "8", "x"], { max: 8 }],
    ["rating", ["1"], { max: 5 }],
    ["single_select", ["red", " blue ", "red", ""], { choices: [{ name: "red" }, { name: "blue" }] }],
    ["multi_select", ["a, b", "b,c", ""], { choices: [{ name: "a" }, { name: "b" }, { name: "c" }] }],
    ["date", ["2026-01-01"], undefined],
  ] as const)("%s from %j → %j", (type, values, expected) => {
    expect(options(type, [...values])).toEqual(expected);
  });

  test("a select keeps at most 1000 choices", () => {
    const choices = options("single_select", Array.from({ length: 1500 }, (_, i) => `v${i}`)) as { choices: unknown[] };
    expect(choices.choices).toHaveLength(1000);
  });
});
