import { expect, test } from "@playwright/test";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("group-owner", "Gus Group");

test("an owner groups the grid by a select: headers with counts and sums, collapsing, and a row that changes group moves", async ({ browser }) => {
  const page = await signUp(browser, owner);
  await createWorkspaceAndBase(page, "Crew", "Work");
  const [, workspaceId, baseId] = /\/w\/([^/?#]+)\/b\/([^/?#]+)/.exec(page.url())!;
  const created = await page.request.post("/api/v1/tables", {
    data: {
      baseId,
      name: "Jobs",
      fields: [
        { name: "Name", type: "text" },
        { name: "Status", type: "single_select", options: { choices: [{ name: "Todo" }, { name: "Doing" }, { name: "Done" }] } },
        { name: "Hours", type: "number" },
      ],
    },
  });
  const table = (await created.json()) as { id: string; fields: Array<{ id: string; name: string }> };
  await page.request.post(`/api/v1/tables/${table.id}/rows`, {
    data: {
      rows: [
        { fields: { Name: "Paint", Status: "Done", Hours: 3 } },
        { fields: { Name: "Sand", Status: "Todo", Hours: 2 } },
        { fields: { Name: "Prime", Status: "Todo", Hours: 5 } },
        { fields: { Name: "Plan" } },
      ],
    },
  });
  const { views } = (await (await page.request.get(`/api/v1/views?tableId=${table.id}`)).json()) as { views: Array<{ id: string; type: string }> };
  const viewId = views[0]!.id;
  await page.goto(`/w/${workspaceId}/b/${baseId}/t/${table.id}/v/${viewId}`);
  const grid = page.getByRole("grid", { name: /Jobs/ });

  await page.getByRole("button", { name: "Group", exact: true }).click();
  await page.getByRole("dialog", { name: "Group rows" }).getByLabel("Group by").selectOption({ label: "Status" });
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Grouped by Status" })).toBeVisible();

  // Groups in the choices' order, empty last, each with its count and the sum of Hours; rows under their group.
  const headers = grid.getByRole("button", { name: /^Collapse group / });
  await expect(headers).toHaveCount(3);
  for (const [i, name] of ["Todo", "Done", "(empty)"].entries()) await expect(headers.nth(i)).toHaveAccessibleName(`Collapse group ${name}`);
  const todo = grid.getByRole("row").filter({ has: page.getByRole("button", { name: "Collapse group Todo" }) });
  await expect(todo).toContainText("2 rows");
  await expect(todo).toContainText("Sum7");
  const names = grid.locator('[role="row"][aria-rowindex] [role="gridcell"][aria-colindex="1"]');
  await expect(names).toHaveText(["Sand", "Prime", "Paint", "Plan"]);
  await expect.poll(async () => ((await (await page.request.get(`/api/v1/views/${viewId}`)).json()) as { groupBy: string[] }).groupBy).toEqual([table.fields[1]!.id]);

  // Collapsing hides the group's rows.
  await grid.getByRole("button", { name: "Collapse group Todo" }).click();
  await expect(names).toHaveText(["Paint", "Plan"]);
  await grid.getByRole("button", { name: "Expand group Todo" }).click();
  await expect(names).toHaveText(["Sand", "Prime", "Paint", "Plan"]);

  // Prime is done: it moves to Done, and the counts follow.
  await names.nth(1).click();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.type("done");
  await page.keyboard.press("Enter");
  await expect(names).toHaveText(["Sand", "Paint", "Prime", "Plan"]);
  await expect(todo).toContainText("1 row");
  await expect(grid.getByRole("row").filter({ has: page.getByRole("button", { name: "Collapse group Done" }) })).toContainText("2 rows");
  await page.context().close();
});
