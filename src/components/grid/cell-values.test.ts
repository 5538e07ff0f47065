import { describe, expect, it } from "vitest";
import { copyText, editorKind, editText, sameValue, valueFromCellText, writableInGrid, type GridField } from "./cell-values";

const field = (type: string, options: unknown = {}, readOnly = false): GridField => ({ id: `f_${type}`, name: type, type, options, readOnly });

describe("which cells the grid edits", () => {
  it("edits every writable type in place, people, files and links with pickers, and never computed fields", () => {
    expect(editorKind(field("text"))).toBe("text");
    expect(editorKind(field("long_text"))).toBe("textarea");
    expect(editorKind(field("currency"))).toBe("number");
    expect(editorKind(field("boolean"))).toBe("checkbox");
    expect(editorKind(field("multi_select"))).toBe("multiselect");
    expect(editorKind(field("rating", { max: 5 }))).toBe("rating");
    expect(editorKind(field("link", { tableId: "x" }))).toBe("link");
    expect(editorKind(field("user"))).toBe("user");
    expect(editorKind(field("attachment"))).toBe("attachment");
    expect(writableInGrid(field("link", { tableId: "x" }))).toBe(true);
    for (const type of ["formula", "lookup", "rollup", "count", "autonumber", "created_time", "last_modified_by"]) {
      expect(editorKind(field(type))).toBeNull();
    }
  });

  it("clears picked values from pasted empty text but does not guess records from names", () => {
    expect(valueFromCellText(field("user"), "")).toEqual({ ok: true, value: null });
    expect(valueFromCellText(field("link", { tableId: "x" }), "Acme")).toMatchObject({ ok: false, error: expect.stringContaining("picked") });
    expect(valueFromCellText(field("attachment"), "a.pdf")).toMatchObject({ ok: false });
  });

  it("leaves a field read-only for the reader alone", () => {
    expect(editorKind(field("text", {}, true))).toBeNull();
    expect(valueFromCellText(field("text", {}, true), "x")).toMatchObject({ ok: false });
  });
});

describe("cell text", () => {
  it("reads typed and pasted text through each type, refusing what the server would refuse", () => {
    expect(valueFromCellText(field("number", { precision: 2 }), "1,234.5")).toEqual({ ok: true, value: 1234.5 });
    expect(valueFromCellText(field("number"), "lots")).toMatchObject({ ok: false, error: "expected a number" });
    expect(valueFromCellText(field("currency", { symbol: "€", precision: 2 }), "€12.50")).toEqual({ ok: true, value: 12.5 });
    expect(valueFromCellText(field("percent"), "25%")).toEqual({ ok: true, value: 0.25 });
    expect(valueFromCellText(field("percent"), "25", true)).toEqual({ ok: true, value: 0.25 });
    expect(valueFromCellText(field("duration"), "1:30")).toEqual({ ok: true, value: 5400 });
    expect(valueFromCellText(field("rating", { max: 5 }), "7")).toMatchObject({ ok: false });
    expect(valueFromCellText(field("boolean"), "yes")).toEqual({ ok: true, value: true });
    expect(valueFromCellText(field("boolean"), "")).toEqual({ ok: true, value: false });
    expect(valueFromCellText(field("date"), "2026-02-30")).toMatchObject({ ok: false });
    expect(valueFromCellText(field("date"), "2026-02-03")).toEqual({ ok: true, value: "2026-02-03" });
    const choices = { choices: [{ id: "cha", name: "Open" }, { id: "chb", name: "Done" }] };
    expect(valueFromCellText(field("single_select", choices), "Done")).toEqual({ ok: true, value: "Done" });
    expect(valueFromCellText(field("single_select", choices), "Maybe")).toMatchObject({ ok: false });
    expect(valueFromCellText(field("multi_select", choices), "Open, Done")).toEqual({ ok: true, value: ["Open", "Done"] });
    expect(valueFromCellText(field("email"), "not an email")).toMatchObject({ ok: false });
    expect(valueFromCellText(field("text"), "  kept as typed ")).toEqual({ ok: true, value: "  kept as typed " });
    expect(valueFromCellText(field("text"), "")).toEqual({ ok: true, value: null });
  });

  it("reads a date and time in the field's time zone", () => {
    const berlin = field("datetime", { timeZone: "Europe/Berlin" });
    expect(valueFromCellText(berlin, "2026-07-01 10:00")).toEqual({ ok: true, value: "2026-07-01T08:00:00.000Z" });
    expect(editText(berlin, "2026-07-01T08:00:00.000Z")).toBe("2026-07-01 10:00");
    expect(valueFromCellText(berlin, "2026-07-01T08:00:00Z")).toEqual({ ok: true, value: "2026-07-01T08:00:00.000Z" });
  });

  it("copies values as text that pastes back to the same value", () => {
    const cases: Array<[GridField, unknown]> = [
      [field("number", { precision: 2 }), 1234.5],
      [field("currency", { symbol: "$", precision: 2 }), -3.25],
      [field("percent", { precision: 1 }), 0.075],
      [field("duration", { format: "h:mm:ss" }), 3725],
      [field("boolean"), true],
      [field("boolean"), false],
      [field("date"), "2026-03-05"],
      [field("datetime", { timeZone: "UTC" }), "2026-03-05T14:30:00.000Z"],
      [field("multi_select", { choices: [{ id: "cha", name: "a" }, { id: "chb", name: "b" }] }), ["a", "b"]],
      [field("text"), "tab\tand more"],
      [field("long_text"), "two\nlines"],
    ];
    for (const [f, value] of cases) expect(valueFromCellText(f, copyText(f, value))).toEqual({ ok: true, value });
  });

  it("starts the editor with the value as the cell shows it", () => {
    expect(editText(field("percent"), 0.07)).toBe("7%");
    expect(editText(field("duration"), 5400)).toBe("1:30");
    expect(editText(field("number"), null)).toBe("");
    expect(editText(field("text"), "hi")).toBe("hi");
  });

  it("compares cells with empty values alike", () => {
    expect(sameValue(null, "")).toBe(true);
    expect(sameValue(["a"], ["a"])).toBe(true);
    expect(sameValue(["a"], ["b"])).toBe(false);
    expect(sameValue(0, null)).toBe(false);
  });
});
