import type { Role } from "@/lib/roles";
import { getDb } from "@/server/db";
import { addMember } from "@/server/services/members/add-member";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import { createWorkspace } from "@/server/services/workspaces/create-workspace";
import { signedUpAgent } from "./rest-agent";

type User = { id: string; email: string };

const asUser = (user: User) => ({ userId: user.id, tokenId: null });

/** A workspace owned by `owner` with the given members, built through the services (no HTTP). */
export async function workspaceWith(owner: User, members: Array<[User, Role]> = [], name = "Fixture") {
  const db = await getDb();
  const workspace = await createWorkspace(db, { name, actor: asUser(owner) });
  for (const [user, role] of members) {
    await addMember(db, { workspaceId: workspace.id, email: user.email, role, actorRole: "owner", actor: asUser(owner) });
  }
  return workspace;
}

/** An API token of `role` in a workspace, created by `creator` (who must hold at least that role). */
export async function tokenFor(workspaceId: string, creator: User, creatorRole: Role, role: Role) {
  const db = await getDb();
  const created = await createApiToken(db, {
    workspaceId,
    name: `${role} token`,
    role,
    actorRole: creatorRole,
    actor: asUser(creator),
  });
  return { id: created.id, token: created.token };
}

export type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
export type Team = { owner: Agent; editor: Agent; viewer: Agent; workspaceId: string; baseId: string };

/** The cast most suites start from: an owner, an editor and a viewer signed up, sharing one workspace with one base. */
export async function teamWithBase(): Promise<Team> {
  const owner = await signedUpAgent("owner");
  const editor = await signedUpAgent("editor");
  const viewer = await signedUpAgent("viewer");
  const workspaceId = (await workspaceWith(owner.user, [[editor.user, "editor"], [viewer.user, "viewer"]])).id;
  const baseId = (await owner.post("/bases", { workspaceId, name: "Base" })).body.id as string;
  return { owner, editor, viewer, workspaceId, baseId };
}
