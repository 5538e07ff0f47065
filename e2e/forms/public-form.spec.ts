import { expect, test } from "@playwright/test";
import type { ApiRow } from "../support/api";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("form-owner", "Fern Former");

test("an owner builds a form, shares it, and someone signed out on a phone fills it in; the row arrives", async ({ browser }) => {
  const page = await signUp(browser, owner);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await createWorkspaceAndBase(page, "Seeds", "Orders");
  const [, workspaceId, baseId] = /\/w\/([^/?#]+)\/b\/([^/?#]+)/.exec(page.url())!;

  const created = await page.request.post("/api/v1/tables", {
    data: {
      baseId,
      name: "Orders",
      fields: [
        { name: "Name", type: "text" },
        { name: "Email", type: "email" },
        { name: "Qty", type: "number" },
        { name: "Internal notes", type: "long_text" },
        { name: "Total", type: "formula", options: { formula: "{Qty} * 2" } },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const table = (await created.json()) as { id: string; fields: Array<{ id: string; name: string }> };
  const fieldId = (name: string) => table.fields.find((f) => f.name === name)!.id;
  const viewResponse = await page.request.post("/api/v1/views", { data: { tableId: table.id, name: "Order form", type: "form", config: { fields: [] } } });
  expect(viewResponse.status()).toBe(201);
  const view = (await viewResponse.json()) as { id: string };

  await page.goto(`/w/${workspaceId}/b/${baseId}/t/${table.id}/v/${view.id}`);
  await expect(page.getByRole("tab", { name: "Build", selected: true })).toBeVisible();
  await page.getByLabel("Form title").fill("Seed order");
  await page.getByLabel("Description").fill("Tell us what to send.");
  await page.getByLabel("Submit button").fill("Send order");

  // Only fields people can type into are offered: no formula.
  const toAdd = page.getByLabel("Field to add");
  await expect(toAdd.locator("option")).toHaveText([/^Name \(/, /^Email \(/, /^Qty \(/, /^Internal notes \(/]);
  for (const name of ["Name", "Email", "Qty"]) {
    await toAdd.selectOption(fieldId(name));
    await page.getByRole("button", { name: "Add question" }).click();
  }
  const questions = page.getByRole("list", { name: "Questions" }).getByRole("listitem");
  await expect(questions).toHaveCount(3);

  const name = questions.nth(0);
  await name.getByLabel("Label").fill("Your name");
  await name.getByLabel("Help text").fill("As on your card");
  await name.getByLabel("Required").check();

  // Reordered with the buttons, then by dragging a question onto the first one.
  await page.getByRole("button", { name: "Move Qty up" }).click();
  await expect(questions.nth(1)).toHaveAccessibleName("Qty");
  await expect(questions.nth(2)).toHaveAccessibleName("Email");
  await expect(page.getByRole("button", { name: "Move Your name up" })).toBeDisabled();
  // Room for the whole list on screen: the pointer must reach both questions.
  await page.setViewportSize({ width: 1280, height: 1400 });
  const handle = page.getByRole("button", { name: "Drag Email" });
  await handle.scrollIntoViewIfNeeded();
  const target = (await page.getByRole("listitem", { name: "Your name" }).boundingBox())!;
  const from = (await handle.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 3 });
  await page.mouse.move(from.x + from.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(questions.nth(0)).toHaveAccessibleName("Email");
  await expect(questions.nth(1)).toHaveAccessibleName("Your name");
  await expect(questions.nth(2)).toHaveAccessibleName("Qty");
  // And by keyboard: pick Qty up, move it over the question above, drop it.
  // Each key waits for the effect of the one before, as a person would (the sensor listens for arrows only once the pick-up is handled).
  const dragQty = page.getByRole("button", { name: "Drag Qty" });
  await dragQty.focus();
  await page.keyboard.press("Space");
  await expect(dragQty).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowUp");
  await expect(page.getByText(/is over question Your name\.$/)).toBeAttached();
  await page.keyboard.press("Space");
  await expect(questions.nth(1)).toHaveAccessibleName("Qty");
  await expect(questions.nth(2)).toHaveAccessibleName("Your name");

  // Unsaved changes are not dropped by following a link: leaving asks, and staying keeps them.
  const asked = new Promise<string>((resolve) =>
    page.once("dialog", (dialog) => {
      resolve(dialog.message());
      void dialog.dismiss();
    }),
  );
  const here = page.url();
  await page.getByRole("navigation", { name: "Views" }).getByRole("link").first().click();
  expect(await asked).toMatch(/unsaved changes/);
  expect(page.url()).toBe(here);
  await expect(questions).toHaveCount(3);

  await page.getByRole("button", { name: "Save form" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Form saved." })).toBeVisible();
  const saved = (await (await page.request.get(`/api/v1/views/${view.id}`)).json()) as { config: Record<string, unknown> };
  expect(saved.config).toMatchObject({
    title: "Seed order",
    description: "Tell us what to send.",
    submitLabel: "Send order",
    fields: [{ fieldId: fieldId("Email") }, { fieldId: fieldId("Qty") }, { fieldId: fieldId("Name"), label: "Your name", help: "As on your card", required: true }],
  });

  // Shared: the link is shown and copied.
  await page.getByRole("button", { name: "Share form" }).click();
  const link = page.getByLabel("Share link");
  await expect(link).toHaveValue(/\/public\/forms\/[a-z0-9-]+$/);
  const url = await link.inputValue();
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Link copied." })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  // Someone signed out, on a phone.
  const visitor = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const form = await visitor.newPage();
  await form.goto(url);
  await expect(form.getByRole("heading", { level: 1, name: "Seed order" })).toBeVisible();
  await expect(form.getByText("Tell us what to send.")).toBeVisible();
  // The questions in the order built.
  await expect(form.locator("form label")).toHaveText([/^Email/, /^Qty/, /^Your name/]);
  const yourName = form.getByLabel("Your name");
  await expect(yourName).toHaveAccessibleName("Your name (required)");
  await expect(yourName).toHaveAccessibleDescription(/As on your card/);
  await expect(form.getByRole("main")).not.toContainText("Internal notes");
  await expect(form.getByRole("main")).not.toContainText("Total");
  expect(await form.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  // Without the required answer: the server's message beside it, the other answers kept.
  await form.getByLabel("Email").fill("ada@example.com");
  await form.getByLabel("Qty").fill("3");
  await form.getByRole("button", { name: "Send order" }).click();
  await expect(yourName).toHaveAccessibleDescription(/This question is required/);
  await expect(yourName).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Email")).toHaveValue("ada@example.com");

  await yourName.fill("Ada Lovelace");
  await form.getByRole("button", { name: "Send order" }).click();
  await expect(form.getByRole("status")).toHaveText(/Thank you! Your response was recorded./);

  const rows = (await (await page.request.get(`/api/v1/tables/${table.id}/rows?limit=10`)).json()) as { rows: ApiRow[] };
  expect(rows.rows.map((r) => r.fields)).toEqual([expect.objectContaining({ Name: "Ada Lovelace", Email: "ada@example.com", Qty: 3 })]);

  // Sharing turned off: the link no longer opens the form.
  await page.getByRole("button", { name: "Stop sharing" }).click();
  await expect(page.getByRole("button", { name: "Share form" })).toBeVisible();
  const gone = await form.goto(url);
  expect(gone?.status()).toBe(404);
  await visitor.close();
});
