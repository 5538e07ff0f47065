import { describe, expect, test } from "vitest";
import { addableFields, configOf, draftOf, moveQuestion } from "./form-questions";

const field = (id: string, type: string, readOnly?: boolean) => ({ id, name: id.toUpperCase(), type, options: {}, readOnly });

describe("addableFields", () => {
  const fields = [
    field("name", "text"),
    field("total", "formula"),
    field("made", "created_time"),
    field("by", "last_modified_by"),
    field("n", "autonumber"),
    field("look", "lookup"),
    field("qty", "number"),
    field("locked", "email", true),
    field("photo", "attachment"),
  ];

  test("offers only fields people can type into, that are not read-only for them", () => {
    expect(addableFields(fields, []).map((f) => f.id)).toEqual(["name", "qty", "photo"]);
  });

  test("leaves out the fields the form asks already", () => {
    expect(addableFields(fields, [{ fieldId: "qty" }]).map((f) => f.id)).toEqual(["name", "photo"]);
  });
});

describe("moveQuestion", () => {
  const list = ["a", "b", "c", "d"];
  test("moves down and up", () => {
    expect(moveQuestion(list, 0, 2)).toEqual(["b", "c", "a", "d"]);
    expect(moveQuestion(list, 3, 1)).toEqual(["a", "d", "b", "c"]);
  });
  test("clamps past either end and leaves the list untouched", () => {
    expect(moveQuestion(list, 0, -1)).toEqual(list);
    expect(moveQuestion(list, 3, 9)).toEqual(list);
    expect(moveQuestion(list, 7, 0)).toEqual(list);
    expect(list).toEqual(["a", "b", "c", "d"]);
  });
});

describe("configOf", () => {
  test("keeps the view's other settings and drops blank texts so the defaults show", () => {
    const current = { fieldOrder: ["x"], title: "Old", fields: [{ fieldId: "old" }] };
    const draft = {
      title: "  Order  ",
      description: " ",
      submitLabel: "",
      questions: [
        { fieldId: "name", label: " Your name ", help: "As on your card", required: true },
        { fieldId: "qty", label: "", help: "  ", required: false },
      ],
    };
    expect(configOf(current, draft)).toEqual({
      fieldOrder: ["x"],
      title: "Order",
      fields: [{ fieldId: "name", label: "Your name", help: "As on your card", required: true }, { fieldId: "qty" }],
    });
  });

  test("a draft from a config and back is the same config", () => {
    const config = { title: "T", description: "D", submitLabel: "Send", fields: [{ fieldId: "a", label: "A", required: true }] };
    expect(configOf({}, draftOf(config, "View"))).toEqual(config);
  });

  test("a new form is titled after its view", () => {
    expect(draftOf({}, "Signups").title).toBe("Signups");
  });
});
