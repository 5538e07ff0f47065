import { expect, test } from "vitest";
import { can, permissions, type Permission } from "./permissions";
import { roles } from "./roles";

// PRODUCT.md's role table, row by row: who may do what.
const productTable: Array<[string, Permission[], string]> = [
  ["Delete workspace, assign Admins", ["workspace.delete", "member.assign_admin"], "owner"],
  ["Manage members, API tokens", ["member.manage", "token.manage"], "owner admin"],
  ["Manage external connections", ["connection.manage"], "owner admin"],
  ["Create / alter / delete tables and fields", ["table.alter", "base.alter"], "owner admin"],
  ["Create / edit / delete rows", ["row.write"], "owner admin editor"],
  ["Create / alter views, dashboards, automations", ["view.write"], "owner admin editor"],
  ["Share a view as a public API or form", ["view.share"], "owner admin"],
  ["Read tables, views, dashboards", ["table.read", "base.read", "workspace.read", "member.read"], "owner admin editor viewer"],
];

test.each(productTable)("%s", (_, perms, allowed) => {
  for (const permission of perms) {
    for (const role of roles) expect(can(role, permission), `${role} ${permission}`).toBe(allowed.split(" ").includes(role));
  }
});

test("every permission in the registry is covered by the table", () => {
  const covered = new Set(productTable.flatMap(([, perms]) => perms));
  const uncovered = Object.keys(permissions).filter((p) => !covered.has(p as Permission) && !["workspace.update", "audit.read"].includes(p));
  expect(uncovered).toEqual([]);
});
