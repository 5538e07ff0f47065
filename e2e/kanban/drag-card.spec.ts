import { expect, test } from "@playwright/test";
import { apiRow, apiRows } from "../support/api";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("kanban-owner", "Kara Kanban");

test("an owner drags a card from Todo to Done with the mouse, moves one by keyboard, adds a card to a stack, and the API agrees", async ({ browser }) => {
  const page = await signUp(browser, owner);
  await createWorkspaceAndBase(page, "Studio", "Projects");
  const [, workspaceId, baseId] = /\/w\/([^/?#]+)\/b\/([^/?#]+)/.exec(page.url())!;

  const created = await page.request.post("/api/v1/tables", {
    data: {
      baseId,
      name: "Tasks",
      fields: [
        { name: "Name", type: "text" },
        { name: "Status", type: "single_select", options: { choices: [{ name: "Todo" }, { name: "Doing" }, { name: "Done" }] } },
        { name: "Estimate", type: "number" },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const table = (await created.json()) as { id: string; fields: Array<{ id: string; name: string }> };
  const seeded = await page.request.post(`/api/v1/tables/${table.id}/rows`, {
    data: {
      rows: [
        { fields: { Name: "Write brief", Status: "Todo", Estimate: 3 } },
        { fields: { Name: "Sketch logo", Status: "Todo", Estimate: 5 } },
        { fields: { Name: "Pick fonts", Status: "Doing" } },
        { fields: { Name: "Kickoff call", Status: "Done" } },
      ],
    },
  });
  expect(seeded.status()).toBe(201);
  const rowIds = Object.fromEntries((await apiRows(page, table.id)).map((r) => [r.fields.Name as string, r.id]));

  const statusId = table.fields.find((f) => f.name === "Status")!.id;
  const viewResponse = await page.request.post("/api/v1/views", {
    data: { tableId: table.id, name: "Board", type: "kanban", config: { stackFieldId: statusId } },
  });
  expect(viewResponse.status()).toBe(201);
  const view = (await viewResponse.json()) as { id: string };

  await page.goto(`/w/${workspaceId}/b/${baseId}/t/${table.id}/v/${view.id}`);
  const board = page.getByRole("list", { name: "Board stacks" });
  const stack = (name: string) => board.getByRole("listitem", { name, exact: true });
  const cards = (name: string) => page.getByRole("list", { name: `${name} cards`, exact: true });

  // Stacks in choice order, then the cards without a status, each with its count.
  await expect(board.getByRole("heading", { level: 2 })).toHaveText(["Todo", "Doing", "Done", "No value"]);
  await expect(stack("Todo").getByLabel("2 cards")).toBeVisible();
  await expect(stack("Doing").getByLabel("1 card", { exact: true })).toBeVisible();
  await expect(stack("Done").getByLabel("1 card", { exact: true })).toBeVisible();
  await expect(stack("No value").getByLabel("0 cards")).toBeVisible();
  const brief = cards("Todo").getByRole("button", { name: "Write brief" });
  await expect(brief).toContainText("Estimate");
  await expect(brief).toContainText("3");

  // Mouse drag in steps: the pointer sensor starts only after a few pixels.
  const from = (await brief.boundingBox())!;
  const to = (await cards("Done").boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 12 });
  await page.mouse.up();

  await expect(cards("Done").getByRole("button", { name: "Write brief" })).toBeVisible();
  await expect(cards("Todo").getByRole("button", { name: "Write brief" })).toHaveCount(0);
  await expect(stack("Todo").getByLabel("1 card", { exact: true })).toBeVisible();
  await expect(stack("Done").getByLabel("2 cards")).toBeVisible();
  await expect.poll(async () => (await apiRow(page, table.id, rowIds["Write brief"]!)).fields.Status).toBe("Done");

  // By keyboard: Space picks the card up, an arrow moves it to the next stack, Space drops it.
  const sketch = cards("Todo").getByRole("button", { name: "Sketch logo" });
  // Each key waits for the announcement of the one before, as a person would
  // (the sensor starts listening for arrows only after the pick-up is handled).
  await sketch.focus();
  await page.keyboard.press("Space");
  await expect(sketch).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByText(/^card Sketch logo is over (stack Doing|card Pick fonts in stack Doing)\.$/)).toBeAttached();
  await page.keyboard.press("Space");
  await expect(cards("Doing").getByRole("button", { name: "Sketch logo" })).toBeVisible();
  await expect.poll(async () => (await apiRow(page, table.id, rowIds["Sketch logo"]!)).fields.Status).toBe("Doing");

  // "Add card" in Doing creates a row with that status.
  await stack("Doing").getByRole("button", { name: "Add card to Doing" }).click();
  await expect(stack("Doing").getByLabel("3 cards")).toBeVisible();
  await expect(cards("Doing").getByRole("button", { name: "Unnamed record" })).toBeVisible();
  await expect
    .poll(async () => (await apiRows(page, table.id)).filter((r) => r.fields.Status === "Doing").length)
    .toBe(3);

  // A stack collapses and opens again.
  await stack("Done").getByRole("button", { name: "Collapse Done" }).click();
  await expect(cards("Done")).toHaveCount(0);
  await stack("Done").getByRole("button", { name: "Expand Done" }).click();
  await expect(cards("Done").getByRole("button", { name: "Write brief" })).toBeVisible();

  await page.context().close();
});

const orderer = testUser("kanban-order", "Olli Order");

test("cards keep the place they are dragged to within a stack, by mouse and by keyboard, after a reload and in the API; a sorted board says it follows its sort", async ({ browser }) => {
  const page = await signUp(browser, orderer);
  await createWorkspaceAndBase(page, "Order", "Boards");
  const [, workspaceId, baseId] = /\/w\/([^/?#]+)\/b\/([^/?#]+)/.exec(page.url())!;
  const created = await page.request.post("/api/v1/tables", {
    data: {
      baseId,
      name: "Steps",
      fields: [
        { name: "Name", type: "text" },
        { name: "Status", type: "single_select", options: { choices: [{ name: "Todo" }, { name: "Done" }] } },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const table = (await created.json()) as { id: string };
  const names = ["Alpha", "Bravo", "Charlie", "Delta"];
  const seeded = await page.request.post(`/api/v1/tables/${table.id}/rows`, {
    data: { rows: [...names.map((Name) => ({ fields: { Name, Status: "Todo" } })), { fields: { Name: "Echo", Status: "Done" } }] },
  });
  expect(seeded.status()).toBe(201);
  const viewResponse = await page.request.post("/api/v1/views", { data: { tableId: table.id, name: "Plan", type: "kanban", config: { stackFieldId: "Status" } } });
  expect(viewResponse.status()).toBe(201);
  const view = (await viewResponse.json()) as { id: string };

  await page.goto(`/w/${workspaceId}/b/${baseId}/t/${table.id}/v/${view.id}`);
  const cards = (name: string) => page.getByRole("list", { name: `${name} cards`, exact: true });
  const shown = (name: string) => cards(name).getByRole("button").evaluateAll((buttons) => buttons.map((b) => b.getAttribute("aria-label")));
  /** The stack's cards as the API answers the view, and its rows page by page. */
  const apiStack = async (index: number) =>
    ((await (await page.request.get(`/api/v1/views/${view.id}/data?groups=1`)).json()) as { groups: Array<{ rows: Array<{ fields: { Name: string } }> }> }).groups[index]!.rows.map(
      (r) => r.fields.Name,
    );
  await expect.poll(() => shown("Todo")).toEqual(names);

  // The mouse drags Delta up onto Alpha's place: Delta is first.
  const delta = (await cards("Todo").getByRole("button", { name: "Delta" }).boundingBox())!;
  const alpha = (await cards("Todo").getByRole("button", { name: "Alpha" }).boundingBox())!;
  await page.mouse.move(delta.x + delta.width / 2, delta.y + delta.height / 2);
  await page.mouse.down();
  await page.mouse.move(delta.x + delta.width / 2, delta.y + delta.height / 2 - 10, { steps: 3 });
  await page.mouse.move(alpha.x + alpha.width / 2, alpha.y + 4, { steps: 12 });
  await page.mouse.up();
  await expect.poll(() => shown("Todo")).toEqual(["Delta", "Alpha", "Bravo", "Charlie"]);
  await expect(page.getByRole("status").filter({ hasText: "Moved to 1 of 4 in Todo." })).toBeVisible();
  await expect.poll(() => apiStack(0)).toEqual(["Delta", "Alpha", "Bravo", "Charlie"]);

  // By keyboard: Alpha picked up, two steps down (each waiting for the one before), dropped after Charlie.
  const alphaCard = cards("Todo").getByRole("button", { name: "Alpha" });
  await alphaCard.focus();
  await page.keyboard.press("Space");
  await expect(alphaCard).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByText("card Alpha is over card Bravo in stack Todo.", { exact: true })).toBeAttached();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByText("card Alpha is over card Charlie in stack Todo.", { exact: true })).toBeAttached();
  await page.keyboard.press("Space");
  await expect.poll(() => shown("Todo")).toEqual(["Delta", "Bravo", "Charlie", "Alpha"]);
  await expect.poll(() => apiStack(0)).toEqual(["Delta", "Bravo", "Charlie", "Alpha"]);

  // Kept for everyone: after a reload, and in the view's rows (the ordered cards, then the rest by default order).
  await page.reload();
  await expect.poll(() => shown("Todo")).toEqual(["Delta", "Bravo", "Charlie", "Alpha"]);
  const rows = (await (await page.request.get(`/api/v1/views/${view.id}/data?limit=2`)).json()) as { rows: Array<{ fields: { Name: string } }>; nextCursor: string };
  const rest = (await (await page.request.get(`/api/v1/views/${view.id}/data?limit=10&cursor=${encodeURIComponent(rows.nextCursor)}`)).json()) as { rows: Array<{ fields: { Name: string } }> };
  expect([...rows.rows, ...rest.rows].map((r) => r.fields.Name)).toEqual(["Delta", "Bravo", "Charlie", "Alpha", "Echo"]);

  // Sorted, the cards follow the sort and the board says so; dragging within the stack keeps them where the sort puts them.
  expect((await page.request.patch(`/api/v1/views/${view.id}`, { data: { sort: [{ field: "Name", dir: "asc" }] } })).status()).toBe(200);
  await page.reload();
  await expect(page.getByText(/Sorted: cards follow the view's sort\. Dragging a card changes its Status/)).toBeVisible();
  await expect.poll(() => shown("Todo")).toEqual(["Alpha", "Bravo", "Charlie", "Delta"]);
  const sortedAlpha = cards("Todo").getByRole("button", { name: "Alpha" });
  await sortedAlpha.focus();
  await page.keyboard.press("Space");
  await expect(sortedAlpha).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByText("card Alpha is over card Bravo in stack Todo.", { exact: true })).toBeAttached();
  await page.keyboard.press("Space");
  await expect(page.getByRole("status").filter({ hasText: "This view is sorted" })).toBeVisible();
  await expect.poll(() => shown("Todo")).toEqual(["Alpha", "Bravo", "Charlie", "Delta"]);

  await page.context().close();
});
