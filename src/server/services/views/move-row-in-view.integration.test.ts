import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/server/db";
import { auditLog, viewRowRanks } from "@/server/db/schema";
import { type Agent, teamWithBase } from "@/test/fixtures";
import { expectErrorShape } from "@/test/rest-agent";

let owner: Agent;
let editor: Agent;
let viewer: Agent;
let baseId: string;
let workspaceId: string;

beforeAll(async () => void ({ owner, editor, viewer, workspaceId, baseId } = await teamWithBase()));

type Card = { id: string; fields: Record<string, unknown> };
type Board = { viewId: string; ids: Record<string, string> };

/** A kanban view over cards named by `todo` (in stack Todo) and `done` (in Done), created in that order. */
async function board(todo: string[], done: string[] = [], settings: Record<string, unknown> = {}): Promise<Board> {
  const table = await owner.post("/tables", {
    baseId,
    name: `T ${Math.random()}`,
    fields: [
      { name: "Name", type: "text" },
      { name: "Status", type: "single_select", options: { choices: [{ name: "Todo" }, { name: "Done" }] } },
    ],
  });
  expect(table.status, JSON.stringify(table.body)).toBe(201);
  const rows = [...todo.map((Name) => ({ Name, Status: "Todo" })), ...done.map((Name) => ({ Name, Status: "Done" }))];
  const created = await editor.post(`/tables/${table.body.id}/rows`, { rows: rows.map((fields) => ({ fields })) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const view = await editor.post("/views", { tableId: table.body.id, name: "Board", type: "kanban", config: { stackFieldId: "Status" }, ...settings });
  expect(view.status, JSON.stringify(view.body)).toBe(201);
  return { viewId: view.body.id, ids: Object.fromEntries((created.body.rows as Card[]).map((r) => [r.fields.Name as string, r.id])) };
}

const move = (agent: Agent, b: Board, name: string, after: string | null) =>
  agent.post(`/views/${b.viewId}/order`, { rowId: b.ids[name], after: after === null ? null : b.ids[after] });

/** Each stack's card names, as the kanban reads them. */
async function stacks(b: Board, agent: Agent = viewer): Promise<string[][]> {
  const res = await agent.get(`/views/${b.viewId}/data?groups=1`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.groups as Array<{ rows: Card[] }>).map((g) => g.rows.map((r) => r.fields.Name as string));
}

/** The view's rows in page order, read `limit` at a time through the cursors. */
async function pages(b: Board, limit: number): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: { rows: Card[]; nextCursor: string | null } } = await viewer.get(
      `/views/${b.viewId}/data?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(res.status).toBe(200);
    names.push(...res.body.rows.map((r) => r.fields.Name as string));
    cursor = res.body.nextCursor;
  } while (cursor);
  return names;
}

describe("manual order of kanban cards", () => {
  test("without ranks the cards keep the default order; a card placed between two stays there", async () => {
    const b = await board(["a", "b", "c", "d"], ["x"]);
    expect(await stacks(b)).toEqual([["a", "b", "c", "d"], ["x"], []]);
    const res = await move(editor, b, "d", "a");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ rowId: b.ids.d, after: b.ids.a, rank: expect.any(String) });
    expect(await stacks(b)).toEqual([["a", "d", "b", "c"], ["x"], []]);
    // Only what had to be ranked was: a (above the drop point) and d, never b, c or the other stack.
    const ranked = await (await getDb()).select().from(viewRowRanks).where(eq(viewRowRanks.viewId, b.viewId));
    expect(ranked.map((r) => r.rowId).sort()).toEqual([b.ids.a, b.ids.d].sort());
  });

  test("at either end, and between two ranked cards", async () => {
    const b = await board(["a", "b", "c"]);
    expect((await move(editor, b, "c", null)).status).toBe(200);
    expect(await stacks(b)).toEqual([["c", "a", "b"], [], []]);
    expect((await move(editor, b, "c", "b")).status).toBe(200);
    expect(await stacks(b)).toEqual([["a", "b", "c"], [], []]);
    expect((await move(editor, b, "a", "c")).status).toBe(200);
    expect(await stacks(b)).toEqual([["b", "c", "a"], [], []]);
    expect((await move(editor, b, "c", "b")).status).toBe(200);
    expect((await move(editor, b, "b", "c")).status).toBe(200);
    expect(await stacks(b)).toEqual([["c", "b", "a"], [], []]);
  });

  test("a card moved to another stack takes its place there (the stack is the row's field)", async () => {
    const b = await board(["a", "b"], ["x", "y"]);
    const patched = await editor.patch(`/tables/${(await editor.get(`/views/${b.viewId}`)).body.tableId}/rows`, {
      rows: [{ id: b.ids.a, fields: { Status: "Done" } }],
    });
    expect(patched.status).toBe(200);
    expect((await move(editor, b, "a", "x")).status).toBe(200);
    expect(await stacks(b)).toEqual([["b"], ["x", "a", "y"], []]);
  });

  test("many moves keep the order a list would have, and pages through the cursor read it too", async () => {
    const names = Array.from({ length: 12 }, (_, i) => `n${String(i).padStart(2, "0")}`);
    const b = await board(names);
    const expected = [...names];
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 40; i++) {
      const card = expected.splice(random(expected.length), 1)[0]!;
      const at = random(expected.length + 1);
      expected.splice(at, 0, card);
      const res = await move(editor, b, card, at === 0 ? null : expected[at - 1]!);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    expect((await stacks(b))[0]).toEqual(expected);
    expect(await pages(b, 5)).toEqual(expected);
  });

  test("concurrent moves take turns: every card stays on the board once, ranks unique", async () => {
    const b = await board(["a", "b", "c", "d", "e", "f"]);
    const moves: Array<[string, string | null]> = [["f", "a"], ["e", "a"], ["d", null], ["c", "a"], ["b", null], ["a", "f"]];
    const answers = await Promise.all(moves.map(([card, after]) => move(editor, b, card, after)));
    expect(answers.map((r) => r.status)).toEqual(moves.map(() => 200));
    const [todo] = await stacks(b);
    expect([...todo!].sort()).toEqual(["a", "b", "c", "d", "e", "f"]);
    const ranks = (await (await getDb()).select().from(viewRowRanks).where(eq(viewRowRanks.viewId, b.viewId))).map((r) => r.rank);
    expect(new Set(ranks).size).toBe(ranks.length);
  });

  test("each move is audited as view.reorder", async () => {
    const b = await board(["a", "b"]);
    expect((await move(editor, b, "b", null)).status).toBe(200);
    const entries = await (await getDb()).select().from(auditLog).where(and(eq(auditLog.resourceId, b.viewId), eq(auditLog.action, "view.reorder")));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ userId: editor.user.id, before: { rowId: b.ids.b, rank: null }, after: { rowId: b.ids.b, after: null } });
  });

  test("a viewer may not order cards; nothing changes", async () => {
    const b = await board(["a", "b"]);
    const res = await move(viewer, b, "b", null);
    expectErrorShape(res, 403);
    expect(await stacks(b)).toEqual([["a", "b"], [], []]);
  });

  test("bad input answers 400 or 404 in the error shape", async () => {
    const b = await board(["a", "b"]);
    expectErrorShape(await editor.post(`/views/${b.viewId}/order`, { rowId: "x'; drop table views; --", after: null }), 400);
    expectErrorShape(await editor.post(`/views/${b.viewId}/order`, { rowId: b.ids.a }), 400);
    expectErrorShape(await move(editor, b, "a", "a"), 400);
    expectErrorShape(await editor.post(`/views/${b.viewId}/order`, { rowId: "999999999", after: null }), 404);
    expectErrorShape(await editor.post(`/views/${b.viewId}/order`, { rowId: b.ids.a, after: "999999999" }), 404);
    const sorted = await board(["a", "b"], [], { sort: [{ field: "Name", dir: "desc" }] });
    const refused = await move(editor, sorted, "a", null);
    expectErrorShape(refused, 400);
    expect(refused.body.error.message).toMatch(/sorted/);
    const grid = (await editor.get(`/views?tableId=${(await editor.get(`/views/${b.viewId}`)).body.tableId}`)).body.views.find((v: { type: string }) => v.type === "grid");
    expectErrorShape(await editor.post(`/views/${grid.id}/order`, { rowId: b.ids.a, after: null }), 400);
  });

  test("a sorted view follows its sort, not the ranks it kept", async () => {
    const b = await board(["a", "b", "c"]);
    expect((await move(editor, b, "a", "c")).status).toBe(200);
    expect((await stacks(b))[0]).toEqual(["b", "c", "a"]);
    expect((await editor.patch(`/views/${b.viewId}`, { sort: [{ field: "Name", dir: "asc" }] })).status).toBe(200);
    expect((await stacks(b))[0]).toEqual(["a", "b", "c"]);
    expect((await editor.patch(`/views/${b.viewId}`, { sort: [] })).status).toBe(200);
    expect((await stacks(b))[0]).toEqual(["b", "c", "a"]);
  });
});

describe("reverting a move", () => {
  test("puts the stack back as it was, cards ranked on the way included; a card moved again since is a 409", async () => {
    const b = await board(["a", "b", "c", "d"]);
    expect((await move(editor, b, "d", null)).status).toBe(200);
    expect((await move(editor, b, "a", "c")).status).toBe(200);
    expect((await stacks(b))[0]).toEqual(["d", "b", "c", "a"]);
    const entries = (await owner.get(`/audit?workspaceId=${workspaceId}&resourceId=${b.viewId}&action=view.reorder`)).body.entries as Array<{ id: string; after: { rowId: string } }>;
    const moveOf = (name: string) => entries.find((e) => e.after.rowId === b.ids[name])!.id;
    expectErrorShape(await viewer.post(`/audit/${moveOf("a")}/revert`), 403);
    expect((await editor.post(`/audit/${moveOf("a")}/revert`)).status).toBe(200);
    expect((await stacks(b))[0]).toEqual(["d", "a", "b", "c"]);
    // b and c were ranked by that move and are unranked again: only d holds a rank.
    const ranked = await (await getDb()).select().from(viewRowRanks).where(eq(viewRowRanks.viewId, b.viewId));
    expect(ranked.map((r) => r.rowId)).toEqual([b.ids.d]);
    // d moves again: its first move can no longer be undone.
    expect((await move(editor, b, "d", "b")).status).toBe(200);
    expectErrorShape(await editor.post(`/audit/${moveOf("d")}/revert`), 409);
  });
});
