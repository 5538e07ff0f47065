import { expect, test } from "@playwright/test";
import { type ApiRow, apiRow } from "../support/api";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("record-owner", "Rita Record");
const colleague = testUser("record-colleague", "Colin Colleague");

const names = (value: unknown) => (Array.isArray(value) ? value.map((item: { name: string }) => item.name) : []);

test("a record dialog edits a link, a person and files, shows the history and reverts, and resolves a conflict with another context", async ({ browser }) => {
  const page = await signUp(browser, owner);
  const other = await signUp(browser, colleague);
  await createWorkspaceAndBase(page, "Wholesale", "Buying");
  const workspaceId = /\/w\/([^/?#]+)/.exec(page.url())![1]!;
  const baseId = /\/b\/([^/?#]+)/.exec(page.url())![1]!;
  expect((await page.request.post(`/api/v1/workspaces/${workspaceId}/members`, { data: { email: colleague.email, role: "editor" } })).status()).toBe(201);

  // Suppliers to link to, and orders that link to one each, with a person, files and notes.
  const suppliers = (await (
    await page.request.post("/api/v1/tables", { data: { baseId, name: "Suppliers", fields: [{ name: "Name", type: "text" }] } })
  ).json()) as { id: string };
  await page.request.post(`/api/v1/tables/${suppliers.id}/rows`, {
    data: { rows: ["Acme Mills", "Borealis Farm", "Cedar Co"].map((Name) => ({ fields: { Name } })) },
  });
  const orders = (await (
    await page.request.post("/api/v1/tables", {
      data: {
        baseId,
        name: "Orders",
        fields: [
          { name: "Name", type: "text" },
          { name: "Supplier", type: "link", options: { tableId: suppliers.id, multiple: false } },
          { name: "Buyer", type: "user" },
          { name: "Files", type: "attachment" },
          { name: "Notes", type: "text" },
        ],
      },
    })
  ).json()) as { id: string };
  const seeded = await page.request.post(`/api/v1/tables/${orders.id}/rows`, { data: { rows: [{ fields: { Name: "Order 1", Notes: "Call first" } }, { fields: { Name: "Order 2" } }] } });
  const [order] = ((await seeded.json()) as { rows: ApiRow[] }).rows;

  await page.reload();
  await page.getByRole("list", { name: "Tables" }).getByRole("link", { name: /Orders/ }).click();
  await page.getByRole("link", { name: "Open grid" }).click();
  const grid = page.getByRole("grid", { name: /Orders/ });
  // While the dialog is open the grid is hidden from the accessibility tree; its cells are found by their roles in the markup.
  const cell = (row: number, col: number) => page.locator(`[role="grid"] [role="row"][aria-rowindex="${row + 2}"] [role="gridcell"][aria-colindex="${col + 1}"]`);
  await expect(cell(0, 0)).toHaveText("Order 1");

  // The gutter's button opens the row.
  await cell(0, 0).hover();
  await page.locator('[role="row"][aria-rowindex="2"]').getByTitle("Expand record (Shift+Space)").click();
  const dialog = page.getByRole("dialog", { name: "Order 1" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading", { name: "Comments — coming soon" })).toBeVisible();

  // A link: the other table searched, one row picked.
  await dialog.getByRole("button", { name: /^Supplier/ }).click();
  await dialog.getByRole("combobox", { name: "Supplier" }).fill("bore");
  await expect(dialog.getByRole("option")).toHaveText(["Borealis Farm"]);
  await dialog.getByRole("option", { name: "Borealis Farm" }).click();
  await expect(dialog.getByRole("button", { name: /^Supplier/ })).toContainText("Borealis Farm");
  await expect(cell(0, 1)).toHaveText("Borealis Farm");

  // A person, from the workspace's members.
  await dialog.getByRole("button", { name: /^Buyer/ }).click();
  await expect(dialog.getByRole("option")).toHaveCount(2);
  await dialog.getByRole("combobox", { name: "Buyer" }).fill("col");
  await dialog.getByRole("option", { name: colleague.name }).click();
  await expect(cell(0, 2)).toHaveText(colleague.name);

  // A file, uploaded in the editor and saved with the row.
  await dialog.getByRole("button", { name: /^Files/ }).click();
  await dialog.getByLabel("Files to add to Files").setInputFiles({ name: "terms.txt", mimeType: "text/plain", buffer: Buffer.from("Net 30.\n") });
  await expect(dialog.getByRole("list", { name: "Attached files" }).getByRole("link", { name: "terms.txt" })).toBeVisible();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(cell(0, 3)).toHaveText("terms.txt");

  // The cells show the edits at once; the writes behind them may still be on their way.
  await expect
    .poll(async () => {
      const saved = await apiRow(page, orders.id, order!.id);
      return [names(saved.fields.Supplier), names(saved.fields.Buyer), names(saved.fields.Files)];
    })
    .toEqual([["Borealis Farm"], [colleague.name], ["terms.txt"]]);

  // Closing hands focus back to the grid, on the row's cell.
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(grid).toBeFocused();
  await expect(grid).toHaveAttribute("aria-activedescendant", (await cell(0, 0).getAttribute("id"))!);

  // Shift+Space opens it again; the history names who changed what, newest first.
  await page.keyboard.press("Shift+Space");
  await expect(dialog).toBeVisible();
  const history = dialog.getByRole("list", { name: "Changes, newest first" });
  const changes = history.getByRole("listitem", { name: `${owner.name} changed` });
  await expect(changes).toHaveCount(3);
  const supplierChange = changes.filter({ hasText: "Supplier: (empty) → Borealis Farm" });
  await expect(supplierChange).toHaveCount(1);

  // Reverting the link's change empties it again, here, in the grid and in the API.
  await supplierChange.getByRole("button", { name: "Revert this change" }).click();
  await expect(dialog.getByRole("status").filter({ hasText: "Reverted." })).toBeVisible();
  await expect(dialog.getByRole("button", { name: /^Supplier/ })).toContainText("Empty");
  await expect(cell(0, 1)).toHaveText("");
  expect((await apiRow(page, orders.id, order!.id)).fields.Supplier ?? []).toEqual([]);
  await expect(changes).toHaveCount(4);

  // The same change cannot be reverted twice: the server says it was superseded.
  await supplierChange.getByRole("button", { name: "Revert this change" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: /changed again since this entry/ })).toBeVisible();

  // Someone else changes Notes while the dialog shows the old value; saving shows both and keeps mine on request.
  await expect(dialog.getByRole("button", { name: /^Notes/ })).toContainText("Call first");
  const theirs = await other.request.patch(`/api/v1/tables/${orders.id}/rows/${order!.id}`, { data: { fields: { Notes: "Email instead" } } });
  expect(theirs.status()).toBe(200);
  await dialog.getByRole("button", { name: /^Notes/ }).click();
  await dialog.getByRole("textbox", { name: "Notes" }).fill("Call after 10");
  await page.keyboard.press("Enter");
  const conflict = dialog.getByRole("alert", { name: "Changed by someone else" });
  await expect(conflict).toContainText("now Email instead, yours Call after 10");
  await expect(dialog.getByRole("button", { name: /^Notes/ })).toContainText("Email instead");
  await conflict.getByRole("button", { name: "Keep mine" }).click();
  await expect(conflict).toHaveCount(0);
  await expect(dialog.getByRole("button", { name: /^Notes/ })).toContainText("Call after 10");
  await expect(cell(0, 4)).toHaveText("Call after 10");
  await expect.poll(async () => (await apiRow(page, orders.id, order!.id)).fields.Notes).toBe("Call after 10");

  // The next record is a button away.
  await dialog.getByRole("button", { name: "Next record" }).click();
  await expect(page.getByRole("dialog", { name: "Order 2" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(grid).toBeFocused();
  await expect(grid).toHaveAttribute("aria-activedescendant", (await cell(1, 0).getAttribute("id"))!);

  // The same picker edits a link in the grid itself, by keyboard.
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await grid.getByRole("combobox", { name: "Supplier" }).fill("acme");
  await expect(grid.getByRole("option")).toHaveText(["Acme Mills"]);
  await page.keyboard.press("Enter");
  await expect(cell(1, 1)).toHaveText("Acme Mills");
  await expect(grid).toBeFocused();
  // The cell shows the link at once; the API has it once the write lands.
  await expect
    .poll(async () => names(((await (await page.request.get(`/api/v1/tables/${orders.id}/rows`)).json()) as { rows: ApiRow[] }).rows[1]!.fields.Supplier))
    .toEqual(["Acme Mills"]);
});
