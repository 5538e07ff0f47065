import { beforeAll, describe, expect, test } from "vitest";
import { workspaceWith } from "@/test/fixtures";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent;
let viewer: Agent;
let workspaceId: string;
let tableId: string;
let fields: Record<string, string>;

beforeAll(async () => {
  owner = await signedUpAgent("owner");
  viewer = await signedUpAgent("viewer");
  workspaceId = (await workspaceWith(owner.user, [[viewer.user, "viewer"]])).id;
  const baseId = (await owner.post("/bases", { workspaceId, name: "B" })).body.id;
  const table = (await owner.post("/tables", {
    baseId,
    name: "Tasks",
    fields: [{ name: "Title", type: "text" }, { name: "Owner", type: "user" }, { name: "Budget", type: "number" }],
  })).body;
  tableId = table.id;
  fields = Object.fromEntries(table.fields.map((f: { name: string; id: string }) => [f.name, f.id]));
  await owner.post(`/tables/${tableId}/rows`, {
    rows: [{ fields: { Title: "mine", Owner: [viewer.user.id], Budget: 1 } }, { fields: { Title: "theirs", Owner: [owner.user.id], Budget: 2 } }],
  });
});

describe("PUT /tables/{id}/rules", () => {
  test("saves rules by field id, applies them to the role, and is audited and revertible", async () => {
    const put = await owner.put(`/tables/${tableId}/rules`, {
      fields: { [fields.Budget!]: { viewer: "hidden" } },
      rows: { viewer: { field: "Owner", op: "has_any_of", value: ["$me"] } },
    });
    expect(put.status).toBe(200);
    expect(put.body.rules.rows.viewer).toEqual({ field: fields.Owner, op: "has_any_of", value: ["$me"] });
    expect((await owner.get(`/tables/${tableId}/rules`)).body.rules).toEqual(put.body.rules);

    const seen = await viewer.get(`/tables/${tableId}/rows`);
    expect(seen.body.rows.map((r: { fields: Record<string, unknown> }) => r.fields)).toEqual([
      { Title: "mine", Owner: [{ id: viewer.user.id, name: expect.any(String) }] },
    ]);
    expect((await viewer.get(`/tables/${tableId}`)).body.fields.map((f: { name: string }) => f.name)).toEqual(["Title", "Owner"]);
    expectErrorShape(await viewer.get(`/tables/${tableId}/rules`), 403);

    const audit = await owner.get(`/audit?workspaceId=${workspaceId}&action=table.update&resourceId=${tableId}`);
    const entry = audit.body.entries[0];
    expect(entry.after.rules).toEqual(put.body.rules);
    expect((await owner.post(`/audit/${entry.id}/revert`)).status).toBe(200);
    expect((await owner.get(`/tables/${tableId}/rules`)).body.rules).toEqual({ fields: {}, rows: {} });
    expect((await viewer.get(`/tables/${tableId}/rows`)).body.rows).toHaveLength(2);
  });

  test("refuses rules that could not be applied", async () => {
    for (const rules of [
      { fields: { nosuchfieldidxxx: { viewer: "hidden" } } },
      { fields: { [fields.Title!]: { viewer: "hidden" } } },
      { fields: { [fields.Budget!]: { viewer: "invisible" } } },
      { rows: { viewer: { field: "Nope", op: "eq", value: 1 } } },
      { rows: { viewer: { field: "Budget", op: "contains", value: "x" } } },
      { rows: { viewer: { field: "Budget", op: "eq", value: "$me" } } },
      { rows: { owner: { field: "Budget", op: "eq", value: 1 } } },
    ]) {
      expectErrorShape(await owner.put(`/tables/${tableId}/rules`, rules), 400);
    }
    expect((await owner.get(`/tables/${tableId}/rules`)).body.rules).toEqual({ fields: {}, rows: {} });
  });
});
