import { describe, expect, test } from "vitest";
import { ChosenTypeProfile } from "./chosen-type-profile";
import { columnsSpec, importColumnsInput } from "./import-columns";

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
