import { devices, expect, test } from "@playwright/test";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("mobile-owner", "Mo Mobile");

test("on a phone the grid is a list of cards; tapping one opens its record, edited by touch, and the API agrees", async ({ browser }) => {
  const page = await signUp(browser, owner);
  await createWorkspaceAndBase(page, "Pocket", "Errands");
  const [, workspaceId, baseId] = /\/w\/([^/?#]+)\/b\/([^/?#]+)/.exec(page.url())!;
  const created = await page.request.post("/api/v1/tables", {
    data: { baseId, name: "Chores", fields: [{ name: "Task", type: "text" }, { name: "Minutes", type: "number" }, { name: "Where", type: "text" }] },
  });
  const table = (await created.json()) as { id: string };
  await page.request.post(`/api/v1/tables/${table.id}/rows`, {
    data: { rows: [{ fields: { Task: "Water plants", Minutes: 5, Where: "Balcony" } }, { fields: { Task: "Sort mail", Minutes: 10, Where: "Hall" } }] },
  });
  const { views } = (await (await page.request.get(`/api/v1/views?tableId=${table.id}`)).json()) as { views: Array<{ id: string; type: string }> };
  const url = `/w/${workspaceId}/b/${baseId}/t/${table.id}/v/${views[0]!.id}`;
  const cookies = await page.context().cookies();
  await page.context().close();

  // The same person on a phone.
  const phone = await browser.newContext({ ...devices["Pixel 7"], baseURL: test.info().project.use.baseURL });
  await phone.addCookies(cookies);
  const mobile = await phone.newPage();
  await mobile.goto(url);
  const cards = mobile.getByRole("list", { name: /Chores/ });
  await expect(cards.getByRole("button")).toHaveCount(2);
  await expect(cards.getByRole("button").first()).toContainText("Water plants");
  await expect(cards.getByRole("button").first()).toContainText("Balcony");
  // Nothing runs off the side of the screen.
  expect(await mobile.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  await cards.getByRole("button", { name: /Sort mail/ }).tap();
  const dialog = mobile.getByRole("dialog", { name: "Sort mail" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: /^Where/ }).tap();
  await dialog.getByRole("textbox", { name: "Where" }).fill("Front door");
  await mobile.keyboard.press("Enter");
  await expect(dialog.getByRole("button", { name: /^Where/ })).toContainText("Front door");
  await mobile.keyboard.press("Escape");
  await expect(cards.getByRole("button", { name: /Sort mail/ })).toContainText("Front door");
  await expect
    .poll(async () => {
      const rows = (await (await mobile.request.get(`/api/v1/tables/${table.id}/rows`)).json()) as { rows: Array<{ fields: Record<string, unknown> }> };
      return rows.rows.find((r) => r.fields.Task === "Sort mail")?.fields.Where;
    })
    .toBe("Front door");
  await phone.close();
});
