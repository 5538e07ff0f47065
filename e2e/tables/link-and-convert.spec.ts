import { expect, type Page, test } from "@playwright/test";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("link-owner", "Lena Linker");

async function importTable(page: Page, fileName: string, text: string) {
  const form = page.getByRole("form", { name: "Import CSV" });
  await form.getByLabel("CSV file").setInputFiles({ name: fileName, mimeType: "text/csv", buffer: Buffer.from(text) });
  await form.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText(/^Imported \d+ rows into /)).toBeVisible();
}

test("an owner links two tables, looks up, rolls up and counts through the link, picks a person, and converts a field's type", async ({ browser }) => {
  const page = await signUp(browser, owner);
  await createWorkspaceAndBase(page, "Bakery", "Kitchen");
  await importTable(page, "Suppliers.csv", "Name,City\nMill Co,Lyon\nDairy Farm,Caen\n");
  await importTable(page, "Ingredients.csv", "Name,Price,Stock\nFlour,2.5,10\nButter,4,lots\nSugar,1.2,3\n");
  await page.getByRole("status").getByRole("link", { name: "Ingredients" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ingredients" })).toBeVisible();
  const ingredients = page.getByRole("table", { name: "Rows of Ingredients" });
  const addField = page.getByRole("form", { name: "Add field" });
  const fieldList = page.getByRole("list", { name: "Fields" });

  // A link to one supplier; the other table gets the other side, under the name given.
  await addField.getByLabel("Field name").fill("Supplier");
  await addField.getByLabel("Field type").selectOption("link");
  await addField.getByLabel("Linked table").selectOption({ label: "Suppliers" });
  await addField.getByLabel("Allow several linked records").uncheck();
  await addField.getByLabel("Name of the reverse field").fill("Ingredients supplied");
  await addField.getByRole("button", { name: "Add field" }).click();
  await expect(ingredients.getByRole("columnheader", { name: "Supplier Link to another record" })).toBeVisible();

  // A lookup through it.
  await addField.getByLabel("Field name").fill("Supplier city");
  await addField.getByLabel("Field type").selectOption("lookup");
  await addField.getByLabel("Link field").selectOption({ label: "Supplier" });
  await addField.getByLabel("Field to show").selectOption({ label: "City (Single line text)" });
  await addField.getByRole("button", { name: "Add field" }).click();
  await expect(ingredients.getByRole("columnheader", { name: "Supplier city Lookup" })).toBeVisible();

  // A person of the workspace.
  await addField.getByLabel("Field name").fill("Buyer");
  await addField.getByLabel("Field type").selectOption("user");
  await addField.getByRole("button", { name: "Add field" }).click();
  await expect(ingredients.getByRole("columnheader", { name: "Buyer User" })).toBeVisible();

  // Flour gets a supplier and a buyer through its edit form.
  const flour = ingredients.getByRole("row", { name: /Flour/ });
  await flour.getByRole("link", { name: "Edit Flour" }).click();
  const editRow = page.getByRole("form", { name: "Edit row" });
  await editRow.getByLabel("Supplier", { exact: true }).selectOption({ label: "Mill Co" });
  await editRow.getByLabel("Buyer").selectOption({ label: owner.name });
  await editRow.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("form", { name: "Edit row" })).toHaveCount(0);
  await expect(flour).toContainText("Lyon");
  await expect(flour).toContainText(owner.name);

  // The edit form opens with the link chosen.
  await flour.getByRole("link", { name: "Edit Flour" }).click();
  await expect(editRow.getByLabel("Supplier", { exact: true })).toHaveValue(/^\d+$/);
  await expect(editRow.getByLabel("Supplier", { exact: true }).locator("option:checked")).toHaveText("Mill Co");
  await page.getByRole("link", { name: "Cancel" }).click();

  // Changing Stock from text to number: the preview says what will not convert, then it converts.
  const stock = fieldList.getByRole("listitem").filter({ hasText: "Stock" });
  await stock.locator("summary").first().click();
  await stock.getByText("Change type").click();
  const changeType = page.getByRole("form", { name: "Change type of Stock" });
  await changeType.getByLabel("New type").selectOption("number");
  await changeType.getByRole("button", { name: "Preview change" }).click();
  await expect(changeType.getByRole("status")).toHaveText("1 of 3 values will not convert; they will be emptied.");
  await expect(changeType.getByRole("table", { name: "Values that will not convert" })).toContainText("lots");
  // A change to the form hides the preview it no longer describes.
  await changeType.getByLabel("Decimal places").fill("1");
  await expect(changeType.getByRole("button", { name: "Convert to Number" })).toHaveCount(0);
  await changeType.getByRole("button", { name: "Preview change" }).click();
  await changeType.getByRole("button", { name: "Convert to Number" }).click();
  await expect(ingredients.getByRole("columnheader", { name: "Stock Number" })).toBeVisible();
  await expect(flour).toContainText("10.0");
  await expect(ingredients.getByRole("row", { name: /Butter/ }).getByRole("cell").nth(1)).toHaveText("");

  // The linked row's name leads to its table, where the other side shows the link.
  await flour.getByRole("link", { name: "Mill Co" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Suppliers" })).toBeVisible();
  const suppliers = page.getByRole("table", { name: "Rows of Suppliers" });
  const mill = suppliers.getByRole("row", { name: /Mill Co/ });
  await expect(mill.getByRole("link", { name: "Flour" })).toBeVisible();

  // A count and a rollup through the other side.
  await addField.getByLabel("Field name").fill("Ingredient count");
  await addField.getByLabel("Field type").selectOption("count");
  await addField.getByLabel("Link field").selectOption({ label: "Ingredients supplied" });
  await addField.getByRole("button", { name: "Add field" }).click();
  await expect(suppliers.getByRole("columnheader", { name: "Ingredient count Count" })).toBeVisible();
  await addField.getByLabel("Field name").fill("Total price");
  await addField.getByLabel("Field type").selectOption("rollup");
  await addField.getByLabel("Link field").selectOption({ label: "Ingredients supplied" });
  await addField.getByLabel("Field to summarise").selectOption({ label: "Price (Number)" });
  await addField.getByLabel("Summary").selectOption({ label: "Sum" });
  await addField.getByRole("button", { name: "Add field" }).click();
  await expect(suppliers.getByRole("columnheader", { name: "Total price Rollup" })).toBeVisible();
  await expect(mill.getByRole("cell").nth(2)).toHaveText("1");
  await expect(mill.getByRole("cell").nth(3)).toHaveText("2.5");
  await expect(suppliers.getByRole("row", { name: /Dairy Farm/ }).getByRole("cell").nth(2)).toHaveText("0");

  // Linking from this side: Dairy Farm supplies Butter and Sugar.
  await suppliers.getByRole("row", { name: /Dairy Farm/ }).getByRole("link", { name: "Edit Dairy Farm" }).click();
  await editRow.getByLabel("Ingredients supplied").selectOption([{ label: "Butter" }, { label: "Sugar" }]);
  await editRow.getByRole("button", { name: "Save changes" }).click();
  const dairy = suppliers.getByRole("row", { name: /Dairy Farm/ });
  await expect(dairy.getByRole("cell").nth(2)).toHaveText("2");
  await expect(dairy.getByRole("cell").nth(3)).toHaveText("5.2");

  await page.context().close();
});
