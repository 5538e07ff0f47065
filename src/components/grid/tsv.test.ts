import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatTsv, parseTsv } from "./tsv";

describe("parseTsv", () => {
  it("reads a block as Google Sheets copies it", () => {
    expect(parseTsv("a\tb\tc\n1\t2\t3")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
  });

  it("ignores the line break Excel ends a block with, and reads CRLF", () => {
    expect(parseTsv("a\tb\r\n1\t2\r\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("keeps empty cells, at the ends of a row too", () => {
    expect(parseTsv("\tb\t\n\t\t")).toEqual([
      ["", "b", ""],
      ["", "", ""],
    ]);
  });

  it("reads quoted cells with tabs, line breaks and doubled quotes", () => {
    expect(parseTsv('"line 1\nline 2"\t"say ""hi"""\tx\n')).toEqual([["line 1\nline 2", 'say "hi"', "x"]]);
  });

  it("takes a quote inside a cell as text", () => {
    expect(parseTsv('5" screen\t"quoted" and more')).toEqual([['5" screen', '"quoted" and more']]);
  });

  it("reads a single value as a 1×1 block, and nothing as no rows", () => {
    expect(parseTsv("42")).toEqual([["42"]]);
    expect(parseTsv("")).toEqual([]);
  });
});

describe("formatTsv", () => {
  it("quotes only the cells that need it", () => {
    expect(formatTsv([["a", "b\tc"], ['d"', "e\nf"]])).toBe('a\t"b\tc"\n"d"""\t"e\nf"');
  });

  it("round-trips through parseTsv", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", " ", "\t", "\n", "\r\n", '"', "é", "1") });
    // A row of one empty cell is the one shape TSV cannot tell from no row.
    const block = fc.integer({ min: 1, max: 4 }).chain((width) =>
      fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 4 }).filter((rows) => width > 1 || rows.every((r) => r[0] !== "")),
    );
    fc.assert(
      fc.property(block, (rows) => {
        expect(parseTsv(formatTsv(rows))).toEqual(rows);
      }),
    );
  });
});
