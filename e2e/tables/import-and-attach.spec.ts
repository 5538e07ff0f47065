import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("import-owner", "Ines Importer");

const csv = (text: string, name: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

test("an owner imports a CSV into a new table, appends another, exports it and attaches a file to a row", async ({ browser }) => {
  const page = await signUp(browser, owner);
  await createWorkspaceAndBase(page, "Garden Club", "Seed bank");

  // A new table from a file, one line of which has a value too many.
  const importForm = page.getByRole("form", { name: "Import CSV" });
  await importForm
    .getByLabel("CSV file")
    .setInputFiles(csv("Name,Packets,Sown\nBasil,12,2026-03-01\nTomato,8,2026-03-15\nKale,2,2026-04-02,extra\nChard,3,2026-04-10\n", "Seeds.csv"));
  // The table is named after the file unless someone types a name.
  await expect(importForm.getByLabel("Table name")).toHaveValue("Seeds");
  await importForm.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Imported 3 rows into Seeds.")).toBeVisible();
  const rejected = page.getByRole("table", { name: "Lines not imported" });
  await expect(rejected.getByRole("row")).toHaveCount(2);
  await expect(rejected.getByRole("row").nth(1)).toHaveText(/^4\s*Expected 3 values, found 4$/);
  await expect(importForm.getByLabel("CSV file")).toHaveValue("");
  // The base's list of tables has it too, without a reload.
  await expect(page.getByRole("list", { name: "Tables" }).getByRole("link", { name: /Seeds/ })).toBeVisible();

  await page.getByRole("status").getByRole("link", { name: "Seeds" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Seeds" })).toBeVisible();
  const rows = page.getByRole("table", { name: "Rows of Seeds" });
  await expect(rows.getByRole("columnheader", { name: "Packets Number" })).toBeVisible();
  await expect(rows.getByRole("columnheader", { name: "Sown Date" })).toBeVisible();
  await expect(rows.getByRole("row", { name: /Basil/ })).toContainText("Mar 1, 2026");
  await expect(rows.getByRole("row", { name: /Chard/ })).toContainText("3");
  await expect(rows.getByRole("row")).toHaveCount(4);

  // More rows from a second file: its columns are matched to fields by name, the unknown one skipped; the value that is not a number leaves its cell empty.
  const append = page.getByRole("form", { name: "Import rows from CSV" });
  await append.getByLabel("CSV file").setInputFiles(csv("Name,Packets,Colour\nParsley,6,green\nDill,not a number,green\n", "more.csv"));
  await expect(append.getByLabel("Field for Colour").locator("option:checked")).toHaveText("Skip this column");
  await append.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Imported 2 rows.")).toBeVisible();
  await expect(page.getByText("Column 3 fills no field of the table and was left out.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Cells left empty" }).getByRole("row").nth(1)).toHaveText(/^3\s*Packets\s*"not a number" expected a number$/);
  await expect(rows.getByRole("row", { name: /Parsley/ })).toContainText("6");
  await expect(rows.getByRole("row")).toHaveCount(6);

  // A file none of whose columns is a field: nothing to import until a column is mapped, and that is said by the form.
  await append.getByLabel("CSV file").setInputFiles(csv("Colour,Height\ngreen,30\n", "wrong.csv"));
  await expect(append.getByRole("alert")).toContainText("No column fills a field of this table");
  await expect(append.getByRole("button", { name: "Import" })).toBeDisabled();
  await expect(rows.getByRole("row")).toHaveCount(6);

  // The export is a download of every row.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("Seeds.csv");
  const exported = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const lines = exported.trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^Name,Packets,Sown/);
  for (const name of ["Basil", "Tomato", "Chard", "Parsley", "Dill"]) expect(exported).toContain(name);
  expect(exported).not.toContain("Kale");
  expect(lines).toHaveLength(6);

  // An attachment field, and a file attached to a row through its edit form.
  const addField = page.getByRole("form", { name: "Add field" });
  await addField.getByLabel("Field name").fill("Care sheet");
  await addField.getByLabel("Field type").selectOption("attachment");
  await addField.getByRole("button", { name: "Add field" }).click();
  await expect(rows.getByRole("columnheader", { name: "Care sheet Attachment" })).toBeVisible();

  await rows.getByRole("row", { name: /Basil/ }).getByRole("link", { name: "Edit Basil" }).click();
  const editRow = page.getByRole("form", { name: "Edit row" });
  await editRow.getByLabel("Care sheet").setInputFiles({ name: "basil-care.txt", mimeType: "text/plain", buffer: Buffer.from("Water daily.\n") });
  await expect(editRow.getByRole("list", { name: "Uploads" })).toContainText("Uploaded");
  await editRow.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("form", { name: "Edit row" })).toHaveCount(0);
  const attached = rows.getByRole("row", { name: /Basil/ }).getByRole("link", { name: "basil-care.txt" });
  await expect(attached).toBeVisible();
  const file = await page.request.get((await attached.getAttribute("href"))!);
  expect(file.status()).toBe(200);
  expect(await file.text()).toBe("Water daily.\n");

  // The edit form lists it, with a box to remove it.
  await rows.getByRole("row", { name: /Basil/ }).getByRole("link", { name: "Edit Basil" }).click();
  await expect(editRow.getByRole("list", { name: "Attached files" })).toContainText("basil-care.txt");
  await editRow.getByLabel("Remove basil-care.txt").check();
  await editRow.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("form", { name: "Edit row" })).toHaveCount(0);
  await expect(rows.getByRole("row", { name: /Basil/ }).getByRole("link", { name: "basil-care.txt" })).toHaveCount(0);

  await page.context().close();
});
