import { expect, test } from "@playwright/test";
import { apiRows } from "../support/api";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("import-append", "Abe Append");

const seeds = [
  "plant,How many,sown,Colour,Secret",
  "Basil,12,2026-03-01,green,a",
  "Tomato,8,soon,red,b",
  "Kale,lots,2026-04-02,blue,c",
  "Chard,5,2026-04-10,red,d",
].join("\n");

test("a CSV appended from the grid: columns mapped to fields (matched by name), misfits warned of per column, emptied on import, the rest written and shown", async ({ browser }) => {
  const page = await signUp(browser, owner);
  await createWorkspaceAndBase(page, "Allotment", "Plots");
  const [, workspaceId, baseId] = /\/w\/([^/?#]+)\/b\/([^/?#]+)/.exec(page.url())!;
  const created = await page.request.post("/api/v1/tables", {
    data: {
      baseId,
      name: "Beds",
      fields: [
        { name: "Plant", type: "text" },
        { name: "Packets", type: "number" },
        { name: "Sown", type: "date" },
        { name: "Colour", type: "single_select", options: { choices: [{ name: "red" }, { name: "green" }] } },
      ],
    },
  });
  const table = (await created.json()) as { id: string };
  await page.request.post(`/api/v1/tables/${table.id}/rows`, { data: { rows: [{ fields: { Plant: "Leek", Packets: 1 } }, { fields: { Plant: "Onion", Packets: 2 } }] } });
  const { views } = (await (await page.request.get(`/api/v1/views?tableId=${table.id}`)).json()) as { views: Array<{ id: string; type: string }> };
  await page.goto(`/w/${workspaceId}/b/${baseId}/t/${table.id}/v/${views.find((v) => v.type === "grid")!.id}`);
  await expect(page.getByText("2 rows", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Import CSV" }).click();
  const dialog = page.getByRole("dialog", { name: "Import rows from CSV" });
  const wizard = dialog.getByRole("form", { name: "Import rows from CSV" });
  const dropped = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], "seeds.csv", { type: "text/csv" }));
    return transfer;
  }, seeds);
  await wizard.getByLabel("CSV file").locator("..").dispatchEvent("drop", { dataTransfer: dropped });

  // Matched by name regardless of case; the rest skipped until mapped.
  const chosen = (header: string) => wizard.getByLabel(`Field for ${header}`).locator("option:checked");
  await expect(chosen("plant")).toHaveText("Plant (Single line text)");
  await expect(chosen("sown")).toHaveText("Sown (Date)");
  await expect(chosen("Colour")).toHaveText("Colour (Single select)");
  await expect(chosen("How many")).toHaveText("Skip this column");
  await expect(chosen("Secret")).toHaveText("Skip this column");
  const columns = wizard.getByRole("table", { name: "Columns" });
  const check = (header: string) => columns.getByRole("row", { name: new RegExp(`^${header}\\b`) }).getByRole("cell").nth(1);
  await expect(check("plant")).toHaveText("Every value of the file fits");
  await expect(check("sown")).toContainText("1 value of the file will not fit Date and will be left empty (e.g. “soon”");
  await expect(check("Colour")).toContainText("(e.g. “blue”");
  await expect(check("Secret")).toHaveText("Not imported");
  await wizard.getByLabel("Field for How many").selectOption({ label: "Packets (Number)" });
  await expect(check("How many")).toContainText("1 value of the file will not fit Number and will be left empty (e.g. “lots”: expected a number)");

  // One field filled from two columns is caught before sending.
  await wizard.getByLabel("Field for Secret").selectOption({ label: "Plant (Single line text)" });
  await expect(wizard.getByText("Another column already fills “Plant”")).toBeVisible();
  await expect(wizard.getByRole("button", { name: "Import" })).toBeDisabled();
  await wizard.getByLabel("Field for Secret").selectOption({ label: "Skip this column" });

  // The preview shows the mapped columns under their fields' names.
  const preview = wizard.getByRole("table", { name: "Preview of seeds.csv" });
  await expect(preview.getByRole("row")).toHaveCount(5);
  await expect(preview.getByRole("columnheader")).toHaveText(["Plant from plant", "Packets from How many", "Sown from sown", "Colour from Colour"]);

  await wizard.getByRole("button", { name: "Import" }).click();
  const status = dialog.getByRole("status");
  await expect(status.getByText("Imported 4 rows.")).toBeVisible();
  const emptied = status.getByRole("table", { name: "Cells left empty" });
  await expect(emptied.getByRole("row")).toHaveCount(4);
  await expect(emptied.getByRole("row").nth(2)).toHaveText(/^4\s*Packets\s*"lots" expected a number$/);

  // The open grid has the new rows.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText("6 rows", { exact: true })).toBeVisible();
  const grid = page.getByRole("grid", { name: /Beds/ });
  await expect(grid.locator('[role="row"] [role="gridcell"][aria-colindex="1"]')).toHaveText(["Leek", "Onion", "Basil", "Tomato", "Kale", "Chard"]);

  // In the API: the misfits empty, the rest of their rows written; one audit entry for the import.
  const rows = (await apiRows(page, table.id)).slice(2).map((r) => [r.fields.Plant, r.fields.Packets ?? null, r.fields.Sown ?? null, r.fields.Colour ?? null]);
  expect(rows).toEqual([
    ["Basil", 12, "2026-03-01", "green"],
    ["Tomato", 8, null, "red"],
    ["Kale", null, "2026-04-02", null],
    ["Chard", 5, "2026-04-10", "red"],
  ]);
  const audit = (await (await page.request.get(`/api/v1/audit?workspaceId=${workspaceId}&action=table.import&resourceId=${table.id}`)).json()) as { entries: unknown[] };
  expect(audit.entries).toHaveLength(1);
});
