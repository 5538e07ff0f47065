import { describe, expect, test } from "vitest";
import { previewCsv } from "./preview-csv";

const whole = { truncated: false, maxRows: 200 };

describe("previewing the start of a CSV file", () => {
  test("reads the header as the importer names fields, the rows, and the types inferred from them", () => {
    const preview = previewCsv("\uFEFFName,Qty,Qty,,Due\nBasil,12,1,x,2026-03-01\n\nTomato,8,2,y,2026-03-15\n", whole);
    expect(preview).toEqual({
      delimiter: ",",
      columns: ["Name", "Qty", "Qty (2)", "Field 4", "Due"],
      inferred: ["text", "number", "number", "text", "date"],
      rows: [
        ["Basil", "12", "1", "x", "2026-03-01"],
        ["Tomato", "8", "2", "y", "2026-03-15"],
      ],
      complete: true,
    });
  });

  test("splits on the file's own delimiter and pads short records", () => {
    const preview = previewCsv("A;B\n1;x\n2\n", whole);
    expect(preview.delimiter).toBe(";");
    expect(preview.rows).toEqual([
      ["1", "x"],
      ["2", ""],
    ]);
  });

  test("leaves out records the server refuses: too many values, broken quoting", () => {
    const preview = previewCsv('A,B\n1,x\n2,y,extra\n3,"never closed\n', whole);
    expect(preview.rows).toEqual([["1", "x"]]);
  });

  test("stops at maxRows and says the rows are only the file's start", () => {
    const csv = ["N", ...Array.from({ length: 10 }, (_, i) => String(i))].join("\n");
    const preview = previewCsv(csv, { truncated: false, maxRows: 3 });
    expect(preview.rows).toEqual([["0"], ["1"], ["2"]]);
    expect(preview.complete).toBe(false);
    expect(previewCsv(csv, { truncated: false, maxRows: 10 }).complete).toBe(true);
  });

  test("drops the last record of a slice, which may be cut midway", () => {
    const preview = previewCsv("Name,Qty\nBasil,12\nTomato,8\nKa", { truncated: true, maxRows: 200 });
    expect(preview.rows).toEqual([
      ["Basil", "12"],
      ["Tomato", "8"],
    ]);
    expect(preview.complete).toBe(false);
  });

  test("an empty file has no header to name fields", () => {
    expect(() => previewCsv("\n\n", whole)).toThrow("The file is empty");
  });
});
