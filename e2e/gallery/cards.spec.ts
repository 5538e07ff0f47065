import { expect, type Page, test } from "@playwright/test";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("gallery-owner", "Gale Gallery");

// A 1×1 PNG: a real image the browser decodes.
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

async function upload(page: Page, workspaceId: string, name: string): Promise<string> {
  const response = await page.request.post(`/api/v1/files?workspaceId=${workspaceId}&name=${encodeURIComponent(name)}`, {
    headers: { "content-type": "image/png" },
    data: png,
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test("a gallery shows cards with covers from an attachment field, titles and visible fields, loads more as it scrolls, and the cover field can be changed", async ({ browser }) => {
  const page = await signUp(browser, owner);
  await createWorkspaceAndBase(page, "Nursery", "Stock");
  const [, workspaceId, baseId] = /\/w\/([^/?#]+)\/b\/([^/?#]+)/.exec(page.url())!;

  const created = await page.request.post("/api/v1/tables", {
    data: {
      baseId,
      name: "Plants",
      fields: [
        { name: "Name", type: "text" },
        { name: "Photo", type: "attachment" },
        { name: "Sketch", type: "attachment" },
        { name: "Price", type: "number" },
        { name: "Supplier", type: "text" },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const table = (await created.json()) as { id: string; fields: Array<{ id: string; name: string }> };
  const fieldId = (name: string) => table.fields.find((f) => f.name === name)!.id;

  const photo = await upload(page, workspaceId!, "basil-photo.png");
  const sketch = await upload(page, workspaceId!, "basil-sketch.png");
  const seedlings = Array.from({ length: 50 }, (_, i) => ({ fields: { Name: `Seedling ${String(i + 1).padStart(2, "0")}` } }));
  const seeded = await page.request.post(`/api/v1/tables/${table.id}/rows`, {
    data: {
      rows: [
        { fields: { Name: "Basil", Photo: [photo], Sketch: [sketch], Price: 4, Supplier: "Green Ltd" } },
        { fields: { Name: "Tomato", Price: 6, Supplier: "Red Ltd" } },
        { fields: { Price: 1 } },
        ...seedlings,
      ],
    },
  });
  expect(seeded.status()).toBe(201);

  const viewResponse = await page.request.post("/api/v1/views", {
    data: { tableId: table.id, name: "Cards", type: "gallery", hiddenFields: [fieldId("Supplier")], config: { coverFieldId: fieldId("Photo") } },
  });
  expect(viewResponse.status()).toBe(201);
  const view = (await viewResponse.json()) as { id: string };

  await page.goto(`/w/${workspaceId}/b/${baseId}/t/${table.id}/v/${view.id}`);
  const cards = page.getByRole("list", { name: "Cards cards" }).getByRole("article");
  const card = (title: string) => page.getByRole("article", { name: title, exact: true });

  // The cover, above the title: the first file of the cover field, loaded as an image.
  const cover = card("Basil").getByRole("img").first();
  await expect(cover).toHaveAttribute("src", `/api/v1/files/${photo}`);
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  // Title and visible fields; the hidden one is left out.
  await expect(card("Basil").getByRole("heading", { name: "Basil" })).toBeVisible();
  await expect(card("Basil")).toContainText("Price");
  await expect(card("Basil")).toContainText("4");
  await expect(card("Basil")).not.toContainText("Green Ltd");
  await expect(card("Tomato")).toContainText("No cover");
  await expect(card("Unnamed record")).toContainText("1");

  // A page of cards first, the rest as the list scrolls to its end.
  await expect(cards).toHaveCount(48);
  await cards.last().scrollIntoViewIfNeeded();
  await expect(cards).toHaveCount(53);
  await expect(card("Seedling 50")).toBeVisible();

  // A card opens its record: every visible field, read-only, with a way to edit it in the table.
  await card("Basil").getByRole("button", { name: "Basil" }).click();
  const dialog = page.getByRole("dialog", { name: "Basil" });
  await expect(dialog).toContainText("Sketch");
  await expect(dialog.getByRole("link", { name: "Edit in the table" })).toHaveAttribute("href", new RegExp(`edit=`));
  await expect(dialog).not.toContainText("Supplier");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // Another cover field, saved with the view.
  await page.getByLabel("Cover field").selectOption({ label: "Sketch" });
  await expect(card("Basil").getByRole("img").first()).toHaveAttribute("src", `/api/v1/files/${sketch}`);
  const saved = await page.request.get(`/api/v1/views/${view.id}`);
  expect(((await saved.json()) as { config: { coverFieldId?: string } }).config.coverFieldId).toBe(fieldId("Sketch"));
  await expect(page.getByLabel("Cover field")).toHaveValue(fieldId("Sketch"));

  // No cover: the cards lose their picture area.
  await page.getByLabel("Cover field").selectOption({ label: "No cover" });
  await expect(card("Tomato")).not.toContainText("No cover");
  await expect(card("Tomato").getByRole("heading", { name: "Tomato" })).toBeVisible();

  // On a phone the cards stack in one column.
  await page.setViewportSize({ width: 390, height: 800 });
  const [first, second] = [await card("Basil").boundingBox(), await card("Tomato").boundingBox()];
  expect(second!.y).toBeGreaterThan(first!.y + first!.height - 1);
  expect(Math.abs(second!.x - first!.x)).toBeLessThan(1);
});
