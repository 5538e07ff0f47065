import { expect, type Page, test } from "@playwright/test";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

const owner = testUser("mform-owner", "Mona Owner");
const editor = testUser("mform-editor", "Eddie Editor");
const viewer = testUser("mform-viewer", "Vera Viewer");

async function addMember(page: Page, workspaceId: string, email: string, role: "editor" | "viewer") {
  const response = await page.request.post(`/api/v1/workspaces/${workspaceId}/members`, { data: { email, role } });
  expect(response.status()).toBe(201);
}

test("an editor fills the form in inside the app but is offered no sharing; a viewer gets a note instead of the form", async ({ browser }) => {
  const page = await signUp(browser, owner);
  await createWorkspaceAndBase(page, "Clinic", "Visits");
  const [, workspaceId, baseId] = /\/w\/([^/?#]+)\/b\/([^/?#]+)/.exec(page.url())!;
  const created = await page.request.post("/api/v1/tables", {
    data: {
      baseId,
      name: "Visits",
      fields: [
        { name: "Patient", type: "text" },
        { name: "Reason", type: "single_select", options: { choices: [{ name: "Check-up" }, { name: "Injury" }] } },
        { name: "Seen", type: "boolean" },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const table = (await created.json()) as { id: string };
  const viewResponse = await page.request.post("/api/v1/views", {
    data: {
      tableId: table.id,
      name: "Intake",
      type: "form",
      config: { title: "Intake", fields: [{ fieldId: "Patient", required: true }, { fieldId: "Reason", help: "Pick the closest" }] },
    },
  });
  expect(viewResponse.status()).toBe(201);
  const view = (await viewResponse.json()) as { id: string };
  const viewPath = `/w/${workspaceId}/b/${baseId}/t/${table.id}/v/${view.id}`;

  const editorPage = await signUp(browser, editor);
  const viewerPage = await signUp(browser, viewer);
  await addMember(page, workspaceId!, editor.email, "editor");
  await addMember(page, workspaceId!, viewer.email, "viewer");

  // An editor may change the form, not share it, and can try it from the Fill in tab.
  await editorPage.goto(viewPath);
  await expect(editorPage.getByRole("tab", { name: "Build", selected: true })).toBeVisible();
  await expect(editorPage.getByRole("button", { name: "Share form" })).toHaveCount(0);
  await editorPage.getByRole("tab", { name: "Fill in" }).click();
  const form = editorPage.getByRole("form", { name: "Intake" });
  await expect(form.getByLabel("Reason")).toHaveAccessibleDescription(/Pick the closest/);
  await expect(form.getByText("Seen")).toHaveCount(0);
  await form.getByLabel("Reason").selectOption("Injury");
  await form.getByRole("button", { name: "Submit" }).click();
  await expect(form.getByLabel("Patient")).toHaveAccessibleDescription(/This question is required/);
  await expect(form.getByLabel("Reason")).toHaveValue("Injury");
  await form.getByLabel("Patient").fill("Sam Park");
  await form.getByRole("button", { name: "Submit" }).click();
  await expect(editorPage.getByRole("status").filter({ hasText: "Thank you! Your response was recorded." })).toBeVisible();
  // Another response starts from an empty form.
  await editorPage.getByRole("button", { name: "Submit another response" }).click();
  await expect(editorPage.getByRole("form", { name: "Intake" }).getByLabel("Patient")).toHaveValue("");

  const rows = (await (await page.request.get(`/api/v1/tables/${table.id}/rows`)).json()) as { rows: Array<{ fields: Record<string, unknown> }> };
  expect(rows.rows.map((r) => [r.fields.Patient, r.fields.Reason])).toEqual([["Sam Park", "Injury"]]);

  // A viewer may add no rows: no form to submit, a note saying why.
  await viewerPage.goto(viewPath);
  await expect(viewerPage.getByText("your role in this workspace may not add rows")).toBeVisible();
  await expect(viewerPage.getByRole("tab")).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Submit" })).toHaveCount(0);
});
