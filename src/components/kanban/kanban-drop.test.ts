import { describe, expect, test } from "vitest";
import { dropOf, type Stack } from "./kanban-drop";

const stack = (key: string | null, ...ids: string[]): Stack => ({ key, count: ids.length, rows: ids.map((id) => ({ id, fields: {} })) });
const board = () => [stack("Todo", "a", "b", "c"), stack("Done", "x", "y"), stack(null)];
const placed = (rowId: string, overId: string, below = false) => {
  const drop = dropOf(board(), rowId, overId, below);
  return drop && { to: drop.to.key, index: drop.index, after: drop.after };
};

describe("where a dropped card goes", () => {
  test("within its stack it takes the place of the card it is over, down or up", () => {
    expect(placed("a", "c")).toEqual({ to: "Todo", index: 2, after: "c" });
    expect(placed("c", "a")).toEqual({ to: "Todo", index: 0, after: null });
    expect(placed("c", "b")).toEqual({ to: "Todo", index: 1, after: "a" });
  });

  test("dropped on itself or on its own stack, it stays", () => {
    expect(placed("b", "b")).toBeNull();
    expect(placed("b", "stack:Todo")).toBeNull();
  });

  test("in another stack, before or after the card it is over by the half it lands on; on the stack, last", () => {
    expect(placed("a", "x")).toEqual({ to: "Done", index: 0, after: null });
    expect(placed("a", "x", true)).toEqual({ to: "Done", index: 1, after: "x" });
    expect(placed("a", "y", true)).toEqual({ to: "Done", index: 2, after: "y" });
    expect(placed("a", "stack:Done")).toEqual({ to: "Done", index: 2, after: "y" });
    expect(placed("a", "stack:none")).toEqual({ to: null, index: 0, after: null });
  });

  test("an unknown card or target is no drop", () => {
    expect(placed("zz", "x")).toBeNull();
    expect(placed("a", "zz")).toBeNull();
  });
});
