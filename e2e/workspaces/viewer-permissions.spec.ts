import { expect, test } from "@playwright/test";
import { signUp, testUser } from "../support/users";

const owner = testUser("owner", "Olivia Owner");
const viewer = testUser("viewer", "Victor Viewer");

test("a viewer sees bases but is offered no way to create one, and the API refuses", async ({ browser }) => {
  // The owner signs up and creates a workspace.
  const ownerPage = await signUp(browser, owner);
  await expect(ownerPage.getByRole("heading", { name: "Create your first workspace" })).toBeVisible();
  await ownerPage.getByLabel("Workspace name").fill("Acme Inc.");
  await ownerPage.getByRole("button", { name: "Create workspace" }).click();
  await expect(ownerPage).toHaveURL(/\/w\/[^/]+$/);
  const workspaceId = new URL(ownerPage.url()).pathname.split("/")[2]!;

  // The owner is offered the create-base form and creates a base.
  const createBase = ownerPage.getByRole("form", { name: "Create base" });
  await expect(createBase).toBeVisible();
  await createBase.getByLabel("Base name").fill("Product roadmap");
  await createBase.getByRole("button", { name: "Create base" }).click();
  const ownerBases = ownerPage.getByRole("list", { name: "Bases" });
  await expect(ownerBases.getByRole("heading", { name: "Product roadmap" })).toBeVisible();
  await expect(createBase.getByLabel("Base name")).toHaveValue("");

  if (process.env.E2E_SCREENSHOT) {
    for (const name of ["Hiring pipeline", "Customer feedback"]) {
      await createBase.getByLabel("Base name").fill(name);
      await createBase.getByRole("button", { name: "Create base" }).click();
      await expect(ownerBases.getByRole("heading", { name })).toBeVisible();
    }
    await ownerPage.setViewportSize({ width: 1280, height: 800 });
    await ownerPage.mouse.move(0, 0);
    await ownerPage.screenshot({ path: process.env.E2E_SCREENSHOT });
  }

  // The second user signs up in a browser context of their own: no workspaces yet.
  const viewerPage = await signUp(browser, viewer);
  await expect(viewerPage.getByRole("heading", { name: "Create your first workspace" })).toBeVisible();

  // The owner adds them as a viewer on the members page.
  await ownerPage.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Members" }).click();
  await expect(ownerPage.getByRole("heading", { name: "Members" })).toBeVisible();
  const addMember = ownerPage.getByRole("form", { name: "Add member" });
  await addMember.getByLabel("Email").fill(viewer.email);
  await addMember.getByLabel("Role").selectOption("viewer");
  await addMember.getByRole("button", { name: "Add member" }).click();
  const viewerRow = ownerPage.getByRole("row", { name: new RegExp(viewer.name) });
  await expect(viewerRow).toBeVisible();
  await expect(viewerRow.getByLabel(`Role for ${viewer.name}`, { exact: true })).toHaveValue("viewer");

  // The viewer signs out and back in, then opens the workspace from their list.
  await viewerPage.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(viewerPage).toHaveURL(/\/sign-in$/);
  await viewerPage.getByLabel("Email").fill(viewer.email);
  await viewerPage.getByLabel("Password").fill(viewer.password);
  await viewerPage.getByRole("button", { name: "Sign in" }).click();
  await expect(viewerPage).toHaveURL(/\/w$/);
  await viewerPage.getByRole("link", { name: /Acme Inc\./ }).click();
  await expect(viewerPage).toHaveURL(new RegExp(`/w/${workspaceId}$`));

  // They see the owner's base, and nothing that would create one.
  await expect(viewerPage.getByRole("heading", { name: "Bases", exact: true })).toBeVisible();
  await expect(viewerPage.getByRole("list", { name: "Bases" }).getByRole("heading", { name: "Product roadmap" })).toBeVisible();
  await expect(viewerPage.getByRole("form", { name: "Create base" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: /create base/i })).toHaveCount(0);
  await expect(viewerPage.getByLabel("Base name")).toHaveCount(0);
  await expect(viewerPage.getByRole("link", { name: "API tokens" })).toHaveCount(0);

  // Their session cookie rides along on this request: the server refuses it too.
  const response = await viewerPage.request.post("/api/v1/bases", { data: { workspaceId, name: "x" } });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ error: { code: "FORBIDDEN" } });

  // And nothing was created behind the page's back.
  await viewerPage.reload();
  await expect(viewerPage.getByRole("list", { name: "Bases" }).getByRole("listitem")).toHaveCount(
    process.env.E2E_SCREENSHOT ? 3 : 1,
  );

  await ownerPage.context().close();
  await viewerPage.context().close();
});
