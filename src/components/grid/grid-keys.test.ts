import { describe, expect, it } from "vitest";
import { type GridDims, gridKey, inSelection, type KeyInput, selectionRect, single, tabStep } from "./grid-keys";

const dims: GridDims = { rowCount: 100, colCount: 5, pageRows: 20 };
const at = (row: number, col: number) => single({ row, col });
const press = (key: string, from = at(10, 2), extra: Omit<KeyInput, "key"> = {}, d = dims) => gridKey(from, { key, ...extra }, d);
const movedTo = (row: number, col: number) => ({ type: "select", selection: at(row, col) });

describe("gridKey: moving", () => {
  it("moves one cell with the arrows and stops at the edges", () => {
    expect(press("ArrowDown")).toEqual(movedTo(11, 2));
    expect(press("ArrowUp")).toEqual(movedTo(9, 2));
    expect(press("ArrowLeft")).toEqual(movedTo(10, 1));
    expect(press("ArrowRight")).toEqual(movedTo(10, 3));
    expect(press("ArrowUp", at(0, 0))).toEqual(movedTo(0, 0));
    expect(press("ArrowLeft", at(0, 0))).toEqual(movedTo(0, 0));
    expect(press("ArrowDown", at(99, 4))).toEqual(movedTo(99, 4));
    expect(press("ArrowRight", at(99, 4))).toEqual(movedTo(99, 4));
  });

  it("goes to the row's ends with Home/End and the grid's corners with Ctrl", () => {
    expect(press("Home")).toEqual(movedTo(10, 0));
    expect(press("End")).toEqual(movedTo(10, 4));
    expect(press("Home", at(10, 2), { mod: true })).toEqual(movedTo(0, 0));
    expect(press("End", at(10, 2), { mod: true })).toEqual(movedTo(99, 4));
    expect(press("ArrowDown", at(10, 2), { mod: true })).toEqual(movedTo(99, 2));
    expect(press("ArrowLeft", at(10, 2), { mod: true })).toEqual(movedTo(10, 0));
  });

  it("moves a screenful with PageUp/PageDown, clamped", () => {
    expect(press("PageDown")).toEqual(movedTo(30, 2));
    expect(press("PageUp")).toEqual(movedTo(0, 2));
    expect(press("PageDown", at(95, 1))).toEqual(movedTo(99, 1));
  });

  it("tabs right, wraps to the next row, and lets focus leave after the last cell", () => {
    expect(press("Tab")).toEqual(movedTo(10, 3));
    expect(press("Tab", at(10, 4))).toEqual(movedTo(11, 0));
    expect(press("Tab", at(10, 0), { shift: true })).toEqual(movedTo(9, 4));
    expect(press("Tab", at(99, 4))).toEqual({ type: "leave" });
    expect(press("Tab", at(0, 0), { shift: true })).toEqual({ type: "leave" });
    expect(tabStep({ row: 3, col: 1 }, true, dims)).toEqual({ row: 3, col: 0 });
  });

  it("extends a range with Shift, keeping its anchor; a plain move or Escape collapses it", () => {
    const extended = press("ArrowDown", at(10, 2), { shift: true });
    expect(extended).toEqual({ type: "select", selection: { active: { row: 11, col: 2 }, anchor: { row: 10, col: 2 } } });
    const range = { active: { row: 12, col: 4 }, anchor: { row: 10, col: 2 } };
    expect(press("ArrowRight", range, { shift: true })).toEqual({ type: "select", selection: { ...range, active: { row: 12, col: 4 } } });
    expect(press("ArrowLeft", range)).toEqual(movedTo(12, 3));
    expect(press("Escape", range)).toEqual(movedTo(12, 4));
    expect(press("Escape")).toBeNull();
    expect(selectionRect({ active: { row: 1, col: 4 }, anchor: { row: 3, col: 2 } })).toEqual({ top: 1, bottom: 3, left: 2, right: 4 });
    expect(inSelection(range, 11, 3)).toBe(true);
    expect(inSelection(range, 13, 3)).toBe(false);
  });
});

describe("gridKey: editing and commands", () => {
  it("opens the editor with Enter or F2, and with a typed character that replaces the value", () => {
    expect(press("Enter")).toEqual({ type: "edit" });
    expect(press("F2")).toEqual({ type: "edit" });
    expect(press("x")).toEqual({ type: "edit", initial: "x" });
    expect(press("7")).toEqual({ type: "edit", initial: "7" });
  });

  it("clears with Delete and Backspace, toggles with Space", () => {
    expect(press("Delete")).toEqual({ type: "clear" });
    expect(press("Backspace")).toEqual({ type: "clear" });
    expect(press(" ")).toEqual({ type: "toggle" });
  });

  it("expands the active row into its record with Shift+Space", () => {
    expect(press(" ", at(10, 2), { shift: true })).toEqual({ type: "expand" });
    expect(press(" ", at(0, 0), { shift: true }, { ...dims, rowCount: 0 })).toBeNull();
  });

  it("copies and undoes with Ctrl or Cmd; other shortcuts stay the browser's", () => {
    expect(press("c", at(1, 1), { mod: true })).toEqual({ type: "copy" });
    expect(press("C", at(1, 1), { mod: true })).toEqual({ type: "copy" });
    expect(press("z", at(1, 1), { mod: true })).toEqual({ type: "undo" });
    expect(press("z", at(1, 1), { mod: true, shift: true })).toBeNull();
    expect(press("v", at(1, 1), { mod: true })).toBeNull();
    expect(press("r", at(1, 1), { mod: true })).toBeNull();
    expect(press("Shift")).toBeNull();
    expect(press("F5")).toBeNull();
  });

  it("neither edits nor clears a grid without rows", () => {
    const empty = { ...dims, rowCount: 0 };
    expect(press("Enter", at(0, 0), {}, empty)).toBeNull();
    expect(press("a", at(0, 0), {}, empty)).toBeNull();
    expect(press("Delete", at(0, 0), {}, empty)).toBeNull();
    expect(press("ArrowDown", at(0, 0), {}, empty)).toEqual(movedTo(0, 0));
  });
});
