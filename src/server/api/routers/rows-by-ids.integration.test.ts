import { beforeAll, expect, test } from "vitest";
import { trpcClient } from "@/test/trpc-client";
import { workspaceWith } from "@/test/fixtures";
import { signedUpAgent } from "@/test/rest-agent";

// row.byIds is what an open grid reads after a realtime event names rows: it must answer as the
// reader's rules allow, exactly as the rows list does, since events carry no values.

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent, viewer: Agent;
let tableId: string;
let fields: Record<string, string>;
let ids: { mine: string; theirs: string };

beforeAll(async () => {
  [owner, viewer] = await Promise.all([signedUpAgent("owner"), signedUpAgent("viewer")]);
  const workspaceId = (await workspaceWith(owner.user, [[viewer.user, "viewer"]])).id;
  const baseId = (await owner.post("/bases", { workspaceId, name: "B" })).body.id;
  const table = (
    await owner.post("/tables", { baseId, name: "T", fields: [{ name: "Title", type: "text" }, { name: "Owner", type: "user" }, { name: "Budget", type: "number" }] })
  ).body;
  tableId = table.id;
  fields = Object.fromEntries(table.fields.map((f: { id: string; name: string }) => [f.name, f.id]));
  const rows = (
    await owner.post(`/tables/${tableId}/rows`, {
      rows: [{ fields: { Title: "mine", Owner: [viewer.user.id], Budget: 1 } }, { fields: { Title: "theirs", Owner: [owner.user.id], Budget: 2 } }],
    })
  ).body.rows;
  ids = { mine: rows[0].id, theirs: rows[1].id };
  const ruled = await owner.put(`/tables/${tableId}/rules`, {
    fields: { [fields.Budget!]: { viewer: "hidden" } },
    rows: { viewer: { field: "Owner", op: "has_any_of", value: ["$me"] } },
  });
  expect(ruled.status).toBe(200);
});

test("answers the rows asked for, in the order asked, keyed by field id", async () => {
  const { rows } = await trpcClient(owner).row.byIds.query({ tableId, fieldKey: "id", ids: [ids.theirs, ids.mine, "999999"] });
  expect(rows.map((r) => [r.id, r.fields[fields.Title!], r.fields[fields.Budget!]])).toEqual([
    [ids.theirs, "theirs", 2],
    [ids.mine, "mine", 1],
  ]);
  expect(rows[0]!.version).toBeGreaterThan(0);
});

test("leaves out rows outside the reader's row rule and fields their rules hide", async () => {
  const { rows } = await trpcClient(viewer).row.byIds.query({ tableId, fieldKey: "id", ids: [ids.mine, ids.theirs] });
  expect(rows.map((r) => r.id)).toEqual([ids.mine]);
  expect(Object.keys(rows[0]!.fields)).not.toContain(fields.Budget);
  expect(rows[0]!.fields[fields.Title!]).toBe("mine");
});
