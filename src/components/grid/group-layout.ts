// The grid's lines when its rows are grouped: a header line per group, then
// the group's rows unless it is collapsed. Rows are read sorted by the group
// field, so group g holds the rows from the sum of the counts before it; the
// counts come from the aggregates endpoint, ordered as the rows are. Without
// groups every line is a row.

export type GroupSummary = { key: unknown; count: number; values: Record<string, unknown> };
export type GridLine = { kind: "header"; group: number } | { kind: "row"; row: number };

export type GroupLayout = {
  /** Lines in all. */
  size: number;
  line(index: number): GridLine;
  /** The line a row is on, or -1 when its group is collapsed. */
  lineOfRow(row: number): number;
  /** The group a row is in (-1 without groups). */
  groupOfRow(row: number): number;
  /** The rows on lines `from..to`, as an inclusive range (empty when `last < first`). */
  rowsOnLines(from: number, to: number): { first: number; last: number };
};

export function ungrouped(rowCount: number): GroupLayout {
  return {
    size: rowCount,
    line: (index) => ({ kind: "row", row: index }),
    lineOfRow: (row) => row,
    groupOfRow: () => -1,
    rowsOnLines: (from, to) => ({ first: Math.max(0, from), last: Math.min(rowCount - 1, to) }),
  };
}

export function groupLayout(groups: readonly GroupSummary[], collapsed: (group: number) => boolean): GroupLayout {
  // Per group: the line of its header and the index of its first row.
  const headerLine: number[] = [];
  const firstRow: number[] = [];
  let line = 0;
  let row = 0;
  groups.forEach((group, g) => {
    headerLine.push(line);
    firstRow.push(row);
    line += 1 + (collapsed(g) ? 0 : group.count);
    row += group.count;
  });
  const size = line;
  const rowTotal = row;

  /** The last group whose value in `starts` is at most `value` (binary search; starts ascend). */
  const lastAtMost = (starts: number[], value: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= value) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  const layout: GroupLayout = {
    size,
    line(index) {
      const g = lastAtMost(headerLine, index);
      return index === headerLine[g] ? { kind: "header", group: g } : { kind: "row", row: firstRow[g]! + index - headerLine[g]! - 1 };
    },
    groupOfRow: (r) => (groups.length === 0 ? -1 : lastAtMost(firstRow, r)),
    lineOfRow(r) {
      if (groups.length === 0 || r >= rowTotal) return -1;
      const g = lastAtMost(firstRow, r);
      return collapsed(g) ? -1 : headerLine[g]! + 1 + r - firstRow[g]!;
    },
    rowsOnLines(from, to) {
      let first = Number.POSITIVE_INFINITY;
      let last = -1;
      for (let i = Math.max(0, from); i <= Math.min(size - 1, to); i++) {
        const at = layout.line(i);
        if (at.kind === "row") {
          first = Math.min(first, at.row);
          last = Math.max(last, at.row);
        }
      }
      return { first: Number.isFinite(first) ? first : 0, last };
    },
  };
  return layout;
}
