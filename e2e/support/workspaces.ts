import { expect, type Page } from "@playwright/test";

/** From the workspace list: creates a workspace and a base in it, and opens the base's page. */
export async function createWorkspaceAndBase(page: Page, workspace: string, base: string): Promise<void> {
  await page.getByLabel("Workspace name").fill(workspace);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/[^/]+$/);
  const createBase = page.getByRole("form", { name: "Create base" });
  await createBase.getByLabel("Base name").fill(base);
  await createBase.getByRole("button", { name: "Create base" }).click();
  await page.getByRole("list", { name: "Bases" }).getByRole("link", { name: base }).click();
  await expect(page.getByRole("heading", { level: 1, name: base })).toBeVisible();
}
