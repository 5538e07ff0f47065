import { beforeAll, describe, expect, test } from "vitest";
import { workspaceWith } from "@/test/fixtures";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent;
let baseId: string;

beforeAll(async () => {
  owner = await signedUpAgent("owner");
  const ws = await workspaceWith(owner.user);
  baseId = (await owner.post("/bases", { workspaceId: ws.id, name: "Base" })).body.id;
});

// Each type with options and sample values (API values), some of which will not convert to a given other type.
const samples: Record<string, { options?: object; values: unknown[] }> = {
  text: { values: ["42", "3.5", "true", "no", "2026-01-02", "hello", "a@b.co", "https://x.example", "+1 555 0100", "1:30", "Todo"] },
  long_text: { values: ["multi\nline", "7", "yes"] },
  number: { options: { precision: 2 }, values: [0, 42, -3.5] },
  currency: { options: { precision: 2 }, values: [19.99, 3] },
  percent: { options: { precision: 0 }, values: [0.25, 1] },
  boolean: { values: [true, false] },
  date: { values: ["2026-01-02", "2024-02-29"] },
  datetime: { values: ["2026-01-02T10:00:00.000Z"] },
  single_select: { options: { choices: [{ name: "Todo" }, { name: "42" }] }, values: ["Todo", "42"] },
  multi_select: { options: { choices: [{ name: "a" }, { name: "b" }, { name: "3" }] }, values: [["a", "b"], ["3"]] },
  email: { values: ["a@b.co"] },
  url: { values: ["https://x.example/a"] },
  phone: { values: ["+1 555 0100"] },
  rating: { options: { max: 5 }, values: [3, 5] },
  progress: { values: [50, 100] },
  duration: { values: [5400, 60] },
};
const types = Object.keys(samples);

const isEmpty = (v: unknown) => v === null || v === "" || (Array.isArray(v) && v.length === 0);
const falseWords = new Set(["false", "no", "n", "0", "unchecked"]);

async function tableOf(type: string) {
  const { options, values } = samples[type]!;
  const table = (await owner.post("/tables", { baseId, name: `From ${type}`, fields: [{ name: "Name", type: "text" }, { name: "F", type, options }] })).body;
  const rows = [...values.map((F) => ({ fields: { F } })), { fields: {} }];
  const created = await owner.post(`/tables/${table.id}/rows`, { rows });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { table, field: table.fields[1] as { id: string }, rows: created.body.rows as Array<{ id: string; fields: { F: unknown } }> };
}

describe("changing a field's type", () => {
  test.each(types.flatMap((from) => types.filter((to) => to !== from).map((to) => [from, to])))(
    "%s → %s: the preview counts exactly the values that do not convert",
    async (from, to) => {
      const { table, field, rows } = await tableOf(from);
      const preview = await owner.post(`/tables/${table.id}/fields/${field.id}/preview-conversion`, { type: to });
      expect(preview.status, JSON.stringify(preview.body)).toBe(200);
      expect(preview.body.values).toBe(rows.filter((r) => !isEmpty(r.fields.F)).length);
      const changed = await owner.patch(`/tables/${table.id}/fields/${field.id}`, { type: to });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect(changed.body.type).toBe(to);
      const after = new Map<string, unknown>(
        (await owner.get(`/tables/${table.id}/rows`)).body.rows.map((r: { id: string; fields: { F: unknown } }) => [r.id, r.fields.F]),
      );
      const lost = rows.filter((r) => {
        if (isEmpty(r.fields.F)) return false;
        const now = after.get(r.id);
        // A checkbox reads empty as unchecked: unchecked is a loss unless the old value meant "no".
        if (to === "boolean") return now === false && !(r.fields.F === false || falseWords.has(String(r.fields.F).toLowerCase()) || r.fields.F === 0);
        return isEmpty(now);
      });
      expect(preview.body.failing).toBe(lost.length);
      expect(preview.body.examples.length).toBe(Math.min(10, lost.length));
    },
  );

  test("values convert as a person would expect", async () => {
    const cases: Array<[string, string, unknown, unknown]> = [
      ["text", "number", "42", 42],
      ["number", "text", 42, "42"],
      ["date", "datetime", "2026-01-02", "2026-01-02T00:00:00.000Z"],
      ["datetime", "date", "2026-01-02T10:00:00.000Z", "2026-01-02"],
      ["single_select", "text", "Todo", "Todo"],
      ["multi_select", "text", ["a", "b"], "a, b"],
      ["text", "boolean", "no", false],
      ["boolean", "text", true, "true"],
      ["percent", "text", 0.25, "0.25"],
      ["number", "rating", 42, null],
    ];
    for (const [from, to, value, expected] of cases) {
      const { table, field, rows } = await tableOf(from);
      const row = rows.find((r) => JSON.stringify(r.fields.F) === JSON.stringify(value))!;
      await owner.patch(`/tables/${table.id}/fields/${field.id}`, { type: to });
      expect((await owner.get(`/tables/${table.id}/rows/${row.id}`)).body.fields.F, `${from} → ${to}`).toEqual(expected);
    }
  });

  test("text to a select makes a choice of each distinct value", async () => {
    const { table, field } = await tableOf("text");
    const changed = await owner.patch(`/tables/${table.id}/fields/${field.id}`, { type: "single_select" });
    expect(changed.body.options.choices.map((c: { name: string }) => c.name)).toEqual(samples.text!.values);
    const rows = (await owner.get(`/tables/${table.id}/rows`)).body.rows;
    expect(rows.map((r: { fields: { F: unknown } }) => r.fields.F)).toEqual([...samples.text!.values, null]);
  });

  test("the preview changes nothing; the change can be reverted from history", async () => {
    const { table, field, rows } = await tableOf("number");
    await owner.post(`/tables/${table.id}/fields/${field.id}/preview-conversion`, { type: "text" });
    expect((await owner.get(`/tables/${table.id}`)).body.fields[1].type).toBe("number");
    await owner.patch(`/tables/${table.id}/fields/${field.id}`, { type: "text" });
    const entry = (await owner.get(`/audit?workspaceId=${(await owner.get(`/bases/${baseId}`)).body.workspaceId}&action=field.update&resourceId=${field.id}`)).body.entries[0];
    expect((await owner.post(`/audit/${entry.id}/revert`)).status).toBe(200);
    const back = await owner.get(`/tables/${table.id}/rows`);
    expect(back.body.rows.map((r: { fields: { F: unknown } }) => r.fields.F)).toEqual([...rows.map((r) => r.fields.F).slice(0, -1), null]);
    expect((await owner.get(`/tables/${table.id}`)).body.fields[1].type).toBe("number");
  });

  test("bad targets are refused", async () => {
    const { table, field } = await tableOf("text");
    expectErrorShape(await owner.post(`/tables/${table.id}/fields/${field.id}/preview-conversion`, { type: "nope" }), 400);
    expectErrorShape(await owner.patch(`/tables/${table.id}/fields/${field.id}`, { type: "link" }), 400);
    expectErrorShape(await owner.patch(`/tables/${table.id}/fields/${table.primaryFieldId}`, { type: "boolean" }), 400);
  });
});
