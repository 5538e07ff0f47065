import { isRoleAtLeast, type Role } from "./roles";

// The one registry of what each role may do (PRODUCT.md, "Roles"). Universal so
// pages can hide what a user may not do; the server enforces the same table.
export const permissions = {
  "workspace.read": "viewer",
  "workspace.update": "admin",
  "workspace.delete": "owner",
  "member.read": "viewer",
  "member.manage": "admin",
  "member.assign_admin": "owner",
  "token.manage": "admin",
  "connection.manage": "admin",
  "base.read": "viewer",
  "base.alter": "admin",
  "table.read": "viewer",
  "table.alter": "admin",
  "row.write": "editor",
  "view.write": "editor",
  "view.share": "admin",
  "audit.read": "admin",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return isRoleAtLeast(role, permissions[permission]);
}
