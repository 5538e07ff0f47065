import { describe, expect, it } from "vitest";
import { fieldTypes } from "@/lib/fields/field-type";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { fieldTypeGroups, isOfferedFieldType, isWritableFieldType } from "./field-type-catalog";
import { editableOptionInputs, fieldOptionsFromForm, optionInputFor } from "./field-options";
import { fieldInputName, formEditor, newRowValues, rowChanges } from "./form-values";
import { formatCurrency, formatDuration, formatPercent } from "./format-value";
import { isoToWallTime, wallTimeToIso } from "./zoned-time";

const field = (id: string, type: string, options: unknown = {}) => ({ id, name: id.toUpperCase(), type, options });

function form(entries: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe("field type catalog", () => {
  it("offers every type in exactly one group", () => {
    const listed = fieldTypeGroups.flatMap((g) => g.types);
    expect([...listed].sort()).toEqual([...fieldTypes].sort());
  });

  it("has a form editor for every offered type people write, and none for a type the server lacks", () => {
    for (const type of fieldTypes) {
      if (isOfferedFieldType(type)) expect(formEditor(type) !== null, type).toBe(isWritableFieldType(type));
      if (!fieldTypeDefinition(type)) expect(formEditor(type), type).toBeNull();
    }
  });
});

describe("form values", () => {
  const fields = [
    field("name", "text"),
    field("notes", "long_text"),
    field("price", "currency", { precision: 2, symbol: "€" }),
    field("share", "percent", { precision: 1 }),
    field("done", "boolean"),
    field("tags", "multi_select", { choices: [{ name: "a" }, { name: "b" }] }),
    field("when", "datetime", { timeZone: "Europe/Paris" }),
    field("took", "duration", { precision: 0, format: "h:mm" }),
    field("made", "created_time"),
  ];

  it("reads a new row: empty inputs as null, a checkbox left alone as false, percent as a fraction", () => {
    const values = newRowValues(
      fields,
      form([
        [fieldInputName("name"), "Teapot"],
        [fieldInputName("notes"), "line one\r\nline two"],
        [fieldInputName("price"), "1,234.5"],
        [fieldInputName("share"), "12.5"],
        [fieldInputName("tags"), "b"],
        [fieldInputName("when"), "2026-07-01T09:30"],
        [fieldInputName("took"), "1:30"],
      ]),
    );
    expect(values).toEqual({
      name: "Teapot",
      notes: "line one\nline two",
      price: 1234.5,
      share: 0.125,
      done: false,
      tags: ["b"],
      when: "2026-07-01T07:30:00.000Z",
      took: 5400,
    });
  });

  it("passes what it cannot read on as typed, for the server to refuse by field", () => {
    expect(newRowValues([field("price", "number")], form([[fieldInputName("price"), "lots"]]))).toEqual({ price: "lots" });
  });

  it("sends only the cells an edit changed, expecting their loaded values", () => {
    const loaded = { name: "Teapot", notes: "a\nb", price: 12.5, share: 0.07, done: true, tags: ["a", "b"], when: "2026-07-01T07:30:15.000Z", took: 90 };
    const editor = (id: string) => formEditor(fields.find((f) => f.id === id)!.type)!;
    const f = (id: string) => fields.find((x) => x.id === id)!;
    // The form as rendered, with the price changed and the tags reordered.
    const entries: Array<[string, string]> = [];
    for (const id of Object.keys(loaded)) {
      for (const v of editor(id).toForm(loaded[id as keyof typeof loaded], f(id).options)) entries.push([fieldInputName(id), v]);
    }
    const data = form(entries.map(([n, v]) => (n === fieldInputName("price") ? [n, "13"] : [n, v])));
    data.delete(fieldInputName("tags"));
    data.append(fieldInputName("tags"), "b");
    data.append(fieldInputName("tags"), "a");
    expect(rowChanges(fields, data, loaded)).toEqual({ fields: { price: 13 }, expected: { price: 12.5 } });
  });

  it("unchecking a box is a change to false", () => {
    const done = field("done", "boolean");
    expect(rowChanges([done], form([]), { done: true })).toEqual({ fields: { done: false }, expected: { done: true } });
  });
});

describe("users, files and linked rows", () => {
  const files = field("files", "attachment");
  const people = field("people", "user", { multiple: true });
  const parts = field("parts", "link", { tableId: "t".repeat(16), multiple: true });

  it("shows records read back as their ids and sends the ids, each once", () => {
    const read = [{ id: "aaaaaaaaaaaaaaaa", name: "a.txt", url: "/api/v1/files/aaaaaaaaaaaaaaaa", size: 3, type: "text/plain" }];
    expect(formEditor("attachment")!.toForm(read, {})).toEqual(["aaaaaaaaaaaaaaaa"]);
    expect(formEditor("link")!.toForm([{ id: "12", name: null }], {})).toEqual(["12"]);
    expect(newRowValues([files, people, parts], form([
      [fieldInputName("files"), "aaaaaaaaaaaaaaaa"],
      [fieldInputName("files"), "aaaaaaaaaaaaaaaa"],
      [fieldInputName("people"), ""],
    ]))).toEqual({ files: ["aaaaaaaaaaaaaaaa"], people: null, parts: null });
  });

  it("sends a removed file or person as a change, expecting the records as read", () => {
    const loaded = {
      files: [{ id: "aaaaaaaaaaaaaaaa", name: "a.txt" }, { id: "bbbbbbbbbbbbbbbb", name: "b.png" }],
      people: [{ id: "uuuuuuuuuuuuuuuu", name: "Uma" }],
    };
    const data = form([
      [fieldInputName("files"), "bbbbbbbbbbbbbbbb"],
      [fieldInputName("people"), "uuuuuuuuuuuuuuuu"],
    ]);
    expect(rowChanges([files, people], data, loaded)).toEqual({ fields: { files: ["bbbbbbbbbbbbbbbb"] }, expected: { files: loaded.files } });
  });
});

describe("field options from a form", () => {
  it("reads a link's table and multiplicity, and a lookup's source, under the option names", () => {
    const tableId = "t".repeat(16);
    expect(fieldOptionsFromForm("link", form([["linkedTableId", tableId], ["inverseName", " Orders "]]))).toEqual({
      tableId,
      multiple: false,
      inverseName: "Orders",
    });
    expect(fieldOptionsFromForm("user", form([["multiple", "true"]]))).toEqual({ multiple: true });
    expect(fieldOptionsFromForm("rollup", form([["linkFieldId", "l".repeat(16)], ["lookupFieldId", "f".repeat(16)], ["fn", "sum"]]))).toEqual({
      linkFieldId: "l".repeat(16),
      fieldId: "f".repeat(16),
      fn: "sum",
    });
    expect(optionInputFor("link", "tableId")).toBe("linkedTableId");
    expect(optionInputFor("number", "precision")).toBe("precision");
  });

  it("offers no edit of what a link or computed field reads once created", () => {
    for (const type of ["link", "lookup", "rollup", "count", "user"]) expect(editableOptionInputs(type), type).toEqual([]);
    expect(editableOptionInputs("currency")).toEqual(["symbol", "precision"]);
  });

  it("reads numbers, leaves blanks to the defaults and keeps choice ids by name", () => {
    const previous = { choices: [{ id: "chold", name: "Open", color: "blue" }] };
    expect(fieldOptionsFromForm("single_select", form([["choices", "Open\r\n\r\n Closed "]]), previous)).toEqual({
      choices: [{ id: "chold", name: "Open", color: "blue" }, { name: "Closed" }],
    });
    expect(fieldOptionsFromForm("currency", form([["precision", ""], ["symbol", "€"]]))).toEqual({ symbol: "€" });
    expect(fieldOptionsFromForm("number", form([["precision", "2"]]))).toEqual({ precision: 2 });
    expect(fieldOptionsFromForm("text", form([["precision", "2"]]))).toEqual({});
  });
});

describe("zoned times", () => {
  it("reads a wall time in the zone and shows an instant back the same way", () => {
    expect(wallTimeToIso("2026-01-15T09:00", "America/New_York")).toBe("2026-01-15T14:00:00.000Z");
    expect(isoToWallTime("2026-01-15T14:00:00.000Z", "America/New_York")).toBe("2026-01-15T09:00");
    expect(isoToWallTime("2026-01-15T14:00:05.000Z", "UTC")).toBe("2026-01-15T14:00:05");
  });

  it("reads a time the clocks skipped with the offset before the gap, and a repeated one as the later instant, as PostgreSQL does", () => {
    expect(wallTimeToIso("2026-03-08T02:30", "America/New_York")).toBe("2026-03-08T07:30:00.000Z");
    expect(wallTimeToIso("2026-11-01T01:30", "America/New_York")).toBe("2026-11-01T06:30:00.000Z");
  });

  it("falls back to UTC for a zone this runtime does not know", () => {
    expect(wallTimeToIso("2026-01-15T09:00", "Mars/Olympus_Mons")).toBe("2026-01-15T09:00:00.000Z");
  });

  it("refuses what is not a calendar time", () => {
    expect(wallTimeToIso("2026-02-30T10:00", "UTC")).toBeNull();
    expect(wallTimeToIso("tomorrow", "UTC")).toBeNull();
  });
});

describe("formatting", () => {
  it("formats money, percentages and durations as the field says", () => {
    expect(formatCurrency(-1234.5, { precision: 2, symbol: "€" })).toBe("-€1,234.50");
    expect(formatPercent(0.125, { precision: 1 })).toBe("12.5%");
    expect(formatDuration(5430, { format: "h:mm:ss" })).toBe("1:30:30");
    expect(formatDuration(5430, { format: "h:mm" })).toBe("1:31");
  });
});
