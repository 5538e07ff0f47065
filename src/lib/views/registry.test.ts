import { describe, expect, test } from "vitest";
import type { FieldType } from "../fields/field-type";
import { viewTypeRegistry } from "./registry";
import type { FieldNeed } from "./view-type";

const fields: Array<{ id: string; name: string; type: FieldType }> = [
  { id: "f1", name: "Name", type: "text" },
  { id: "f2", name: "Status", type: "single_select" },
  { id: "f3", name: "Due", type: "date" },
];

/** Resolves like the server: by id or name, refusing the wrong type. */
const resolve = (ref: string, need: FieldNeed) => {
  const field = fields.find((f) => f.id === ref || f.name === ref);
  if (!field) throw new Error(`unknown ${ref} at ${need.path}`);
  if (need.types && !need.types.includes(field.type)) throw new Error(`wrong type at ${need.path}`);
  return field.id;
};
const reject = (message: string): never => {
  throw new Error(message);
};

describe("view-type registry", () => {
  test("field references in a config become ids, layout included", () => {
    const kanban = viewTypeRegistry.kanban;
    const config = kanban.config.parse({ stackFieldId: "Status", fieldOrder: ["Due", "Name"], widths: { Name: 200 } });
    expect(kanban.fields(config, resolve, reject)).toEqual({ stackFieldId: "f2", fieldOrder: ["f3", "f1"], widths: { f1: 200 } });
  });

  test("each setting's field must be of the kinds the type needs", () => {
    expect(() => viewTypeRegistry.kanban.fields({ stackFieldId: "Due" }, resolve, reject)).toThrow("stackFieldId");
    expect(() => viewTypeRegistry.timeline.fields({ startFieldId: "Due", endFieldId: "Name" }, resolve, reject)).toThrow("endFieldId");
    expect(viewTypeRegistry.calendar.fields({ dateFieldId: "Due" }, resolve, reject)).toEqual({ dateFieldId: "f3" });
  });

  test("configs are strict and typed", () => {
    expect(viewTypeRegistry.grid.config.safeParse({ stackFieldId: "f2" }).success).toBe(false);
    expect(viewTypeRegistry.kanban.config.safeParse({}).success).toBe(false);
    expect(viewTypeRegistry.form.config.safeParse({ fields: [{ fieldId: "f1", required: "yes" }] }).success).toBe(false);
    expect(viewTypeRegistry.form.config.parse({})).toEqual({ fields: [] });
  });

  test("a form asks for a field once, whether named by id or name", () => {
    const form = viewTypeRegistry.form;
    expect(() => form.fields(form.config.parse({ fields: [{ fieldId: "f1" }, { fieldId: "Name" }] }), resolve, reject)).toThrow("once");
  });
});
