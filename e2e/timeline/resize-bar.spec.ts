import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { type ApiRow, apiRow } from "../support/api";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

/** The page's message with text (the view tabs' drag-and-drop announcer is a status region too, empty here). */
const notice = (page: Page) => page.getByRole("status").filter({ hasText: /\S/ });

const owner = testUser("timeline-owner", "Tilda Timeline");
const viewer = testUser("timeline-viewer", "Vera Viewer");

// Rows are seeded around a fixed week of 2030 and the page is taken there, so
// the test reads the same whatever today is.
const seedRows = [
  { fields: { Name: "Brief", Start: "2030-03-04", End: "2030-03-06", Team: "Design" } },
  { fields: { Name: "Prototype", Start: "2030-03-11", End: "2030-03-15", Team: "Build" } },
  { fields: { Name: "Review", Start: "2030-03-18", Team: "Design" } },
  { fields: { Start: "2030-03-05" } },
  { fields: { Name: "Someday", Team: "Build" } },
];
/** Pixels a day is wide at the Day zoom. */
const DAY = 48;

/** A table of tasks with dates and a timeline view of it, made through the REST API; answers the view's page. */
async function seedTimeline(page: Page) {
  const [, workspaceId, baseId] = /\/w\/([^/?#]+)\/b\/([^/?#]+)/.exec(page.url())!;
  const created = await page.request.post("/api/v1/tables", {
    data: {
      baseId,
      name: "Launch",
      fields: [
        { name: "Name", type: "text" },
        { name: "Start", type: "date" },
        { name: "End", type: "date" },
        { name: "Team", type: "single_select", options: { choices: [{ name: "Design" }, { name: "Build" }] } },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const table = (await created.json()) as { id: string; fields: Array<{ id: string; name: string }> };
  const seeded = await page.request.post(`/api/v1/tables/${table.id}/rows`, { data: { rows: seedRows } });
  expect(seeded.status()).toBe(201);
  const rows = ((await seeded.json()) as { rows: ApiRow[] }).rows;
  const rowIds = Object.fromEntries(rows.map((r) => [(r.fields.Name as string | null) ?? "", r.id]));
  const fieldId = (name: string) => table.fields.find((f) => f.name === name)!.id;
  const view = await page.request.post("/api/v1/views", {
    data: { tableId: table.id, name: "Plan", type: "timeline", config: { startFieldId: fieldId("Start"), endFieldId: fieldId("End") } },
  });
  expect(view.status()).toBe(201);
  const { id: viewId } = (await view.json()) as { id: string };
  return { workspaceId, tableId: table.id, viewId, rowIds, teamId: fieldId("Team"), url: `/w/${workspaceId}/b/${baseId}/t/${table.id}/v/${viewId}` };
}

/** Presses on a point of a bar and drags it sideways in steps, as a hand would. */
async function dragBar(page: Page, bar: Locator, from: "start" | "middle" | "end", dx: number) {
  await expect(bar).toBeInViewport();
  const box = (await bar.boundingBox())!;
  const x = from === "start" ? box.x + 3 : from === "end" ? box.x + box.width - 3 : box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y, { steps: 8 });
  await page.mouse.up();
}

test("an owner resizes, moves and regroups bars on the timeline by mouse and keyboard, follows another person's change live, and the API agrees", async ({ browser }) => {
  const page = await signUp(browser, owner);
  await createWorkspaceAndBase(page, "Studio", "Roadmap");
  const { tableId, viewId, rowIds, teamId, url } = await seedTimeline(page);

  await page.goto(url);
  await page.getByLabel("Go to date").fill("2030-03-04");
  const timeline = page.getByRole("region", { name: "Plan timeline" });
  const bar = (name: string) => timeline.getByRole("button", { name: new RegExp(`^${name}, `) });

  // Zoom changes the scale: weeks by default, then months, then days.
  await expect(timeline.getByRole("list", { name: "Weeks" })).toContainText("Mar 4");
  await page.getByRole("group", { name: "Zoom" }).getByRole("button", { name: "Month" }).click();
  await expect(timeline.getByRole("list", { name: "Months" }).getByRole("listitem")).toHaveText(["Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan"]);
  await expect(timeline.getByRole("list", { name: "Years" })).toHaveText(/2030\s*2031/);
  await page.getByRole("group", { name: "Zoom" }).getByRole("button", { name: "Day" }).click();
  await expect(timeline.getByRole("list", { name: "Days" })).toContainText("Mon 4");
  await expect(timeline.getByRole("list", { name: "Weeks" })).toHaveCount(0);

  // Seeded rows are bars from start to end; one without an end is its one day; one without a start is counted apart.
  await expect(bar("Brief")).toHaveAccessibleName("Brief, Mar 4 – Mar 6, 2030");
  await expect(bar("Prototype")).toHaveAccessibleName("Prototype, Mar 11 – Mar 15, 2030");
  await expect(bar("Review")).toHaveAccessibleName("Review, Mar 18, 2030");
  await expect(bar("Unnamed record")).toHaveAccessibleName("Unnamed record, Mar 5, 2030");
  await expect(page.getByText("1 unscheduled record (no Start)")).toBeVisible();

  // The right edge dragged two days later: a new end, the same start.
  await dragBar(page, bar("Brief"), "end", 2 * DAY);
  await expect(notice(page)).toHaveText("Brief now ends Mar 8, 2030.");
  await expect(bar("Brief")).toHaveAccessibleName("Brief, Mar 4 – Mar 8, 2030");
  expect((await apiRow(page, tableId, rowIds.Brief!)).fields).toMatchObject({ Start: "2030-03-04", End: "2030-03-08" });

  // The left edge dragged a day earlier: a new start, the same end.
  await dragBar(page, bar("Brief"), "start", -DAY);
  await expect(notice(page)).toHaveText("Brief now starts Mar 3, 2030.");
  expect((await apiRow(page, tableId, rowIds.Brief!)).fields).toMatchObject({ Start: "2030-03-03", End: "2030-03-08" });

  // The whole bar dragged three days later: both dates shift.
  await dragBar(page, bar("Prototype"), "middle", 3 * DAY);
  await expect(notice(page)).toHaveText("Moved Prototype to Mar 14 – Mar 18, 2030.");
  expect((await apiRow(page, tableId, rowIds.Prototype!)).fields).toMatchObject({ Start: "2030-03-14", End: "2030-03-18" });

  // By keyboard: arrows move a day at a time, Shift+arrow stretches the end, Enter saves.
  await bar("Review").focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Shift+ArrowRight");
  await expect(page.getByText("Review: Mar 20 – Mar 21, 2030.", { exact: true })).toBeAttached();
  await page.keyboard.press("Enter");
  await expect(notice(page)).toHaveText("Moved Review to Mar 20 – Mar 21, 2030.");
  expect((await apiRow(page, tableId, rowIds.Review!)).fields).toMatchObject({ Start: "2030-03-20", End: "2030-03-21" });

  // Someone else stretches Prototype: the page shows it without a reload (realtime), and the next drag builds on theirs.
  const behind = await page.request.patch(`/api/v1/tables/${tableId}/rows/${rowIds.Prototype}`, { data: { fields: { End: "2030-03-22" } } });
  expect(behind.status()).toBe(200);
  await expect(bar("Prototype")).toHaveAccessibleName("Prototype, Mar 14 – Mar 22, 2030");
  // (The start edge: the end is now past the edge of the screen.)
  await dragBar(page, bar("Prototype"), "start", DAY);
  await expect(notice(page)).toHaveText("Prototype now starts Mar 15, 2030.");
  await expect.poll(async () => (await apiRow(page, tableId, rowIds.Prototype!)).fields).toMatchObject({ Start: "2030-03-15", End: "2030-03-22" });

  // Grouped by Team: a group per choice (and the rows without one) with its count, saved to the view.
  await page.getByLabel("Group by").selectOption({ label: "Team" });
  await expect(notice(page)).toHaveText("Grouped by Team.");
  const design = timeline.getByRole("button", { name: "Design 2 records" });
  await expect(design).toHaveAttribute("aria-expanded", "true");
  await expect(timeline.getByRole("button", { name: "Build 1 record", exact: true })).toBeVisible();
  await expect(timeline.getByRole("button", { name: "No value 1 record", exact: true })).toBeVisible();
  await expect(timeline.getByRole("list", { name: "Design records" }).getByRole("button")).toHaveCount(2);
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/views/${viewId}`)).json()) as { groupBy: string[] }).groupBy)
    .toEqual([teamId]);

  // The toolbar, axis, groups and bars pass an accessibility scan.
  const scan = await new AxeBuilder({ page }).include('[role="toolbar"][aria-label="Timeline"]').include('[role="region"][aria-label="Plan timeline"]').analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // A group collapses and opens again.
  await design.click();
  await expect(design).toHaveAttribute("aria-expanded", "false");
  await expect(bar("Brief")).toHaveCount(0);
  await expect(bar("Prototype")).toBeVisible();
  await design.click();
  await expect(bar("Brief")).toBeVisible();

  // The grouping stays after a reload.
  await page.reload();
  await expect(page.getByLabel("Group by")).toHaveValue(teamId);

  await page.context().close();
});

test("a viewer sees the bars but cannot move or resize them", async ({ browser }) => {
  const page = await signUp(browser, testUser("timeline-owner2", "Otto Owner"));
  await createWorkspaceAndBase(page, "Agency", "Schedule");
  const { workspaceId, tableId, rowIds, url } = await seedTimeline(page);
  const viewerPage = await signUp(browser, viewer);
  const added = await page.request.post(`/api/v1/workspaces/${workspaceId}/members`, { data: { email: viewer.email, role: "viewer" } });
  expect(added.status()).toBe(201);

  await viewerPage.goto(url);
  await viewerPage.getByLabel("Go to date").fill("2030-03-04");
  const timeline = viewerPage.getByRole("region", { name: "Plan timeline" });
  const brief = timeline.getByRole("img", { name: "Brief, Mar 4 – Mar 6, 2030" });
  await expect(brief).toBeVisible();
  await expect(timeline.getByRole("button", { name: /^Brief, / })).toHaveCount(0);
  await expect(viewerPage.getByLabel("Group by")).toHaveCount(0);

  // A drag does nothing: no change on the page, none in the table.
  await viewerPage.getByRole("group", { name: "Zoom" }).getByRole("button", { name: "Day" }).click();
  await dragBar(viewerPage, brief, "end", 2 * DAY);
  await expect(brief).toHaveAccessibleName("Brief, Mar 4 – Mar 6, 2030");
  expect((await apiRow(page, tableId, rowIds.Brief!)).fields).toMatchObject({ Start: "2030-03-04", End: "2030-03-06" });

  await viewerPage.context().close();
  await page.context().close();
});
