import { expect, type Locator, test } from "@playwright/test";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("table-owner", "Olivia Owner");
const editor = testUser("table-editor", "Eddie Editor");

test("an owner builds a table through the pages, and an editor can add rows but not fields", async ({ browser }) => {
  const page = await signUp(browser, owner);

  // A workspace, a base, and a table in it.
  await createWorkspaceAndBase(page, "Corner Shop", "Inventory");
  await expect(page.getByText("No tables yet")).toBeVisible();

  const createTable = page.getByRole("form", { name: "Create table" });
  await createTable.getByLabel("Table name").fill("Products");
  await createTable.getByRole("button", { name: "Create table" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Products" })).toBeVisible();
  const tableUrl = new URL(page.url()).pathname;
  expect(tableUrl).toMatch(/\/w\/[^/]+\/b\/[^/]+\/t\/[^/]+$/);

  // Fields of several types, through the add-field form.
  const addField = page.getByRole("form", { name: "Add field" });
  const fieldList = page.getByRole("list", { name: "Fields" });
  async function addFieldOfType(name: string, type: string, options?: (form: Locator) => Promise<void>) {
    await addField.getByLabel("Field name").fill(name);
    await addField.getByLabel("Field type").selectOption(type);
    await options?.(addField);
    await addField.getByRole("button", { name: "Add field" }).click();
    await expect(fieldList.getByRole("listitem").filter({ hasText: name })).toHaveCount(1);
    await expect(addField.getByLabel("Field name")).toHaveValue("");
  }
  // Every type is offered, formulas included.
  await expect(addField.getByRole("option", { name: "Formula", exact: true })).toBeEnabled();

  await addFieldOfType("Price", "number", (form) => form.getByLabel("Decimal places").fill("2"));
  // A refused option is reported under its input, and the typed values stay.
  await addField.getByLabel("Field name").fill("Status");
  await addField.getByLabel("Field type").selectOption("single_select");
  await addField.getByLabel("Choices").fill("In stock\nIn stock");
  await addField.getByRole("button", { name: "Add field" }).click();
  await expect(addField.getByText("Choice names must be unique")).toBeVisible();
  await expect(addField.getByLabel("Choices")).toHaveAttribute("aria-invalid", "true");
  await addField.getByLabel("Choices").fill("In stock\nSold out");
  await addField.getByRole("button", { name: "Add field" }).click();
  await expect(fieldList.getByRole("listitem").filter({ hasText: "Status" })).toHaveCount(1);
  await addFieldOfType("Arrival", "date");
  await addFieldOfType("Fragile", "boolean");

  // The column headers name each field and its type.
  const rows = page.getByRole("table", { name: "Rows of Products" });
  await expect(rows.getByRole("columnheader", { name: "Price Number" })).toBeVisible();
  await expect(rows.getByRole("columnheader", { name: "Status Single select" })).toBeVisible();
  await expect(rows.getByRole("columnheader", { name: "Arrival Date" })).toBeVisible();
  await expect(rows.getByRole("columnheader", { name: "Fragile Checkbox" })).toBeVisible();

  // Two rows through the add-row form.
  const addRow = page.getByRole("form", { name: "Add row" });
  await addRow.getByLabel("Name").fill("Teapot");
  await addRow.getByLabel("Price").fill("12.5");
  await addRow.getByLabel("Status").selectOption("In stock");
  await addRow.getByLabel("Arrival").fill("2026-03-05");
  await addRow.getByLabel("Fragile").check();
  await addRow.getByRole("button", { name: "Add row" }).click();
  const teapot = rows.getByRole("row", { name: /Teapot/ });
  await expect(teapot).toContainText("12.50");
  await expect(teapot).toContainText("In stock");
  await expect(teapot).toContainText("Mar 5, 2026");
  await expect(teapot.getByRole("cell").nth(3)).toHaveText("Yes");
  await expect(addRow.getByLabel("Name")).toHaveValue("");

  await addRow.getByLabel("Name").fill("Mug");
  await addRow.getByLabel("Price").fill("4");
  await addRow.getByLabel("Status").selectOption("Sold out");
  await addRow.getByRole("button", { name: "Add row" }).click();
  const mug = rows.getByRole("row", { name: /Mug/ });
  await expect(mug).toContainText("4.00");
  await expect(mug).toContainText("Sold out");
  await expect(mug.getByRole("cell").nth(3)).toHaveText("No");

  // Editing one: the form opens with its values, and saving shows the new ones.
  await mug.getByRole("link", { name: "Edit Mug" }).click();
  const editRow = page.getByRole("form", { name: "Edit row" });
  await expect(editRow.getByLabel("Price")).toHaveValue("4");
  await expect(editRow.getByLabel("Status")).toHaveValue("Sold out");
  await editRow.getByLabel("Price").fill("4.75");
  await editRow.getByLabel("Fragile").check();
  await editRow.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`${tableUrl}$`));
  await expect(page.getByRole("form", { name: "Edit row" })).toHaveCount(0);
  await expect(mug).toContainText("4.75");
  await expect(mug.getByRole("cell").nth(3)).toHaveText("Yes");

  // Someone else saves the same cell first: this form's save is refused, not silently overwritten.
  await teapot.getByRole("link", { name: "Edit Teapot" }).click();
  await expect(editRow.getByLabel("Price")).toHaveValue("12.5");
  const other = await page.context().newPage();
  await other.goto(page.url());
  const otherEdit = other.getByRole("form", { name: "Edit row" });
  await otherEdit.getByLabel("Price").fill("13");
  await otherEdit.getByRole("button", { name: "Save changes" }).click();
  await expect(other.getByRole("table", { name: "Rows of Products" }).getByRole("row", { name: /Teapot/ })).toContainText("13.00");
  await other.close();
  await editRow.getByLabel("Price").fill("14");
  await editRow.getByRole("button", { name: "Save changes" }).click();
  await expect(editRow.getByRole("alert")).toHaveText("Someone changed this row; reload to see their version");
  await page.reload();
  await expect(page.getByRole("form", { name: "Edit row" }).getByLabel("Price")).toHaveValue("13");
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page.getByRole("form", { name: "Edit row" })).toHaveCount(0);

  // Deleting a row, then restoring it from the trash.
  await mug.getByRole("button", { name: "Delete Mug" }).click();
  await expect(mug).toHaveCount(0);
  await page.getByRole("link", { name: "Trash" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Trash of Products" })).toBeVisible();
  const deleted = page.getByRole("table", { name: "Deleted rows of Products" });
  await deleted.getByRole("row", { name: /Mug/ }).getByRole("button", { name: "Restore Mug" }).click();
  await expect(deleted.getByText("No deleted rows.")).toBeVisible();
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Products" }).click();
  await expect(mug).toContainText("4.75");
  await expect(rows.getByRole("row")).toHaveCount(3);

  // An editor, added on the members page, may add rows but is offered no way to change fields.
  const editorPage = await signUp(browser, editor);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Members" }).click();
  const addMember = page.getByRole("form", { name: "Add member" });
  await addMember.getByLabel("Email").fill(editor.email);
  await addMember.getByLabel("Role").selectOption("editor");
  await addMember.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("row", { name: new RegExp(editor.name) })).toBeVisible();

  await editorPage.goto(tableUrl);
  await expect(editorPage.getByRole("heading", { level: 1, name: "Products" })).toBeVisible();
  await expect(editorPage.getByRole("form", { name: "Add field" })).toHaveCount(0);
  await expect(editorPage.getByLabel("Field type")).toHaveCount(0);
  await expect(editorPage.getByText("Table settings")).toHaveCount(0);
  const editorAddRow = editorPage.getByRole("form", { name: "Add row" });
  await editorAddRow.getByLabel("Name").fill("Kettle");
  await editorAddRow.getByLabel("Price").fill("30");
  await editorAddRow.getByRole("button", { name: "Add row" }).click();
  await expect(editorPage.getByRole("table", { name: "Rows of Products" }).getByRole("row", { name: /Kettle/ })).toContainText("30.00");

  await page.context().close();
  await editorPage.context().close();
});
