import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { getDb } from "@/server/db";
import { auditLog } from "@/server/db/schema";
import { workspaceWith } from "@/test/fixtures";
import { expectErrorShape, signedUpAgent } from "@/test/rest-agent";

async function team() {
  const owner = await signedUpAgent("owner");
  const coOwner = await signedUpAgent("co-owner");
  const admin = await signedUpAgent("admin");
  const editor = await signedUpAgent("editor");
  const ws = await workspaceWith(owner.user, [
    [coOwner.user, "owner"],
    [admin.user, "admin"],
    [editor.user, "editor"],
  ]);
  const members = `/workspaces/${ws.id}/members`;
  return { owner, coOwner, admin, editor, ws, members };
}

describe("admins manage only roles below their own", () => {
  test("an admin cannot demote or remove an owner", async () => {
    const { admin, owner, members } = await team();
    expectErrorShape(await admin.patch(`${members}/${owner.user.id}`, { role: "viewer" }), 403);
    expectErrorShape(await admin.delete(`${members}/${owner.user.id}`), 403);
  });

  test("an admin cannot make an admin or an owner, or add one", async () => {
    const { admin, editor, members } = await team();
    expectErrorShape(await admin.patch(`${members}/${editor.user.id}`, { role: "admin" }), 403);
    expectErrorShape(await admin.patch(`${members}/${editor.user.id}`, { role: "owner" }), 403);
    const newcomer = await signedUpAgent("newcomer");
    expectErrorShape(await admin.post(members, { email: newcomer.user.email, role: "admin" }), 403);
    expect((await admin.post(members, { email: newcomer.user.email, role: "editor" })).status).toBe(201);
  });

  test("an owner assigns admins and other owners", async () => {
    const { owner, editor, members } = await team();
    expect((await owner.patch(`${members}/${editor.user.id}`, { role: "admin" })).body.role).toBe("admin");
    expect((await owner.patch(`${members}/${editor.user.id}`, { role: "owner" })).body.role).toBe("owner");
  });
});

describe("the last owner", () => {
  test("cannot leave or step down, until another owner exists", async () => {
    const owner = await signedUpAgent("sole");
    const ws = await workspaceWith(owner.user);
    const members = `/workspaces/${ws.id}/members`;
    expectErrorShape(await owner.delete(`${members}/${owner.user.id}`), 409);
    expectErrorShape(await owner.patch(`${members}/${owner.user.id}`, { role: "admin" }), 409);
    const heir = await signedUpAgent("heir");
    await owner.post(members, { email: heir.user.email, role: "owner" });
    expect((await owner.delete(`${members}/${owner.user.id}`)).status).toBe(204);
    expect((await heir.get(members)).body.members.map((m: { role: string }) => m.role)).toEqual(["owner"]);
  });

  test("one of two owners may demote the other, but not the last one left", async () => {
    const { owner, coOwner, members } = await team();
    expect((await owner.patch(`${members}/${coOwner.user.id}`, { role: "editor" })).status).toBe(200);
    expectErrorShape(await owner.patch(`${members}/${owner.user.id}`, { role: "editor" }), 409);
  });
});

describe("membership", () => {
  test("any member may leave", async () => {
    const { editor, members } = await team();
    expect((await editor.delete(`${members}/${editor.user.id}`)).status).toBe(204);
    expect((await editor.get(members)).status).toBe(404);
  });

  test("an editor cannot remove someone else", async () => {
    const { editor, admin, members } = await team();
    expectErrorShape(await editor.delete(`${members}/${admin.user.id}`), 403);
  });

  test("adding an unknown email is 404, adding a member twice 409", async () => {
    const { owner, editor, members } = await team();
    expectErrorShape(await owner.post(members, { email: "nobody-here@example.test", role: "viewer" }), 404);
    expectErrorShape(await owner.post(members, { email: editor.user.email, role: "viewer" }), 409);
  });

  test("every change is in the audit log with before and after", async () => {
    const { owner, editor, members, ws } = await team();
    await owner.patch(`${members}/${editor.user.id}`, { role: "viewer" });
    const db = await getDb();
    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws.id), eq(auditLog.action, "member.update")));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ userId: owner.user.id, resourceId: editor.user.id, before: { role: "editor" }, after: { role: "viewer" } });
  });
});
