import { type Browser, expect, type Page } from "@playwright/test";

export type TestUser = { name: string; email: string; password: string };

// One run's users never collide with another's, even against a shared database.
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A user unique to this run: `prefix` tells the specs' users apart in the database. */
export function testUser(prefix: string, name: string): TestUser {
  const first = name.split(" ")[0]!.toLowerCase();
  return { name, email: `${prefix}-${run}@example.com`, password: `${first}-password-1` };
}

/** Signs a user up through the sign-up page, in a browser context of their own, and returns that page on their workspace list. */
export async function signUp(browser: Browser, user: TestUser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/w$/);
  return page;
}
