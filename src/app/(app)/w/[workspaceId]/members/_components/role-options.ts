import { can } from "@/lib/permissions";
import { type Role, roleLabels, roleRank, roles } from "@/lib/roles";

/** The roles someone may grant: owners any, admins only those below their own. */
export function grantableRoles(actorRole: Role): Array<{ value: Role; label: string }> {
  return roles
    .filter((role) => can(actorRole, "member.assign_admin") || roleRank(role) < roleRank(actorRole))
    .map((role) => ({ value: role, label: roleLabels[role] }))
    .reverse();
}

/** Whether actorRole may change or remove a member who has memberRole (the server's rule, mirrored). */
export function mayManage(actorRole: Role, memberRole: Role): boolean {
  if (!can(actorRole, "member.manage")) return false;
  return can(actorRole, "member.assign_admin") || roleRank(memberRole) < roleRank(actorRole);
}
