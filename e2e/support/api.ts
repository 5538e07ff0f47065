import { expect, type Page } from "@playwright/test";

/** A row as the REST API answers it (fields keyed by name). */
export type ApiRow = { id: string; version?: number; fields: Record<string, unknown> };

/** One row through the REST API, in the page's session. */
export async function apiRow(page: Page, tableId: string, rowId: string): Promise<ApiRow> {
  const response = await page.request.get(`/api/v1/tables/${tableId}/rows/${rowId}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ApiRow;
}

/** The table's first hundred rows through the REST API, in the order they were created. */
export async function apiRows(page: Page, tableId: string): Promise<ApiRow[]> {
  const response = await page.request.get(`/api/v1/tables/${tableId}/rows?limit=100`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { rows: ApiRow[] }).rows;
}
