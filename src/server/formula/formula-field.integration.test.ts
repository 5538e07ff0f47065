import { beforeAll, describe, expect, test } from "vitest";
import { workspaceWith } from "@/test/fixtures";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent;
let baseId: string;

beforeAll(async () => {
  owner = await signedUpAgent("formula-owner");
  const workspaceId = (await workspaceWith(owner.user)).id;
  baseId = (await owner.post("/bases", { workspaceId, name: "Base" })).body.id;
});

async function newTable() {
  const res = await owner.post("/tables", {
    baseId,
    name: `Orders ${Math.random()}`,
    fields: [
      { name: "Item", type: "text" },
      { name: "Price", type: "currency" },
      { name: "Qty", type: "number" },
      { name: "Due", type: "date" },
      { name: "Status", type: "single_select", options: { choices: [{ name: "Open" }, { name: "Closed" }] } },
      { name: "Tags", type: "multi_select", options: { choices: [{ name: "red" }, { name: "blue" }] } },
      { name: "Paid", type: "boolean" },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; fields: Array<{ id: string; name: string }> };
}

describe("formula fields through the REST API", () => {
  test("values are computed when rows are read; invalid formulas are refused; a deleted reference reads null", async () => {
    const table = await newTable();
    const total = await owner.post(`/tables/${table.id}/fields`, { name: "Total", type: "formula", options: { formula: "{Price} * {Qty}" } });
    expect(total.status, JSON.stringify(total.body)).toBe(201);
    const label = await owner.post(`/tables/${table.id}/fields`, {
      name: "Label",
      type: "formula",
      options: { formula: `UPPER({item}) & " x" & {Qty} & IF({Paid}, " (paid)", "") & " " & {Status} & " " & ARRAYJOIN({Tags}, "/")` },
    });
    expect(label.status, JSON.stringify(label.body)).toBe(201);
    // A formula on a formula, with dates in a time zone.
    for (const [name, formula, timeZone] of [
      ["Double", "{Total} * 2", undefined],
      ["Due day", "DATETIME_FORMAT(DATEADD({Due}, 1, 'days'), 'ddd D MMM YYYY')", "UTC"],
      ["Late", "IS_BEFORE({Due}, DATETIME_PARSE('2026-01-01'))", undefined],
      ["Ratio", "{Price} / {Qty}", undefined],
    ] as const) {
      const res = await owner.post(`/tables/${table.id}/fields`, { name, type: "formula", options: { formula, ...(timeZone ? { timeZone } : {}) } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }

    const created = await owner.post(`/tables/${table.id}/rows`, {
      rows: [
        { fields: { Item: "widget", Price: 2.5, Qty: 4, Due: "2024-02-28", Status: "Open", Tags: ["red", "blue"], Paid: true } },
        { fields: { Item: "gadget", Price: 10, Qty: 0 } },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const rows = (await owner.get(`/tables/${table.id}/rows`)).body.rows as Array<{ fields: Record<string, unknown> }>;
    const [a, b] = rows;
    expect(a!.fields).toMatchObject({
      Total: 10,
      Double: 20,
      Label: "WIDGET x4 (paid) Open red/blue",
      "Due day": "Thu 29 Feb 2024",
      Late: true,
      Ratio: 0.625,
    });
    // Division by zero is #ERROR, which reads as null; blanks are blank.
    expect(b!.fields).toMatchObject({ Total: 0, Ratio: null, "Due day": null, Late: false, Label: "GADGET x0  " });

    // Formulas cannot be written.
    expectErrorShape(await owner.post(`/tables/${table.id}/rows`, { rows: [{ fields: { Total: 3 } }] }), 400);

    // Invalid formulas: 400 with the position of the offending text.
    for (const [formula, position] of [
      ["{Price} * ", 10],
      ["SUM(1, 2", 8],
      ["{Nope} + 1", 0],
      ["NOPE(1)", 0],
      ["IF(1)", 0],
      ['"abc', 0],
      ["1 + * 2", 4],
      ["{Item} * 2", 0],
    ] as const) {
      const res = await owner.post(`/tables/${table.id}/fields`, { name: "Bad", type: "formula", options: { formula } });
      expectErrorShape(res, 400);
      expect(res.body.error.message).toMatch(/^Formula: /);
      expect(res.body.error.details.position, formula).toBe(position);
    }
    // A cycle through an option change is refused too.
    const totalId = total.body.id as string;
    const doubleField = (await owner.get(`/tables/${table.id}`)).body.fields.find((f: { name: string }) => f.name === "Double");
    expectErrorShape(await owner.patch(`/tables/${table.id}/fields/${totalId}`, { options: { formula: "{Double} + 1" } }), 400);
    expect(doubleField).toBeTruthy();

    // Deleting a referenced field: the formulas that used it read null, never a 500.
    const qty = table.fields.find((f) => f.name === "Qty")!;
    expect((await owner.request("DELETE", `/tables/${table.id}/fields/${qty.id}`)).status).toBeLessThan(300);
    const after = await owner.get(`/tables/${table.id}/rows`);
    expect(after.status).toBe(200);
    expect(after.body.rows[0].fields).toMatchObject({ Total: null, Double: null, Label: null, Late: true });
  });
});
