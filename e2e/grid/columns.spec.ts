import { expect, type Page, test } from "@playwright/test";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("columns-owner", "Cole Columns");

async function apiView(page: Page, viewId: string) {
  const response = await page.request.get(`/api/v1/views/${viewId}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { sort: unknown; hiddenFields: string[]; config: { fieldOrder?: string[]; rowHeight?: string } };
}

test("an owner sorts and hides from a column's menu, drags a column, changes the row height and adds a formula field from the grid", async ({ browser }) => {
  const page = await signUp(browser, owner);
  await createWorkspaceAndBase(page, "Shop", "Stock");
  const [, workspaceId, baseId] = /\/w\/([^/?#]+)\/b\/([^/?#]+)/.exec(page.url())!;
  const created = await page.request.post("/api/v1/tables", {
    data: {
      baseId,
      name: "Items",
      fields: [
        { name: "Name", type: "text" },
        { name: "Qty", type: "number" },
        { name: "Colour", type: "text" },
        { name: "Notes", type: "long_text" },
      ],
    },
  });
  const table = (await created.json()) as { id: string; fields: Array<{ id: string; name: string }> };
  const fieldId = (name: string) => table.fields.find((f) => f.name === name)!.id;
  await page.request.post(`/api/v1/tables/${table.id}/rows`, {
    data: { rows: [{ fields: { Name: "Bolt", Qty: 4, Colour: "grey", Notes: "M6 by 20 mm, zinc plated, sold in bags of fifty" } }, { fields: { Name: "Nut", Qty: 10, Colour: "black" } }] },
  });
  const { views } = (await (await page.request.get(`/api/v1/views?tableId=${table.id}`)).json()) as { views: Array<{ id: string; type: string }> };
  const viewId = views.find((v) => v.type === "grid")!.id;
  await page.goto(`/w/${workspaceId}/b/${baseId}/t/${table.id}/v/${viewId}`);

  const grid = page.getByRole("grid", { name: /Items/ });
  const headers = grid.getByRole("columnheader");
  const names = grid.locator('[role="row"] [role="gridcell"][aria-colindex="1"]');
  await expect(headers).toHaveText([/^Name/, /^Qty/, /^Colour/, /^Notes/]);

  // Sort from the column's menu.
  await page.getByRole("button", { name: "Qty column menu" }).click();
  await page.getByRole("menuitem", { name: "Sort 9 → 1" }).click();
  await expect(names).toHaveText(["Nut", "Bolt"]);
  await expect.poll(async () => (await apiView(page, viewId)).sort).toEqual([{ field: fieldId("Qty"), dir: "desc" }]);

  // Hide from the column's menu.
  await page.getByRole("button", { name: "Colour column menu" }).click();
  await page.getByRole("menuitem", { name: "Hide field" }).click();
  await expect(headers).toHaveText([/^Name/, /^Qty/, /^Notes/]);

  // Drag Notes onto Qty: it moves before it, and the view keeps the order (hidden Colour keeps its place).
  const notes = (await headers.nth(2).boundingBox())!;
  const qty = (await headers.nth(1).boundingBox())!;
  await page.mouse.move(notes.x + 20, notes.y + notes.height / 2);
  await page.mouse.down();
  await page.mouse.move(notes.x + 10, notes.y + notes.height / 2, { steps: 3 });
  await page.mouse.move(qty.x + 20, qty.y + qty.height / 2, { steps: 10 });
  await page.mouse.up();
  await expect(headers).toHaveText([/^Name/, /^Notes/, /^Qty/]);
  await expect.poll(async () => (await apiView(page, viewId)).config.fieldOrder).toEqual([fieldId("Notes"), fieldId("Qty"), fieldId("Colour")]);

  // Taller rows wrap long text.
  const firstRow = grid.locator('[role="row"][aria-rowindex="2"]');
  const shortHeight = (await firstRow.boundingBox())!.height;
  await page.getByLabel("Row height").selectOption({ label: "Tall rows" });
  await expect.poll(async () => (await firstRow.boundingBox())!.height).toBeGreaterThan(shortHeight * 2);
  await expect.poll(async () => (await apiView(page, viewId)).config.rowHeight).toBe("tall");

  // A formula field from the grid's fields dialog, checked as it is typed.
  await page.getByRole("button", { name: "Fields", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Fields" });
  const add = dialog.getByRole("form", { name: "Add field" });
  await add.getByLabel("Field name").fill("Double");
  await add.getByLabel("Field type").selectOption({ label: "Formula" });
  const formula = add.getByLabel("Formula");
  await formula.fill("{Qty} *");
  await expect(add.getByText(/\(at character \d+\)\.$/)).toBeVisible();
  await formula.fill("{Qty} * 2");
  await expect(add.getByText("Gives a number.")).toBeVisible();
  await add.getByRole("button", { name: "Add field" }).click();
  await expect(dialog.getByRole("list", { name: "Fields" })).toContainText("Double");
  await page.keyboard.press("Escape");
  await expect(headers.last()).toHaveText(/^Double/);
  await expect(grid.locator('[role="row"][aria-rowindex="2"] [role="gridcell"]').last()).toHaveText("20");

  await page.context().close();
});
