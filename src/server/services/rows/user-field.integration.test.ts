import { beforeAll, expect, test } from "vitest";
import { workspaceWith } from "@/test/fixtures";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
let owner: Agent;
let member: Agent;
let outsider: Agent;
let baseId: string;

beforeAll(async () => {
  owner = await signedUpAgent("Olive");
  member = await signedUpAgent("Mia");
  outsider = await signedUpAgent("Otto");
  const ws = await workspaceWith(owner.user, [[member.user, "editor"]]);
  baseId = (await owner.post("/bases", { workspaceId: ws.id, name: "B" })).body.id;
});

async function table() {
  return (
    await owner.post("/tables", {
      baseId,
      name: "Tasks",
      fields: [
        { name: "Name", type: "text" },
        { name: "Owner", type: "user" },
        { name: "Helpers", type: "user", options: { multiple: true } },
        { name: "Note", type: "text" },
      ],
    })
  ).body as { id: string; fields: Array<{ id: string }> };
}

test("a user field takes members of the workspace and shows their names", async () => {
  const t = await table();
  const created = await member.post(`/tables/${t.id}/rows`, {
    rows: [{ fields: { Name: "a", Owner: [member.user.id], Helpers: [{ id: owner.user.id }, member.user.id] } }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.rows[0].fields).toMatchObject({
    Owner: [{ id: member.user.id, name: "Mia" }],
    Helpers: [{ id: owner.user.id, name: "Olive" }, { id: member.user.id, name: "Mia" }],
  });
  const row = created.body.rows[0];
  // Compare-and-set compares user ids.
  const ok = await owner.patch(`/tables/${t.id}/rows/${row.id}`, { fields: { Owner: [owner.user.id] }, expected: { Owner: [member.user.id] } });
  expect(ok.status).toBe(200);
  expectErrorShape(await owner.patch(`/tables/${t.id}/rows/${row.id}`, { fields: { Owner: null }, expected: { Owner: [member.user.id] } }), 409);
});

test("non-members, malformed ids and too many users are refused naming the field", async () => {
  const t = await table();
  const outsiderRes = await owner.post(`/tables/${t.id}/rows`, { rows: [{ fields: { Owner: [outsider.user.id] } }] });
  expectErrorShape(outsiderRes, 400);
  expect(outsiderRes.body.error.message).toBe(`Field "Owner": user ${outsider.user.id} is not a member of this workspace`);
  expectErrorShape(await owner.post(`/tables/${t.id}/rows`, { rows: [{ fields: { Owner: ["nobody"] } }] }), 400);
  expectErrorShape(await owner.post(`/tables/${t.id}/rows`, { rows: [{ fields: { Owner: [owner.user.id, member.user.id] } }] }), 400);
});

test("imports and type changes check membership too", async () => {
  const t = await table();
  const csv = `Name,Owner\nok,${member.user.id}\nbad,${outsider.user.id}\n`;
  const imported = await owner.upload(`/tables/${t.id}/import`, csv);
  expect(imported.body).toMatchObject({ imported: 1, rejected: [{ line: 3 }] });
  expect(imported.body.rejected[0].reason).toContain("not a member");

  await owner.post(`/tables/${t.id}/rows`, { rows: [{ fields: { Name: "x", Note: member.user.id } }, { fields: { Name: "y", Note: outsider.user.id } }] });
  const note = t.fields[3]!.id;
  const preview = await owner.post(`/tables/${t.id}/fields/${note}/preview-conversion`, { type: "user" });
  expect(preview.body).toMatchObject({ values: 2, failing: 1 });
  await owner.patch(`/tables/${t.id}/fields/${note}`, { type: "user" });
  const rows = (await owner.get(`/tables/${t.id}/rows`)).body.rows.filter((r: { fields: { Name: string } }) => ["x", "y"].includes(r.fields.Name));
  expect(rows.map((r: { fields: { Note: unknown } }) => r.fields.Note)).toEqual([[{ id: member.user.id, name: "Mia" }], []]);
});

test("a user field becomes single only when no row holds several users", async () => {
  const t = (await owner.get(`/tables/${(await table()).id}`)).body;
  const helpers = t.fields.find((f: { name: string }) => f.name === "Helpers");
  const [row] = (await owner.post(`/tables/${t.id}/rows`, { rows: [{ fields: { Helpers: [owner.user.id, member.user.id] } }] })).body.rows;
  expectErrorShape(await owner.patch(`/tables/${t.id}/fields/${helpers.id}`, { options: { multiple: false } }), 400);
  await owner.patch(`/tables/${t.id}/rows/${row.id}`, { fields: { Helpers: [member.user.id] } });
  expect((await owner.patch(`/tables/${t.id}/fields/${helpers.id}`, { options: { multiple: false } })).status).toBe(200);
});
