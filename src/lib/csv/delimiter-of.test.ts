import { expect, test } from "vitest";
import { delimiterOf } from "./delimiter-of";

test.each([
  ["A,B,C\n1;2", ","],
  ["A;B;C\n1,2", ";"],
  ["A\tB\n", "\t"],
  ['"a,b,c"|x|y\n', "|"],
  ["\uFEFFsingle\n", ","],
])("the first line of %j is split on %j", (text, delimiter) => {
  expect(delimiterOf(text)).toBe(delimiter);
});
