import { expect, type Page, test } from "@playwright/test";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

// Two (and three) people on one table through the real Liveblocks dev server
// the Playwright config starts beside the app.

const owner = testUser("rt-owner", "Olga Owner");
const editor = testUser("rt-editor", "Eddie Editor");
const viewer = testUser("rt-viewer", "Vera Viewer");
const secret = "TOP-SECRET-7731";

type Table = { id: string; fields: Array<{ id: string; name: string }> };

const gridOf = (page: Page) => page.getByRole("grid", { name: /Launch/ });
const cell = (page: Page, row: number, col: number) => gridOf(page).locator(`[role="row"][aria-rowindex="${row + 2}"] [role="gridcell"][aria-colindex="${col + 1}"]`);

/** Everything the page receives from the app's API and from Liveblocks, to check nothing carries a hidden value. */
function recordTraffic(page: Page): string[] {
  const seen: string[] = [];
  page.on("response", (response) => void response.text().then((text) => seen.push(text), () => undefined));
  page.on("websocket", (socket) => socket.on("framereceived", ({ payload }) => void seen.push(String(payload))));
  return seen;
}

test("edits, selections and new fields reach the others live, and a viewer never receives a hidden field's value", async ({ browser }) => {
  const ownerPage = await signUp(browser, owner);
  await createWorkspaceAndBase(ownerPage, "Rocket", "Launches");
  const workspaceId = /\/w\/([^/?#]+)/.exec(ownerPage.url())![1]!;
  const baseId = /\/b\/([^/?#]+)/.exec(ownerPage.url())![1]!;
  const created = await ownerPage.request.post("/api/v1/tables", {
    data: { baseId, name: "Launch", fields: [{ name: "Name", type: "text" }, { name: "Codes", type: "text" }] },
  });
  expect(created.status()).toBe(201);
  const table = (await created.json()) as Table;
  const codes = table.fields.find((f) => f.name === "Codes")!;
  const seeded = await ownerPage.request.post(`/api/v1/tables/${table.id}/rows`, {
    data: { rows: [{ fields: { Name: "Apollo", Codes: "old" } }, { fields: { Name: "Gemini", Codes: "old" } }] },
  });
  expect(seeded.status()).toBe(201);
  // Viewers may not see the codes.
  const ruled = await ownerPage.request.put(`/api/v1/tables/${table.id}/rules`, { data: { fields: { [codes.id]: { viewer: "hidden" } }, rows: {} } });
  expect(ruled.status()).toBe(200);

  const editorPage = await signUp(browser, editor);
  const viewerPage = await signUp(browser, viewer);
  for (const [user, role] of [
    [editor, "editor"],
    [viewer, "viewer"],
  ] as const) {
    const added = await ownerPage.request.post(`/api/v1/workspaces/${workspaceId}/members`, { data: { email: user.email, role } });
    expect(added.status()).toBe(201);
  }

  await ownerPage.reload();
  await ownerPage.getByRole("list", { name: "Tables" }).getByRole("link", { name: /Launch/ }).click();
  await ownerPage.getByRole("link", { name: "Open grid" }).click();
  await expect(ownerPage).toHaveURL(new RegExp(`/t/${table.id}/v/[^/]+$`));
  const gridUrl = ownerPage.url();
  const viewerTraffic = recordTraffic(viewerPage);
  await editorPage.goto(gridUrl);
  await viewerPage.goto(gridUrl);
  for (const page of [ownerPage, editorPage, viewerPage]) await expect(cell(page, 0, 0)).toHaveText("Apollo");

  // Everyone sees who else is there.
  await expect(editorPage.getByRole("list", { name: "Also on this table" }).getByRole("listitem", { name: /Olga Owner, in this view/ })).toBeVisible();
  await expect(ownerPage.getByRole("list", { name: "Also on this table" }).getByRole("listitem")).toHaveCount(2);

  // The owner edits a cell: the editor sees the new value without reloading.
  await cell(ownerPage, 0, 0).click();
  await ownerPage.keyboard.type("Artemis");
  await ownerPage.keyboard.press("Enter");
  await expect(cell(ownerPage, 0, 0)).toHaveText("Artemis");
  await expect(cell(editorPage, 0, 0)).toHaveText("Artemis");
  await expect(cell(viewerPage, 0, 0)).toHaveText("Artemis");

  // Enter moved the owner's selection to Gemini: the editor sees it outlined, named on hover.
  await expect(cell(editorPage, 1, 0)).toHaveAttribute("data-selected-by", "Olga Owner");
  await expect(cell(editorPage, 1, 0)).toHaveAttribute("title", "Olga Owner");
  // The outline moved with it (Apollo's cell still shows the viewer, who has not moved from the first cell).
  await expect(cell(editorPage, 0, 0)).toHaveAttribute("data-selected-by", "Vera Viewer");

  // The owner writes the hidden field: the editor sees it, the viewer's grid still has no such column.
  const wrote = await ownerPage.request.patch(`/api/v1/tables/${table.id}/rows`, {
    data: { rows: [{ id: ((await (await ownerPage.request.get(`/api/v1/tables/${table.id}/rows`)).json()) as { rows: Array<{ id: string }> }).rows[1]!.id, fields: { Codes: secret } }] },
  });
  expect(wrote.ok()).toBe(true);
  await expect(cell(editorPage, 1, 1)).toHaveText(secret);
  await expect(gridOf(viewerPage).getByRole("columnheader", { name: /Codes/ })).toHaveCount(0);

  // A field the owner adds appears as a column for the editor.
  const field = await ownerPage.request.post(`/api/v1/tables/${table.id}/fields`, { data: { name: "Crew", type: "number" } });
  expect(field.status()).toBe(201);
  await expect(gridOf(editorPage).getByRole("columnheader", { name: /Crew/ })).toBeVisible();
  await expect(gridOf(viewerPage).getByRole("columnheader", { name: /Crew/ })).toBeVisible();

  // Through all of that, not one response or Liveblocks frame gave the viewer the hidden value.
  expect(viewerTraffic.length).toBeGreaterThan(0);
  expect(viewerTraffic.filter((text) => text.includes(secret))).toEqual([]);
});
