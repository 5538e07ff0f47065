import { expect, type Page, test } from "@playwright/test";
import { type ApiRow, apiRows } from "../support/api";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("grid-owner", "Greta Grid");

const values = (rows: ApiRow[], field: string) => rows.map((row) => row.fields[field] ?? null);

/** Pastes text at the grid as a spreadsheet's clipboard would (a paste event with clipboard data). */
async function paste(page: Page, text: string) {
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.setData("text/plain", data);
    (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, text);
}

test("an owner edits cells by keyboard, pastes a 3×3 block past the last row and undoes, and the API agrees", async ({ browser }) => {
  const page = await signUp(browser, owner);
  await createWorkspaceAndBase(page, "Grocer", "Stock");
  const baseId = /\/b\/([^/?#]+)/.exec(page.url())![1]!;

  // A table with typed fields and two rows, through the API (the session cookie rides along).
  const created = await page.request.post("/api/v1/tables", {
    data: {
      baseId,
      name: "Produce",
      fields: [
        { name: "Name", type: "text" },
        { name: "Qty", type: "number" },
        { name: "Price", type: "currency", options: { precision: 2, symbol: "$" } },
        { name: "Organic", type: "boolean" },
        { name: "Status", type: "single_select", options: { choices: [{ name: "In stock" }, { name: "Sold out" }] } },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const table = (await created.json()) as { id: string; fields: Array<{ id: string; name: string }> };
  const seeded = await page.request.post(`/api/v1/tables/${table.id}/rows`, {
    data: { rows: [{ fields: { Name: "Apple", Qty: 3, Price: 0.5 } }, { fields: { Name: "Banana", Qty: 12, Price: 0.25 } }] },
  });
  expect(seeded.status()).toBe(201);

  // The table page opens the grid; the URL names the view.
  await page.reload();
  await page.getByRole("list", { name: "Tables" }).getByRole("link", { name: /Produce/ }).click();
  await page.getByRole("link", { name: "Open grid" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${table.id}/v/[^/]+$`));
  const grid = page.getByRole("grid", { name: /Produce/ });
  await expect(grid).toHaveAttribute("aria-rowcount", "3");
  await expect(grid).toHaveAttribute("aria-colcount", "5");
  const rowCount = page.getByText(/^(Counting rows…|[\d,]+ rows?)$/);
  await expect(rowCount).toHaveText("2 rows");
  const cell = (row: number, col: number) => grid.locator(`[role="row"][aria-rowindex="${row + 2}"] [role="gridcell"][aria-colindex="${col + 1}"]`);
  await expect(cell(0, 0)).toHaveText("Apple");
  await expect(grid.getByRole("columnheader", { name: /Price/ })).toBeVisible();

  // Typing replaces the value; Enter saves and moves down.
  await cell(0, 0).click();
  await expect(cell(0, 0)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.type("Apricot");
  await expect(grid.getByRole("textbox", { name: "Name" })).toHaveValue("Apricot");
  await page.keyboard.press("Enter");
  await expect(cell(0, 0)).toHaveText("Apricot");
  await expect(grid).toHaveAttribute("aria-activedescendant", (await cell(1, 0).getAttribute("id"))!);

  // Escape cancels an edit.
  await page.keyboard.type("Zucchini");
  await page.keyboard.press("Escape");
  await expect(grid.getByRole("textbox")).toHaveCount(0);
  await expect(cell(1, 0)).toHaveText("Banana");

  // Arrows move; Enter opens the editor with the value; a bad number is refused in place, nothing lost.
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  const qty = grid.getByRole("textbox", { name: "Qty" });
  await expect(qty).toHaveValue("12");
  await qty.fill("lots");
  await page.keyboard.press("Enter");
  await expect(grid.getByRole("alert")).toContainText("expected a number");
  await expect(qty).toHaveValue("lots");
  await qty.fill("42");
  await page.keyboard.press("Enter");
  await expect(cell(1, 1)).toHaveText("42");

  // Delete clears; Space toggles a checkbox; a select is picked by typing and Enter.
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Delete");
  await expect(cell(0, 1)).toHaveText("");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press(" ");
  await expect(cell(0, 3)).toHaveText("Yes");
  await page.keyboard.press("Tab");
  await page.keyboard.type("sold");
  await page.keyboard.press("Enter");
  await expect(cell(0, 4)).toHaveText("Sold out");

  await expect
    .poll(async () => {
      const rows = await apiRows(page, table.id);
      return { names: values(rows, "Name"), qty: values(rows, "Qty"), organic: values(rows, "Organic"), status: values(rows, "Status") };
    })
    .toEqual({ names: ["Apricot", "Banana"], qty: [null, 42], organic: [true, false], status: ["Sold out", null] });

  // A 3×3 block pasted at Banana's name: one row updated, two added, the bad value reported and the rest written.
  await cell(1, 0).click();
  await paste(page, "Cherry\t7\t1.50\r\nDate\t8\t$2.25\r\nElder\tnot a number\t3\r\n");
  await expect(page.getByRole("alert").filter({ hasText: "Not pasted" })).toContainText('row 4, Qty: "not a number" expected a number');
  await expect(rowCount).toHaveText("4 rows");
  await expect(cell(1, 0)).toHaveText("Cherry");
  await expect(cell(3, 0)).toHaveText("Elder");
  await expect(cell(2, 2)).toHaveText("$2.25");
  let rows = await apiRows(page, table.id);
  expect(values(rows, "Name")).toEqual(["Apricot", "Cherry", "Date", "Elder"]);
  expect(values(rows, "Qty")).toEqual([null, 7, 8, null]);
  expect(values(rows, "Price")).toEqual([0.5, 1.5, 2.25, 3]);

  // Ctrl+Z undoes the paste (the added rows go too), then the select edit before it.
  await page.keyboard.press("Control+z");
  await expect(rowCount).toHaveText("2 rows");
  await expect(cell(1, 0)).toHaveText("Banana");
  await page.keyboard.press("Control+z");
  await expect(cell(0, 4)).toHaveText("");
  // The cell shows the undo at once; the write behind it may still be on its way.
  await expect.poll(async () => values(await apiRows(page, table.id), "Status")).toEqual([null, null]);
  rows = await apiRows(page, table.id);
  expect(values(rows, "Name")).toEqual(["Apricot", "Banana"]);
  expect(values(rows, "Qty")).toEqual([null, 42]);
  expect(values(rows, "Price")).toEqual([0.5, 0.25]);
  expect(values(rows, "Status")).toEqual([null, null]);

  // Copy gives the selected range as TSV.
  await cell(0, 0).click();
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Shift+ArrowRight");
  const copied = await page.evaluate(() => {
    const transfer = new DataTransfer();
    document.activeElement!.dispatchEvent(new ClipboardEvent("copy", { clipboardData: transfer, bubbles: true, cancelable: true }));
    return transfer.getData("text/plain");
  });
  expect(copied).toBe("Apricot\t\nBanana\t42");

  // Someone else changes a cell while it is being typed into: the edit is refused, both values shown, and "Keep mine" writes it over theirs.
  // (Typing first: with realtime on, a change made before would reach the grid before the edit began.)
  const [apricot] = await apiRows(page, table.id);
  await cell(0, 0).click();
  await page.keyboard.type("Almond");
  const behind = await page.request.patch(`/api/v1/tables/${table.id}/rows/${apricot!.id}`, { data: { fields: { Name: "Avocado" } } });
  expect(behind.status()).toBe(200);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog", { name: "Someone else changed this cell first" });
  await expect(dialog).toContainText("Now: Avocado");
  await expect(dialog).toContainText("Yours: Almond");
  await expect(cell(0, 0)).toHaveText("Avocado");
  await dialog.getByRole("button", { name: "Keep mine" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(cell(0, 0)).toHaveText("Almond");
  await expect.poll(async () => values(await apiRows(page, table.id), "Name")).toEqual(["Almond", "Banana"]);

  // Without realtime, others' changes arrive when the window regains focus.
  const banana = (await apiRows(page, table.id))[1]!;
  await page.request.patch(`/api/v1/tables/${table.id}/rows/${banana.id}`, { data: { fields: { Name: "Blueberry" } } });
  await page.evaluate(() => window.dispatchEvent(new Event("focus")));
  await expect(cell(1, 0)).toHaveText("Blueberry");

  // A column dragged wider keeps its width in the view.
  const viewId = /\/v\/([^/?#]+)$/.exec(page.url())![1]!;
  const qtyId = table.fields.find((f) => f.name === "Qty")!.id;
  const handle = grid.getByRole("separator", { name: "Resize Qty" });
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/views/${viewId}`)).json()) as { config?: { widths?: Record<string, number> } }).config?.widths?.[qtyId])
    .toBe(240);

  await page.context().close();
});
