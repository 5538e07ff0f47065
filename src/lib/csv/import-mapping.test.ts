import { describe, expect, test } from "vitest";
import { autoMapping, doubleMapped, fillableTargets, mappingSpec, matchFieldByHeader, misfitsOf } from "./import-mapping";

const fields = [
  { id: "f1", name: "First Name", type: "text" },
  { id: "f2", name: "Sown", type: "date" },
  { id: "f3", name: "Packets", type: "number" },
  { id: "f4", name: "Total", type: "formula" },
  { id: "f5", name: "Owner", type: "user" },
  { id: "f6", name: "Locked", type: "text", readOnly: true },
  { id: "f7", name: "Colour", type: "single_select", options: { choices: [{ id: "c1", name: "red" }, { id: "c2", name: "green" }] } },
];

describe("matching headers to fields", () => {
  test("by name regardless of case and spaces, and by id", () => {
    expect(matchFieldByHeader(fields, "firstname")?.id).toBe("f1");
    expect(matchFieldByHeader(fields, " FIRST  name ")?.id).toBe("f1");
    expect(matchFieldByHeader(fields, "f3")?.id).toBe("f3");
    expect(matchFieldByHeader(fields, "First_Name")).toBeUndefined();
  });

  test("only fields a file can fill are offered, each filled once by the first column naming it", () => {
    const targets = fillableTargets(fields);
    expect(targets.map((f) => f.id)).toEqual(["f1", "f2", "f3", "f7"]);
    expect(autoMapping(["sown", "Total", "Owner", "Sown", "Locked", "Other"], targets)).toEqual(["f2", null, null, null, null, null]);
  });

  test("a field chosen twice is caught, and the spec lists every column", () => {
    expect([...doubleMapped(["f1", null, "f1", "f2", "f2"])]).toEqual([2, 4]);
    expect(mappingSpec(["A", "B"], ["f1", null])).toEqual([{ header: "A", field: "f1" }, { header: "B", skip: true }]);
  });
});

describe("values that will not fit", () => {
  test("are counted with the type's own validation, the first given as an example; blanks fit", () => {
    expect(misfitsOf(fields[1]!, ["2026-03-01", "soon", "", "2026-13-45", "later"])).toEqual({
      count: 3,
      example: { value: "soon", error: expect.any(String) },
    });
    expect(misfitsOf(fields[2]!, ["1", "1,234.5", " 7 "]).count).toBe(0);
    expect(misfitsOf(fields[6]!, ["red", "blue", "green"])).toMatchObject({ count: 1, example: { value: "blue" } });
  });
});
