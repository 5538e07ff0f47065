import type { Role } from "@/lib/roles";
import { getDb } from "@/server/db";
import { addMember } from "@/server/services/members/add-member";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import { createWorkspace } from "@/server/services/workspaces/create-workspace";

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
