// What a key does in the grid when no cell is being edited: a pure function
// of the selection, the key and the grid's size, so it is tested without a DOM.

export type CellPos = { row: number; col: number };
/** The active cell and the corner a Shift+move started from; equal when one cell is selected. */
export type Selection = { active: CellPos; anchor: CellPos };
export type KeyInput = { key: string; shift?: boolean; mod?: boolean; alt?: boolean };
export type GridDims = { rowCount: number; colCount: number; /** Rows a PageUp/PageDown moves by. */ pageRows: number };

export type KeyCommand =
  | { type: "select"; selection: Selection }
  /** Open the active cell's editor; `initial` is a typed character that replaces the value. */
  | { type: "edit"; initial?: string }
  /** Space: a checkbox toggles, other cells ignore it. */
  | { type: "toggle" }
  /** Shift+Space: open the active row as a record (Airtable's key for it). */
  | { type: "expand" }
  /** Delete/Backspace: empty the selected cells that may be written. */
  | { type: "clear" }
  | { type: "copy" }
  | { type: "undo" }
  /** Tab past the last cell: let the browser move focus out of the grid. */
  | { type: "leave" };

export type Direction = "up" | "down" | "left" | "right";

const clamp = (n: number, max: number) => Math.max(0, Math.min(n, max));

export const single = (pos: CellPos): Selection => ({ active: pos, anchor: pos });

/** The rectangle a selection spans, inclusive. */
export function selectionRect(selection: Selection) {
  const { active, anchor } = selection;
  return {
    top: Math.min(active.row, anchor.row),
    bottom: Math.max(active.row, anchor.row),
    left: Math.min(active.col, anchor.col),
    right: Math.max(active.col, anchor.col),
  };
}

export function inSelection(selection: Selection, row: number, col: number): boolean {
  const r = selectionRect(selection);
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

/** One cell in a direction, staying inside the grid. */
export function step(pos: CellPos, direction: Direction, dims: GridDims, by = 1): CellPos {
  const lastRow = Math.max(0, dims.rowCount - 1);
  const lastCol = Math.max(0, dims.colCount - 1);
  switch (direction) {
    case "up":
      return { row: clamp(pos.row - by, lastRow), col: pos.col };
    case "down":
      return { row: clamp(pos.row + by, lastRow), col: pos.col };
    case "left":
      return { row: pos.row, col: clamp(pos.col - by, lastCol) };
    case "right":
      return { row: pos.row, col: clamp(pos.col + by, lastCol) };
  }
}

/**
 * Tab order through the cells: right, then the first cell of the next row
 * (Shift: left, then the last cell of the row above). Null past either end.
 */
export function tabStep(pos: CellPos, back: boolean, dims: GridDims): CellPos | null {
  const lastCol = dims.colCount - 1;
  if (!back) {
    if (pos.col < lastCol) return { row: pos.row, col: pos.col + 1 };
    return pos.row < dims.rowCount - 1 ? { row: pos.row + 1, col: 0 } : null;
  }
  if (pos.col > 0) return { row: pos.row, col: pos.col - 1 };
  return pos.row > 0 ? { row: pos.row - 1, col: lastCol } : null;
}

const arrows: Record<string, Direction> = { ArrowUp: "up", ArrowDown: "down", ArrowLeft: "left", ArrowRight: "right" };

/** What a key does to the grid; null when the grid leaves it to the browser. */
export function gridKey(selection: Selection, input: KeyInput, dims: GridDims): KeyCommand | null {
  const { key, shift = false, mod = false, alt = false } = input;
  if (dims.colCount === 0) return null;
  const { active } = selection;
  const lastRow = Math.max(0, dims.rowCount - 1);
  const lastCol = dims.colCount - 1;
  // Shift extends the selection from its anchor; any other move collapses it.
  const moveTo = (pos: CellPos): KeyCommand => ({
    type: "select",
    selection: shift ? { active: pos, anchor: selection.anchor } : single(pos),
  });

  if (mod && !alt) {
    const lower = key.toLowerCase();
    if (lower === "c") return { type: "copy" };
    if (lower === "z" && !shift) return { type: "undo" };
    // Ctrl/Cmd+arrow: to the edge of the grid.
    const direction = arrows[key];
    if (direction) {
      const edge = { up: { row: 0, col: active.col }, down: { row: lastRow, col: active.col }, left: { row: active.row, col: 0 }, right: { row: active.row, col: lastCol } }[direction];
      return moveTo(edge);
    }
    if (key === "Home") return moveTo({ row: 0, col: 0 });
    if (key === "End") return moveTo({ row: lastRow, col: lastCol });
    return null;
  }
  if (alt) return null;

  const direction = arrows[key];
  if (direction) return moveTo(step(active, direction, dims));
  switch (key) {
    case "Tab": {
      const next = tabStep(active, shift, dims);
      return next ? { type: "select", selection: single(next) } : { type: "leave" };
    }
    case "Home":
      return moveTo({ row: active.row, col: 0 });
    case "End":
      return moveTo({ row: active.row, col: lastCol });
    case "PageUp":
      return moveTo(step(active, "up", dims, Math.max(1, dims.pageRows)));
    case "PageDown":
      return moveTo(step(active, "down", dims, Math.max(1, dims.pageRows)));
    case "Enter":
    case "F2":
      return dims.rowCount > 0 ? { type: "edit" } : null;
    case " ":
      if (dims.rowCount === 0) return null;
      return shift ? { type: "expand" } : { type: "toggle" };
    case "Delete":
    case "Backspace":
      return dims.rowCount > 0 ? { type: "clear" } : null;
    case "Escape":
      // Collapses a range to its active cell.
      return selection.anchor.row !== active.row || selection.anchor.col !== active.col ? { type: "select", selection: single(active) } : null;
  }
  // A printable character starts editing with it, replacing the value.
  if (key.length === 1 && dims.rowCount > 0) return { type: "edit", initial: key };
  return null;
}
