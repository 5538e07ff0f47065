import { expect, test } from "@playwright/test";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("big-table-owner", "Bea Bigtable");

// Extra-tall rows (128 px) of this many are 38.4M px, past the 33.5M px Chromium lays
// out (src/components/grid/scaled-scroll.ts scales the scroll space past it).
const rowCount = 300_000;

test("the last row of a table too tall for the browser is reached by Ctrl+End and by scrolling to the bottom", async ({ browser }) => {
  const page = await signUp(browser, owner);
  await createWorkspaceAndBase(page, "Archive", "Ledger");
  const [, workspaceId, baseId] = /\/w\/([^/?#]+)\/b\/([^/?#]+)/.exec(page.url())!;
  const csv = ["Name,N", ...Array.from({ length: rowCount }, (_, i) => `Row ${i + 1},${i + 1}`)].join("\n");
  const imported = await page.request.post(`/api/v1/tables/import?baseId=${baseId}&name=Big`, { data: csv, headers: { "content-type": "text/csv" } });
  expect(imported.status()).toBe(201);
  const { table } = (await imported.json()) as { table: { id: string } };
  const { views } = (await (await page.request.get(`/api/v1/views?tableId=${table.id}`)).json()) as { views: Array<{ id: string; type: string }> };
  await page.goto(`/w/${workspaceId}/b/${baseId}/t/${table.id}/v/${views.find((v) => v.type === "grid")!.id}`);

  const grid = page.getByRole("grid", { name: /Big/ });
  await expect(page.getByText(`${rowCount.toLocaleString("en")} rows`)).toBeVisible();
  await page.getByLabel("Row height").selectOption({ label: "Extra tall rows" });
  const firstRow = grid.locator('[role="row"][aria-rowindex="2"]');
  await expect.poll(async () => (await firstRow.boundingBox())!.height).toBe(128);
  // Saved: the toolbar's status line is in place, so the grid has its final height before it is scrolled.
  await expect(page.getByText("View saved")).toBeVisible();
  // The scrolled content stays within what every browser lays out, though the rows would be taller.
  const scrollHeight = await grid.evaluate((el) => el.scrollHeight);
  expect(scrollHeight).toBeLessThan(rowCount * 128);
  expect(scrollHeight).toBeGreaterThan(30_000_000);

  const cell = (n: number) => grid.locator(`[role="row"][aria-rowindex="${n + 1}"] [role="gridcell"][aria-colindex="1"]`);
  // Wholly in sight in the grid: below its sticky header row, above its bottom edge.
  const inSight = async (n: number) => {
    const [box, frame, header] = await Promise.all([cell(n).boundingBox(), grid.boundingBox(), grid.locator('[role="row"][aria-rowindex="1"]').boundingBox()]);
    return !!box && !!frame && !!header && box.y >= header.y + header.height - 0.5 && box.y + box.height <= frame.y + frame.height + 0.5;
  };
  await grid.getByRole("gridcell", { name: "Row 1", exact: true }).click();
  await page.keyboard.press("Control+End");
  await expect(cell(rowCount)).toHaveText(`Row ${rowCount}`);
  await expect.poll(() => inSight(rowCount)).toBe(true);
  // Up a row from the last one: the row above it sits just above (row positions stay exact when scaled).
  await page.keyboard.press("ArrowUp");
  // (Ctrl+End went to the last column: the selection stays in it.)
  await expect(grid.locator(`[role="row"][aria-rowindex="${rowCount}"] [role="gridcell"][aria-selected="true"]`)).toHaveCount(1);
  const above = (await cell(rowCount - 1).boundingBox())!;
  const last = (await cell(rowCount).boundingBox())!;
  expect(last.y - above.y).toBe(128);

  await page.keyboard.press("Control+Home");
  await expect.poll(() => inSight(1)).toBe(true);

  // By scrolling: the bottom of the scroll space shows the last row at the bottom of the grid.
  await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(cell(rowCount)).toHaveText(`Row ${rowCount}`);
  await expect.poll(() => inSight(rowCount)).toBe(true);
  // Halfway down the scroll space is halfway down the rows.
  await grid.evaluate((el) => el.scrollTo({ top: (el.scrollHeight - el.clientHeight) / 2 }));
  const middle = Math.round(rowCount / 2);
  await expect(cell(middle)).toHaveText(`Row ${middle}`);
  await expect.poll(() => inSight(middle)).toBe(true);
});
