import { describe, expect, test } from "vitest";
import { groupLayout, ungrouped } from "./group-layout";

const groups = [
  { key: "Todo", count: 2, values: {} },
  { key: "Doing", count: 0, values: {} },
  { key: "Done", count: 3, values: {} },
];

describe("the grid's lines when grouped", () => {
  test("a header per group, then its rows", () => {
    const layout = groupLayout(groups, () => false);
    expect(layout.size).toBe(8);
    expect(Array.from({ length: layout.size }, (_, i) => layout.line(i))).toEqual([
      { kind: "header", group: 0 },
      { kind: "row", row: 0 },
      { kind: "row", row: 1 },
      { kind: "header", group: 1 },
      { kind: "header", group: 2 },
      { kind: "row", row: 2 },
      { kind: "row", row: 3 },
      { kind: "row", row: 4 },
    ]);
    expect([0, 1, 2, 3, 4].map((r) => layout.lineOfRow(r))).toEqual([1, 2, 5, 6, 7]);
    expect([0, 1, 2, 3, 4].map((r) => layout.groupOfRow(r))).toEqual([0, 0, 2, 2, 2]);
    expect(layout.rowsOnLines(2, 6)).toEqual({ first: 1, last: 3 });
  });

  test("a collapsed group keeps its header and hides its rows, which keep their indexes", () => {
    const layout = groupLayout(groups, (g) => g === 0);
    expect(layout.size).toBe(6);
    expect(layout.line(0)).toEqual({ kind: "header", group: 0 });
    expect(layout.line(1)).toEqual({ kind: "header", group: 1 });
    expect(layout.line(3)).toEqual({ kind: "row", row: 2 });
    expect(layout.lineOfRow(1)).toBe(-1);
    expect(layout.lineOfRow(2)).toBe(3);
    expect(layout.rowsOnLines(0, 1)).toEqual({ first: 0, last: -1 });
  });

  test("without groups every line is the row of that index", () => {
    const layout = ungrouped(4);
    expect(layout.size).toBe(4);
    expect(layout.line(2)).toEqual({ kind: "row", row: 2 });
    expect(layout.rowsOnLines(-3, 10)).toEqual({ first: 0, last: 3 });
  });
});
