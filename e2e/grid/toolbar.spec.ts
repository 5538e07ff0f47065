import { expect, type Page, test } from "@playwright/test";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("toolbar-owner", "Tobi Toolbar");

type ApiView = { id: string; name: string; type: string; filter: unknown; sort: unknown; hiddenFields: string[] };

async function apiView(page: Page, viewId: string): Promise<ApiView> {
  const response = await page.request.get(`/api/v1/views/${viewId}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ApiView;
}

test("an owner filters with a nested group, sorts, searches, hides a field and makes a kanban view, and each is saved to the view", async ({ browser }) => {
  const page = await signUp(browser, owner);
  await createWorkspaceAndBase(page, "Orchard", "Harvest");
  const [, workspaceId, baseId] = /\/w\/([^/?#]+)\/b\/([^/?#]+)/.exec(page.url())!;

  const created = await page.request.post("/api/v1/tables", {
    data: {
      baseId,
      name: "Fruit",
      fields: [
        { name: "Name", type: "text" },
        { name: "Qty", type: "number" },
        { name: "Status", type: "single_select", options: { choices: [{ name: "Todo" }, { name: "Doing" }, { name: "Done" }] } },
        { name: "Notes", type: "text" },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const table = (await created.json()) as { id: string; fields: Array<{ id: string; name: string }> };
  const fieldId = (name: string) => table.fields.find((f) => f.name === name)!.id;
  const seeded = await page.request.post(`/api/v1/tables/${table.id}/rows`, {
    data: {
      rows: [
        { fields: { Name: "Apple", Qty: 5, Status: "Todo", Notes: "crisp" } },
        { fields: { Name: "Pear", Qty: 1, Status: "Done", Notes: "soft" } },
        { fields: { Name: "Plum", Qty: 8, Status: "Doing", Notes: "tart" } },
        { fields: { Name: "Quince", Qty: 9, Status: "Done", Notes: "pear-like" } },
        { fields: { Name: "Fig", Qty: 3, Status: "Todo" } },
      ],
    },
  });
  expect(seeded.status()).toBe(201);
  const views = (await (await page.request.get(`/api/v1/views?tableId=${table.id}`)).json()) as { views: ApiView[] };
  const gridView = views.views.find((v) => v.type === "grid")!;

  await page.goto(`/w/${workspaceId}/b/${baseId}/t/${table.id}/v/${gridView.id}`);
  const grid = page.getByRole("grid", { name: /Fruit/ });
  const names = grid.locator('[role="row"] [role="gridcell"][aria-colindex="1"]');
  await expect(names).toHaveText(["Apple", "Pear", "Plum", "Quince", "Fig"]);

  // Filter: Qty > 2 and (Status is Todo or Status is Done).
  await page.getByRole("button", { name: "Filter" }).click();
  const filters = page.getByRole("dialog", { name: "Filter rows" });
  await filters.getByRole("button", { name: "Add condition", exact: true }).click();
  const first = filters.getByRole("group", { name: "Condition" }).first();
  await first.getByLabel("Field").selectOption({ label: "Qty" });
  await first.getByLabel("Operator").selectOption({ label: ">" });
  await first.getByLabel("Value").fill("2");
  await filters.getByRole("button", { name: "Add condition group" }).click();
  const group = filters.getByRole("group", { name: /Condition group/ });
  const inGroup = group.getByRole("group", { name: "Condition" });
  await inGroup.first().getByLabel("Field").selectOption({ label: "Status" });
  await inGroup.first().getByLabel("Value").selectOption("Todo");
  await group.getByRole("button", { name: "Add condition", exact: true }).click();
  await inGroup.nth(1).getByLabel("Field").selectOption({ label: "Status" });
  await inGroup.nth(1).getByLabel("Value").selectOption("Done");
  await group.getByLabel("Combine conditions with").selectOption("or");
  await expect(names).toHaveText(["Apple", "Quince", "Fig"]);
  await expect(page.getByText("3 rows", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Filtered by 3 conditions" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect
    .poll(async () => (await apiView(page, gridView.id)).filter)
    .toEqual({
      and: [
        { field: fieldId("Qty"), op: "gt", value: 2 },
        { or: [{ field: fieldId("Status"), op: "eq", value: "Todo" }, { field: fieldId("Status"), op: "eq", value: "Done" }] },
      ],
    });

  // Sort by Qty, largest first.
  await page.getByRole("button", { name: "Sort" }).click();
  const sorts = page.getByRole("dialog", { name: "Sort rows" });
  await sorts.getByRole("button", { name: "Add sort" }).click();
  await sorts.getByLabel("Sort field 1").selectOption({ label: "Qty" });
  await sorts.getByLabel("Direction 1").selectOption({ label: "9 → 1" });
  await expect(names).toHaveText(["Quince", "Apple", "Fig"]);
  await page.keyboard.press("Escape");
  await expect.poll(async () => (await apiView(page, gridView.id)).sort).toEqual([{ field: fieldId("Qty"), dir: "desc" }]);

  // Search narrows the rows and marks the hits; it is not saved to the view.
  await page.getByRole("searchbox", { name: "Search rows" }).fill("pear");
  await expect(names).toHaveText(["Quince"]);
  await expect(grid.locator("mark")).toHaveText(["pear"]);
  await page.getByRole("searchbox", { name: "Search rows" }).fill("");
  await expect(names).toHaveText(["Quince", "Apple", "Fig"]);

  // Hide Notes: its column goes, and the view remembers.
  await page.getByRole("button", { name: "Hide fields" }).click();
  await page.getByRole("dialog", { name: "Fields shown" }).getByRole("checkbox", { name: /Notes/ }).uncheck();
  await expect(grid.getByRole("columnheader", { name: /Notes/ })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "1 hidden field" })).toBeVisible();
  await expect.poll(async () => (await apiView(page, gridView.id)).hiddenFields).toEqual([fieldId("Notes")]);

  // Everything holds after a reload.
  await page.reload();
  await expect(names).toHaveText(["Quince", "Apple", "Fig"]);
  await expect(grid.getByRole("columnheader", { name: /Notes/ })).toHaveCount(0);

  // A new kanban view, stacked by Status, opens at its own URL.
  await page.getByRole("button", { name: "New view" }).click();
  const dialog = page.getByRole("dialog", { name: "New view" });
  await dialog.getByRole("radio", { name: /Kanban/ }).check();
  await dialog.getByLabel("Name").fill("Board");
  await expect(dialog.getByLabel("Stack by")).toHaveValue(fieldId("Status"));
  await dialog.getByRole("button", { name: "Create view" }).click();
  await expect(page).toHaveURL(/\/v\/[^/]+$/);
  await expect(page.getByRole("list", { name: "Board stacks" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Board" })).toHaveAttribute("aria-current", "page");

  // Rename it.
  await page.getByRole("button", { name: "Options for view Board" }).click();
  await page.getByRole("menuitem", { name: "Rename" }).click();
  const rename = page.getByRole("dialog", { name: "Rename Board" });
  await rename.getByLabel("Name").fill("Status board");
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Status board" })).toBeVisible();

  // The board has the toolbar too: a filter saved to it narrows its cards.
  const board = page.getByRole("list", { name: "Status board stacks" });
  await expect(board.getByRole("list", { name: "Todo cards" }).getByRole("button")).toHaveCount(2);
  await page.getByRole("button", { name: "Filter" }).click();
  const boardFilters = page.getByRole("dialog", { name: "Filter rows" });
  await boardFilters.getByRole("button", { name: "Add condition", exact: true }).click();
  await boardFilters.getByLabel("Field").selectOption({ label: "Qty" });
  await boardFilters.getByLabel("Operator").selectOption({ label: ">" });
  await boardFilters.getByLabel("Value").fill("4");
  await page.keyboard.press("Escape");
  await expect(board.getByRole("list", { name: "Todo cards" }).getByRole("button")).toHaveText([/^Apple/]);
  await expect(board.getByRole("list", { name: "Done cards" }).getByRole("button")).toHaveText([/^Quince/]);

  await page.context().close();
});
