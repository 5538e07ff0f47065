import { expect, type Locator, type Page, test } from "@playwright/test";
import { apiRow, apiRows } from "../support/api";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("calendar-owner", "Cleo Calendar");
const viewer = testUser("calendar-viewer", "Vera Viewer");

/** Drags with the mouse in steps (the sensor starts only after a few pixels) from a point to a point. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, from.y, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

const centre = async (locator: Locator) => {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

// Everything happens in March 2026 (opened by its URL), so the run does not depend on today's date.
test("an owner sees a month's events, reschedules a span by mouse and an event by keyboard, adds one on a day, and the API agrees", async ({ browser }) => {
  const page = await signUp(browser, owner);
  await createWorkspaceAndBase(page, "Agency", "Planning");
  const [, workspaceId, baseId] = /\/w\/([^/?#]+)\/b\/([^/?#]+)/.exec(page.url())!;

  const created = await page.request.post("/api/v1/tables", {
    data: {
      baseId,
      name: "Events",
      fields: [
        { name: "Name", type: "text" },
        { name: "Start", type: "date" },
        { name: "End", type: "date" },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const table = (await created.json()) as { id: string; fields: Array<{ id: string; name: string }> };
  const seeded = await page.request.post(`/api/v1/tables/${table.id}/rows`, {
    data: {
      rows: [
        { fields: { Name: "Kickoff", Start: "2026-03-05" } },
        { fields: { Name: "Launch", Start: "2026-03-10", End: "2026-03-12" } },
        { fields: { Name: "Review", Start: "2026-03-18" } },
        { fields: { Name: "Retro", Start: "2026-04-02" } },
        { fields: { Name: "Someday" } },
      ],
    },
  });
  expect(seeded.status()).toBe(201);
  const rowIds = Object.fromEntries((await apiRows(page, table.id)).map((r) => [r.fields.Name as string, r.id]));

  const fieldId = (name: string) => table.fields.find((f) => f.name === name)!.id;
  const viewResponse = await page.request.post("/api/v1/views", {
    data: { tableId: table.id, name: "Schedule", type: "calendar", config: { dateFieldId: fieldId("Start"), endDateFieldId: fieldId("End") } },
  });
  expect(viewResponse.status()).toBe(201);
  const view = (await viewResponse.json()) as { id: string };
  const viewPath = `/w/${workspaceId}/b/${baseId}/t/${table.id}/v/${view.id}`;

  // Tall enough for the whole month grid, so a drag can reach any day.
  await page.setViewportSize({ width: 1280, height: 1200 });
  await page.goto(`${viewPath}?month=2026-03`);
  const day = (label: string) => page.getByRole("group", { name: label, exact: true });
  const event = (dayLabel: string, name: string) => day(dayLabel).getByRole("button", { name, exact: true });

  await expect(page.getByRole("heading", { level: 2, name: "March 2026" })).toBeVisible();
  await expect(event("Thursday, March 5, 2026", "Kickoff, Mar 5")).toBeVisible();
  await expect(event("Wednesday, March 18, 2026", "Review, Mar 18")).toBeVisible();
  // April 2 is in the grid's last week, after the month.
  await expect(event("Thursday, April 2, 2026", "Retro, Apr 2")).toBeVisible();
  // A row without a date is on no day.
  await expect(page.getByRole("button", { name: /^Someday/ })).toHaveCount(0);

  // The span is one bar from Tuesday over Thursday.
  const launch = event("Tuesday, March 10, 2026", "Launch, Mar 10 to Mar 12");
  await expect(launch).toBeVisible();
  const bar = (await launch.boundingBox())!;
  const tuesday = (await day("Tuesday, March 10, 2026").boundingBox())!;
  const thursday = (await day("Thursday, March 12, 2026").boundingBox())!;
  expect(bar.x).toBeGreaterThanOrEqual(tuesday.x);
  expect(bar.x + bar.width).toBeGreaterThan(thursday.x + thursday.width / 2);
  expect(bar.x + bar.width).toBeLessThanOrEqual(thursday.x + thursday.width);

  // Mouse: hold the bar by its Tuesday and drop that on Monday the 16th; the whole span moves six days.
  await drag(page, { x: bar.x + tuesday.width / 2, y: bar.y + bar.height / 2 }, await centre(day("Monday, March 16, 2026")));
  await expect(event("Monday, March 16, 2026", "Launch, Mar 16 to Mar 18")).toBeVisible();
  await expect(day("Tuesday, March 10, 2026").getByRole("button", { name: /^Launch/ })).toHaveCount(0);
  await expect(page.getByText("Moved Launch to Monday, March 16, 2026.", { exact: true })).toBeVisible();
  await expect.poll(async () => (await apiRow(page, table.id, rowIds.Launch!)).fields).toMatchObject({ Start: "2026-03-16", End: "2026-03-18" });

  // Keyboard: Space picks Kickoff up, Right moves it a day, Down a week, Space drops it.
  // Each key waits for the announcement of the one before, as a person would.
  const kickoff = event("Thursday, March 5, 2026", "Kickoff, Mar 5");
  await kickoff.focus();
  await page.keyboard.press("Space");
  await expect(kickoff).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByText("Kickoff is over Friday, March 6, 2026.", { exact: true })).toBeAttached();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByText("Kickoff is over Friday, March 13, 2026.", { exact: true })).toBeAttached();
  await page.keyboard.press("Space");
  await expect(event("Friday, March 13, 2026", "Kickoff, Mar 13")).toBeVisible();
  await expect.poll(async () => (await apiRow(page, table.id, rowIds.Kickoff!)).fields.Start).toBe("2026-03-13");

  // A click in a day's empty space opens the form that adds a record on that day.
  const friday = day("Friday, March 20, 2026");
  await friday.click({ position: { x: 20, y: 90 } });
  const form = page.getByRole("dialog", { name: "New record on Friday, March 20, 2026" });
  await form.getByLabel("Name").fill("Planning");
  await form.getByRole("button", { name: "Add record" }).click();
  await expect(form).toHaveCount(0);
  await expect(event("Friday, March 20, 2026", "Planning, Mar 20")).toBeVisible();
  // The day's Add button does the same from the keyboard; without a title the record is unnamed.
  await day("Saturday, March 21, 2026").getByRole("button", { name: "Add record on Saturday, March 21, 2026" }).press("Enter");
  await page.getByRole("dialog", { name: "New record on Saturday, March 21, 2026" }).getByRole("button", { name: "Add record" }).click();
  await expect(event("Saturday, March 21, 2026", "Unnamed record, Mar 21")).toBeVisible();
  await expect
    .poll(async () =>
      (await apiRows(page, table.id))
        .map((r) => [r.fields.Start, r.fields.Name ?? null])
        .filter(([start]) => start === "2026-03-20" || start === "2026-03-21")
        .sort(),
    )
    .toEqual([
      ["2026-03-20", "Planning"],
      ["2026-03-21", null],
    ]);

  // Next month and back, with the range in the URL.
  await page.getByRole("button", { name: "Next month" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "April 2026" })).toBeVisible();
  await expect(page).toHaveURL(/[?&]month=2026-04/);
  await expect(event("Thursday, April 2, 2026", "Retro, Apr 2")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Review/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Previous month" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "March 2026" })).toBeVisible();
  await expect(event("Wednesday, March 18, 2026", "Review, Mar 18")).toBeVisible();

  // The week of the 16th lists each event on every day it covers.
  await page.goto(`${viewPath}?week=2026-03-16`);
  await expect(page.getByRole("heading", { level: 2, name: "Mar 16 – 22, 2026" })).toBeVisible();
  const weekDay = (label: string) => page.getByRole("region", { name: label, exact: true });
  for (const label of ["Monday, March 16, 2026", "Tuesday, March 17, 2026", "Wednesday, March 18, 2026"]) {
    await expect(weekDay(label).getByRole("button", { name: "Launch, Mar 16 to Mar 18" })).toBeVisible();
  }
  await expect(weekDay("Wednesday, March 18, 2026").getByRole("button", { name: "Review, Mar 18" })).toBeVisible();
  await expect(weekDay("Friday, March 20, 2026").getByRole("button", { name: "Planning, Mar 20" })).toBeVisible();
  await expect(weekDay("Thursday, March 19, 2026").getByRole("listitem")).toHaveCount(0);
  await page.getByRole("button", { name: "Previous week" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Mar 9 – 15, 2026" })).toBeVisible();
  await expect(weekDay("Friday, March 13, 2026").getByRole("button", { name: "Kickoff, Mar 13" })).toBeVisible();
  await page.getByRole("button", { name: "Month", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: "March 2026" })).toBeVisible();

  // A viewer sees the same calendar, with nothing to drag and no way to add.
  const viewerPage = await signUp(browser, viewer);
  const added = await page.request.post(`/api/v1/workspaces/${workspaceId}/members`, { data: { email: viewer.email, role: "viewer" } });
  expect(added.status()).toBe(201);
  await viewerPage.goto(`${viewPath}?month=2026-03`);
  const viewerDay = (label: string) => viewerPage.getByRole("group", { name: label, exact: true });
  await expect(viewerDay("Monday, March 16, 2026").getByRole("listitem", { name: "Launch, Mar 16 to Mar 18" })).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: /^Launch/ })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: /^Add record/ })).toHaveCount(0);

  await viewerPage.context().close();
  await page.context().close();
});
