import { expect, test } from "vitest";
import { signedUpAgent } from "@/test/rest-agent";

test("sign up, create a workspace and a base", async () => {
  const alice = await signedUpAgent("alice");
  const ws = await alice.post("/workspaces", { name: "Acme" });
  expect(ws.status).toBe(201);
  const base = await alice.post("/bases", { workspaceId: ws.body.id, name: "CRM" });
  expect(base.status).toBe(201);
  const list = await alice.get(`/bases?workspaceId=${ws.body.id}`);
  expect(list.body.bases.map((b: { name: string }) => b.name)).toEqual(["CRM"]);
});
