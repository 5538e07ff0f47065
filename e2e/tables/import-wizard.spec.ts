import { expect, test } from "@playwright/test";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("import-wizard", "Wanda Wizard");

const seeds = [
  "Plant,Packets,Code,Sown,Colour,Height,Secret",
  "Basil,12,007,2026-03-01,green,30,a",
  "Tomato,8,012,2026-03-15,red,tall,b",
  "Kale,3,019,2026-04-02,green,45,c",
  "Chard,5,020,2026-04-10,red,50,d",
].join("\n");

test("an owner previews a CSV, adjusts the guessed types, skips and renames columns, imports it and opens the table", async ({ browser }) => {
  const page = await signUp(browser, owner);
  await createWorkspaceAndBase(page, "Allotment", "Plots");

  // The file is dropped onto the zone around the file input.
  const wizard = page.getByRole("form", { name: "Import CSV" });
  const fileInput = wizard.getByLabel("CSV file");
  const dropped = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], "Seeds.csv", { type: "text/csv" }));
    return transfer;
  }, seeds);
  await fileInput.locator("..").dispatchEvent("drop", { dataTransfer: dropped });

  // The preview: the table named after the file, each column with its guessed type, the first rows.
  await expect(wizard.getByLabel("Table name")).toHaveValue("Seeds");
  const columns = wizard.getByRole("table", { name: "Columns" });
  await expect(columns.getByRole("row")).toHaveCount(8);
  await expect(wizard.getByLabel("Type of Plant")).toHaveValue("text");
  await expect(wizard.getByLabel("Type of Packets")).toHaveValue("number");
  await expect(wizard.getByLabel("Type of Packets").locator("option:checked")).toHaveText("Number (guessed)");
  await expect(wizard.getByLabel("Type of Code")).toHaveValue("number");
  await expect(wizard.getByLabel("Type of Sown")).toHaveValue("date");
  await expect(wizard.getByLabel("Type of Colour")).toHaveValue("single_select");
  await expect(wizard.getByLabel("Type of Height")).toHaveValue("text");
  const preview = wizard.getByRole("table", { name: "Preview of Seeds.csv" });
  await expect(preview.getByRole("row")).toHaveCount(5);
  await expect(preview.getByRole("row").nth(1)).toContainText("Basil");
  await expect(preview.getByRole("columnheader", { name: "Code Number" })).toBeVisible();

  // Codes keep their leading zeros as text; heights are numbers; the secret stays out; packets get a clearer name.
  await wizard.getByLabel("Type of Code").selectOption("text");
  await expect(preview.getByRole("columnheader", { name: "Code Single line text" })).toBeVisible();
  await wizard.getByLabel("Type of Height").selectOption("number");
  await wizard.getByLabel("Type of Secret").selectOption("skip");
  await expect(preview.getByRole("columnheader", { name: /^Secret/ })).toHaveCount(0);
  await expect(wizard.getByLabel("Field name for Secret")).toBeDisabled();
  // A name another field has is caught before sending, and what was typed stays.
  const packetsName = wizard.getByLabel("Field name for Packets");
  await packetsName.fill("plant");
  await expect(wizard.getByText("Another field is already named “plant”")).toBeVisible();
  await expect(wizard.getByRole("button", { name: "Import" })).toBeDisabled();
  await packetsName.fill("Seed packets");
  await expect(preview.getByRole("columnheader", { name: "Seed packets Number" })).toBeVisible();

  await wizard.getByRole("button", { name: "Import" }).click();
  const status = page.getByRole("status");
  await expect(status.getByText("Imported 4 rows into Seeds.")).toBeVisible();
  // The value that is not a number is left empty, its row kept, and listed by line.
  const emptied = status.getByRole("table", { name: "Cells left empty" });
  await expect(emptied.getByRole("row")).toHaveCount(2);
  await expect(emptied.getByRole("row").nth(1)).toHaveText(/^3\s*Height\s*"tall" expected a number$/);
  await expect(fileInput).toHaveValue("");
  await expect(wizard.getByRole("table", { name: "Columns" })).toHaveCount(0);

  await status.getByRole("link", { name: "Seeds" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Seeds" })).toBeVisible();
  const tableId = /\/t\/([^/?#]+)/.exec(page.url())![1]!;

  // The API has the chosen types and names, and the values as imported.
  const table = (await (await page.request.get(`/api/v1/tables/${tableId}`)).json()) as { fields: Array<{ name: string; type: string }> };
  expect(table.fields.map((f) => [f.name, f.type])).toEqual([
    ["Plant", "text"],
    ["Seed packets", "number"],
    ["Code", "text"],
    ["Sown", "date"],
    ["Colour", "single_select"],
    ["Height", "number"],
  ]);
  const rows = (await (await page.request.get(`/api/v1/tables/${tableId}/rows`)).json()) as { rows: Array<{ fields: Record<string, unknown> }> };
  expect(rows.rows.map((r) => r.fields)).toEqual([
    { Plant: "Basil", "Seed packets": 12, Code: "007", Sown: "2026-03-01", Colour: "green", Height: 30 },
    { Plant: "Tomato", "Seed packets": 8, Code: "012", Sown: "2026-03-15", Colour: "red", Height: null },
    { Plant: "Kale", "Seed packets": 3, Code: "019", Sown: "2026-04-02", Colour: "green", Height: 45 },
    { Plant: "Chard", "Seed packets": 5, Code: "020", Sown: "2026-04-10", Colour: "red", Height: 50 },
  ]);

  await page.context().close();
});

test("a file that cannot be previewed says why, and the file input takes another", async ({ browser }) => {
  const page = await signUp(browser, testUser("import-wizard-empty", "Eli Empty"));
  await createWorkspaceAndBase(page, "Orchard", "Trees");
  const wizard = page.getByRole("form", { name: "Import CSV" });
  await wizard.getByLabel("CSV file").setInputFiles({ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.from("\n\n") });
  await expect(wizard.getByRole("alert")).toContainText("The file is empty: it needs a header row naming the columns");
  await expect(wizard.getByRole("button", { name: "Import" })).toHaveCount(0);
  await wizard.getByLabel("CSV file").setInputFiles({ name: "trees.csv", mimeType: "text/csv", buffer: Buffer.from("Tree,Planted\nApple,2020\n") });
  await expect(wizard.getByRole("alert")).toHaveCount(0);
  await expect(wizard.getByLabel("Table name")).toHaveValue("trees");
  await wizard.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status").getByText("Imported 1 row into trees.")).toBeVisible();
  await page.context().close();
});
