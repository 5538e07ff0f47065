import { describe, expect, test } from "vitest";
import { cellText, previewCondition, previewField, previewOperators } from "./preview-filter";

const amount = previewField({ name: "amount", type: "number" });
const name = previewField({ name: "name", type: "text" });
const active = previewField({ name: "active", type: "boolean" });
const born = previewField({ name: "born", type: "date" });

describe("the preview's filter row", () => {
  test("offers the type's operators that take one value at most", () => {
    expect(previewOperators(amount)).toEqual(["eq", "neq", "lt", "lte", "gt", "gte", "is_empty", "is_not_empty"]);
    expect(previewOperators(born)).not.toContain("between");
    expect(previewOperators(born)).not.toContain("is_within");
    expect(previewOperators(name)).toContain("contains");
  });

  test("types the value for the column, as the rows' filter JSON", () => {
    expect(previewCondition(amount, "gt", "10.5")).toEqual({ field: "amount", op: "gt", value: 10.5 });
    expect(previewCondition(active, "eq", "false")).toEqual({ field: "active", op: "eq", value: false });
    // The true/false picker starts on true before anything is picked.
    expect(previewCondition(active, "eq", "")).toEqual({ field: "active", op: "eq", value: true });
    expect(previewCondition(name, "contains", "Zoë")).toEqual({ field: "name", op: "contains", value: "Zoë" });
    expect(previewCondition(name, "is_empty", "ignored")).toEqual({ field: "name", op: "is_empty" });
  });

  test("says nothing until the value is there and valid", () => {
    expect(previewCondition(amount, "gt", "")).toBeNull();
    expect(previewCondition(amount, "gt", "ten")).toBeNull();
    expect(previewCondition(name, "eq", "")).toBeNull();
  });

  test("shows cells as text", () => {
    expect(cellText(null)).toBeNull();
    expect(cellText(new Date("2024-02-29T12:00:00Z"))).toBe("2024-02-29T12:00:00.000Z");
    expect(cellText({ city: "Oslo" })).toBe('{"city":"Oslo"}');
    expect(cellText(12)).toBe("12");
  });
});
