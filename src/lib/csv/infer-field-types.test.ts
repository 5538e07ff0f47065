import { describe, expect, test } from "vitest";
import { ColumnProfile, fieldNamesFromHeader } from "./infer-field-types";

function infer(values: string[]) {
  const profile = new ColumnProfile();
  for (const v of values) profile.add(v);
  return profile.result();
}

describe("inferring a column's field type", () => {
  test.each([
    [["1", "2.5", "-3", ""], { type: "number", options: { precision: 1 } }],
    [["1,234", "12"], { type: "number", options: { precision: 0 } }],
    [["true", "no", "YES"], { type: "boolean" }],
    [["2026-01-02", "2024-02-29"], { type: "date" }],
    [["2026-01-02T10:00:00Z", "2026-01-02 11:30"], { type: "datetime" }],
    [["a@b.co", "x.y@z.org"], { type: "email" }],
    [["https://a.example", "http://b.example/x?y"], { type: "url" }],
    [["red", "blue", "red", "blue", "red"], { type: "single_select", options: { choices: [{ name: "red" }, { name: "blue" }] } }],
    [["alpha", "beta", "gamma"], { type: "text" }],
    [["one\ntwo", "three"], { type: "long_text" }],
    [["", " "], { type: "text" }],
    [["2023-02-29"], { type: "text" }],
    [["1", "x"], { type: "text" }],
  ])("%j → %j", (values, expected) => {
    expect(infer(values)).toEqual(expected);
  });
});

test("header names are made unique, trimmed and never empty", () => {
  expect(fieldNamesFromHeader(["Name", "name", " ", "A  b", "Name"])).toEqual(["Name", "name (2)", "Field 3", "A b", "Name (3)"]);
});
