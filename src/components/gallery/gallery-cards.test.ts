import { describe, expect, test } from "vitest";
import { recordTitle } from "@/components/fields/row-label";
import { cardFields, visibleFields } from "./gallery-cards";

const f = (id: string, type = "text") => ({ id, name: id, type, options: {} });
const table = { id: "t", name: "Plants", primaryFieldId: "name", fields: [f("name"), f("photo", "attachment"), f("price", "currency"), f("notes"), f("secret"), f("a"), f("b"), f("c")] };

describe("visibleFields and cardFields", () => {
  test("put the primary first, then follow the view's order, leave hidden fields out, and put unordered fields after in table order", () => {
    const visible = visibleFields(table, { hiddenFields: ["secret"], config: { fieldOrder: ["notes", "name", "price"] } });
    expect(visible.map((x) => x.id)).toEqual(["name", "notes", "price", "photo", "a", "b", "c"]);
  });

  test("a card lists a few fields besides its title and its cover", () => {
    const visible = visibleFields(table, { hiddenFields: ["secret"], config: {} });
    expect(cardFields(visible, "name", "photo").map((x) => x.id)).toEqual(["price", "notes", "a", "b"]);
    expect(cardFields(visible, "name", undefined).map((x) => x.id)).toEqual(["photo", "price", "notes", "a"]);
  });
});

describe("recordTitle", () => {
  test("is the primary value, or Unnamed record when it is empty", () => {
    expect(recordTitle({ id: "r", fields: { name: "Basil" } }, "name")).toBe("Basil");
    expect(recordTitle({ id: "r", fields: { name: 42 } }, "name")).toBe("42");
    expect(recordTitle({ id: "r", fields: { name: [{ id: "u", name: "Ada" }] } }, "name")).toBe("Ada");
    for (const value of [null, "", "   ", undefined]) expect(recordTitle({ id: "r", fields: { name: value } }, "name")).toBe("Unnamed record");
    expect(recordTitle({ id: "r", fields: {} }, null)).toBe("Unnamed record");
  });
});
