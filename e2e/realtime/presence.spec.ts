import { expect, type Page, test } from "@playwright/test";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

// Presence beyond the grid's selected cell, through the real Liveblocks dev
// server: the cell being edited, the record open in a dialog, the kanban card
// selected, who is on the table in a view that is not a grid; and a card's new
// place reaching the other board.

const owner = testUser("pr-owner", "Petra Presence");
const editor = testUser("pr-editor", "Emil Editor");

const gridOf = (page: Page) => page.getByRole("grid", { name: /Crew/ });
const cell = (page: Page, row: number, col: number) => gridOf(page).locator(`[role="row"][aria-rowindex="${row + 2}"] [role="gridcell"][aria-colindex="${col + 1}"]`);

test("others see the cell being edited, the record open, and the kanban card selected, each with the person's name", async ({ browser }) => {
  const ownerPage = await signUp(browser, owner);
  await createWorkspaceAndBase(ownerPage, "Presence", "Ship");
  const [, workspaceId, baseId] = /\/w\/([^/?#]+)\/b\/([^/?#]+)/.exec(ownerPage.url())!;
  const created = await ownerPage.request.post("/api/v1/tables", {
    data: {
      baseId,
      name: "Crew",
      fields: [
        { name: "Name", type: "text" },
        { name: "Status", type: "single_select", options: { choices: [{ name: "Aboard" }, { name: "Ashore" }] } },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const table = (await created.json()) as { id: string };
  const seeded = await ownerPage.request.post(`/api/v1/tables/${table.id}/rows`, {
    data: { rows: [{ fields: { Name: "Ripley", Status: "Aboard" } }, { fields: { Name: "Dallas", Status: "Ashore" } }, { fields: { Name: "Lambert", Status: "Aboard" } }] },
  });
  expect(seeded.status()).toBe(201);
  const lambert = ((await seeded.json()) as { rows: Array<{ id: string }> }).rows[2]!;
  const views = (await (await ownerPage.request.get(`/api/v1/views?tableId=${table.id}`)).json()) as { views: Array<{ id: string }> };
  const kanban = (await (await ownerPage.request.post("/api/v1/views", { data: { tableId: table.id, name: "Deck", type: "kanban", config: { stackFieldId: "Status" } } })).json()) as { id: string };
  const editorPage = await signUp(browser, editor);
  expect((await ownerPage.request.post(`/api/v1/workspaces/${workspaceId}/members`, { data: { email: editor.email, role: "editor" } })).status()).toBe(201);

  const tablePath = `/w/${workspaceId}/b/${baseId}/t/${table.id}/v`;
  const gridUrl = `${tablePath}/${views.views[0]!.id}`;
  await ownerPage.goto(gridUrl);
  await editorPage.goto(gridUrl);
  for (const page of [ownerPage, editorPage]) await expect(cell(page, 0, 0)).toHaveText("Ripley");

  // The owner selects a cell, then starts typing into it: the editor sees it selected, then being edited.
  await cell(ownerPage, 1, 0).click();
  await expect(cell(editorPage, 1, 0)).toHaveAttribute("title", "Petra Presence");
  await expect(cell(editorPage, 1, 0)).not.toHaveAttribute("data-edited-by");
  await ownerPage.keyboard.type("Kane");
  await expect(cell(editorPage, 1, 0)).toHaveAttribute("data-edited-by", "Petra Presence");
  await expect(cell(editorPage, 1, 0)).toHaveAttribute("title", "Petra Presence (editing)");
  // Escape cancels the edit: selected again, no longer edited, and nothing was written.
  await ownerPage.keyboard.press("Escape");
  await expect(cell(editorPage, 1, 0)).not.toHaveAttribute("data-edited-by");
  await expect(cell(editorPage, 1, 0)).toHaveAttribute("title", "Petra Presence");
  await expect(cell(editorPage, 1, 0)).toHaveText("Dallas");

  // Both open Ripley's record: each dialog shows the other has it open.
  for (const page of [ownerPage, editorPage]) {
    await page.locator('[role="row"][aria-rowindex="2"]').getByTitle("Expand record (Shift+Space)").click();
    await expect(page.getByRole("dialog", { name: "Ripley" })).toBeVisible();
  }
  await expect(editorPage.getByRole("dialog").getByRole("list", { name: "Also on this record" }).getByRole("listitem", { name: "Petra Presence, has this record open" })).toBeVisible();
  await expect(ownerPage.getByRole("dialog").getByRole("list", { name: "Also on this record" }).getByRole("listitem", { name: "Emil Editor, has this record open" })).toBeVisible();
  // Closed, it is no longer shown as open.
  await ownerPage.keyboard.press("Escape");
  await expect(editorPage.getByRole("dialog").getByRole("list", { name: "Also on this record" })).toHaveCount(0);
  await editorPage.keyboard.press("Escape");

  // On the kanban: the editor, still in the grid, is shown to the owner as in another view; then both on the board.
  await ownerPage.goto(`${tablePath}/${kanban.id}`);
  await expect(ownerPage.getByRole("list", { name: "Also on this table" }).getByRole("listitem", { name: "Emil Editor, in another view" })).toBeVisible();
  await editorPage.goto(`${tablePath}/${kanban.id}`);
  await expect(ownerPage.getByRole("list", { name: "Also on this table" }).getByRole("listitem", { name: "Emil Editor, in this view" })).toBeVisible();
  await expect(editorPage.getByRole("list", { name: "Also on this table" }).getByRole("listitem", { name: "Petra Presence, in this view" })).toBeVisible();

  // The owner selects Dallas's card: the editor sees it outlined and named; selecting another card moves it.
  const ownerCards = ownerPage.getByRole("list", { name: "Ashore cards", exact: true });
  await ownerCards.getByRole("button", { name: "Dallas" }).focus();
  const dallas = editorPage.locator("li", { has: editorPage.getByRole("button", { name: "Dallas" }) });
  await expect(dallas.getByRole("button", { name: "Dallas" })).toHaveAttribute("data-selected-by", "Petra Presence");
  await expect(dallas.getByRole("button", { name: "Dallas" })).toHaveAttribute("title", "Selected by Petra Presence");
  await expect(dallas.getByText("Selected by Petra Presence")).toBeVisible();
  await ownerPage.getByRole("list", { name: "Aboard cards", exact: true }).getByRole("button", { name: "Ripley" }).focus();
  await expect(dallas.getByRole("button", { name: "Dallas" })).not.toHaveAttribute("data-selected-by");
  await expect(editorPage.getByRole("button", { name: "Ripley" })).toHaveAttribute("data-selected-by", "Petra Presence");

  // A card the owner places first in its stack is first for the editor too, without a reload.
  const aboard = editorPage.getByRole("list", { name: "Aboard cards", exact: true }).getByRole("button");
  await expect.poll(() => aboard.evaluateAll((buttons) => buttons.map((b) => b.getAttribute("aria-label")))).toEqual(["Ripley", "Lambert"]);
  const placed = await ownerPage.request.post(`/api/v1/views/${kanban.id}/order`, { data: { rowId: lambert.id, after: null } });
  expect(placed.status()).toBe(200);
  await expect.poll(() => aboard.evaluateAll((buttons) => buttons.map((b) => b.getAttribute("aria-label")))).toEqual(["Lambert", "Ripley"]);

  await ownerPage.context().close();
  await editorPage.context().close();
});
