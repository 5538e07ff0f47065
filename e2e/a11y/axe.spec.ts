import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("axe-owner", "Ada Axe");

/** The serious and critical violations axe finds on the page as it is now, described for the failure message. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

test("axe finds no serious or critical violation on each main page", async ({ browser }) => {
  // axe needs a page of a context the test made (it opens a page beside it for frames).
  const signedOut = await (await browser.newContext()).newPage();
  for (const path of ["/", "/sign-in", "/sign-up"]) {
    await signedOut.goto(path);
    expect(await seriousViolations(signedOut), path).toEqual([]);
  }
  await signedOut.context().close();

  const page = await signUp(browser, owner);
  expect(await seriousViolations(page), "workspaces").toEqual([]);
  await createWorkspaceAndBase(page, "Access", "Audit");
  const [, workspaceId, baseId] = /\/w\/([^/?#]+)\/b\/([^/?#]+)/.exec(page.url())!;
  expect(await seriousViolations(page), "base page").toEqual([]);

  const created = await page.request.post("/api/v1/tables", {
    data: {
      baseId,
      name: "Checks",
      fields: [
        { name: "Name", type: "text" },
        { name: "Status", type: "single_select", options: { choices: [{ name: "Open" }, { name: "Closed" }] } },
        { name: "Due", type: "date" },
        { name: "End", type: "date" },
        { name: "Done", type: "boolean" },
      ],
    },
  });
  const table = (await created.json()) as { id: string; fields: Array<{ id: string; name: string }> };
  const fieldId = (name: string) => table.fields.find((f) => f.name === name)!.id;
  await page.request.post(`/api/v1/tables/${table.id}/rows`, {
    data: { rows: [{ fields: { Name: "Contrast", Status: "Open", Due: "2026-03-02", End: "2026-03-04" } }, { fields: { Name: "Labels", Status: "Closed", Done: true } }] },
  });
  const tablePath = `/w/${workspaceId}/b/${baseId}/t/${table.id}`;
  await page.goto(tablePath);
  expect(await seriousViolations(page), "table page").toEqual([]);

  const views = ((await (await page.request.get(`/api/v1/views?tableId=${table.id}`)).json()) as { views: Array<{ id: string; type: string }> }).views;
  await page.goto(`${tablePath}/v/${views.find((v) => v.type === "grid")!.id}`);
  await expect(page.getByRole("grid")).toBeVisible();
  expect(await seriousViolations(page), "grid view").toEqual([]);

  const configs = {
    kanban: { stackFieldId: fieldId("Status") },
    calendar: { dateFieldId: fieldId("Due") },
    timeline: { startFieldId: fieldId("Due"), endFieldId: fieldId("End") },
    gallery: {},
    form: { fields: [{ fieldId: fieldId("Name") }] },
  };
  for (const [type, config] of Object.entries(configs)) {
    const response = await page.request.post("/api/v1/views", { data: { tableId: table.id, name: type, type, config } });
    expect(response.status()).toBe(201);
    const view = (await response.json()) as { id: string };
    await page.goto(`${tablePath}/v/${view.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Checks" })).toBeVisible();
    expect(await seriousViolations(page), `${type} view`).toEqual([]);
  }

  await page.goto(`/w/${workspaceId}/members`);
  expect(await seriousViolations(page), "members").toEqual([]);
  await page.context().close();
});

test("Ctrl+K jumps to a view by typing part of its name", async ({ browser }) => {
  const page = await signUp(browser, testUser("palette-owner", "Pat Palette"));
  await createWorkspaceAndBase(page, "Jumps", "Places");
  const baseId = /\/b\/([^/?#]+)/.exec(page.url())![1]!;
  const created = await page.request.post("/api/v1/tables", { data: { baseId, name: "Inventory", fields: [{ name: "Item", type: "text" }] } });
  const table = (await created.json()) as { id: string };
  await page.reload();
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Jump to" });
  await palette.getByRole("combobox").fill("invent");
  await expect(palette.getByRole("option").first()).toContainText("Inventory");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/t/${table.id}/v/[^/]+$`));
  await expect(page.getByRole("grid", { name: /Inventory/ })).toBeVisible();
  // The sidebar shows where one is.
  await expect(page.getByRole("navigation", { name: "Bases and tables" }).getByRole("link", { name: "Inventory", exact: true })).toBeVisible();
  await page.context().close();
});
