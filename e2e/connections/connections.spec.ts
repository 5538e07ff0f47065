import { randomBytes } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import mysql from "mysql2/promise";
import postgres from "postgres";
import { signUp, testUser } from "../support/users";
import { createWorkspaceAndBase } from "../support/workspaces";

/**
 * Connections through the pages, against the machine's real PostgreSQL and
 * MariaDB (ENVIRONMENT.md): each run creates a small fixture database with
 * a primary key and a foreign key, and drops it afterwards. An engine that
 * does not answer is skipped with a message saying so.
 */

const pgAdminUrl = process.env.TEST_EXTERNAL_PG_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const mysqlAdminUrl = process.env.TEST_MYSQL_URL || "mysql://root@127.0.0.1:3306";
const fixtureName = `tessera_e2e_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;

// customers ← orders.customer_id; quantities chosen so a sort and a filter each tell.
const fixtureSql = [
  "create table customers (id integer primary key, name varchar(100) not null, city varchar(100))",
  "create table orders (id integer primary key, customer_id integer not null references customers (id), quantity integer not null, note varchar(200))",
  "insert into customers (id, name, city) values (1, 'Ada Lovelace', 'London'), (2, 'Zoë Weiß', null)",
  "insert into orders (id, customer_id, quantity, note) values (1, 1, 5, 'first'), (2, 2, 12, 'second'), (3, 1, 30, 'third')",
];

type Engine = {
  label: string;
  kind: string;
  host: string;
  port: string;
  user: string;
  /** The schema tables are listed under: PostgreSQL's default one, or MySQL's database itself. */
  schema: string;
  /** The fixture database's URL, as a connection is created with. */
  url: () => string;
  setUp: () => Promise<() => Promise<void>>;
};

const engines: Engine[] = [
  {
    label: "PostgreSQL",
    kind: "postgres",
    host: "127.0.0.1",
    port: "5432",
    user: new URL(pgAdminUrl).username || "postgres",
    schema: "public",
    url: () => {
      const url = new URL(pgAdminUrl);
      url.pathname = `/${fixtureName}`;
      return url.toString();
    },
    setUp: async () => {
      const admin = postgres(pgAdminUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
      await admin.unsafe(`create database ${fixtureName}`);
      const url = new URL(pgAdminUrl);
      url.pathname = `/${fixtureName}`;
      const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
      for (const statement of fixtureSql) await sql.unsafe(statement);
      await sql.end();
      return async () => {
        await admin.unsafe(`drop database if exists ${fixtureName} with (force)`);
        await admin.end();
      };
    },
  },
  {
    label: "MySQL / MariaDB",
    kind: "mysql",
    host: "127.0.0.1",
    port: "3306",
    user: new URL(mysqlAdminUrl).username || "root",
    schema: fixtureName,
    url: () => {
      const url = new URL(mysqlAdminUrl);
      url.pathname = `/${fixtureName}`;
      return url.toString();
    },
    setUp: async () => {
      const admin = await mysql.createConnection({ uri: mysqlAdminUrl, connectTimeout: 3000 });
      await admin.query(`CREATE DATABASE \`${fixtureName}\` CHARACTER SET utf8mb4`);
      await admin.query(`USE \`${fixtureName}\``);
      for (const statement of fixtureSql) await admin.query(statement);
      return async () => {
        await admin.query(`DROP DATABASE IF EXISTS \`${fixtureName}\``);
        await admin.end();
      };
    },
  },
];

/** Signs up an owner, creates a workspace, and opens its Connections page through the nav. */
async function ownerOnConnections(page: Page): Promise<string> {
  await page.getByLabel("Workspace name").fill("Data team");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/[^/]+$/);
  const workspaceId = new URL(page.url()).pathname.split("/")[2]!;
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Connections" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
  return workspaceId;
}

/** Fills the new-connection dialog's fields (no password: the fixtures' servers trust local users). */
async function fillConnection(page: Page, fields: { name: string; kind: string; host: string; port: string; user: string; database: string }) {
  await page.getByRole("button", { name: "New connection" }).click();
  const dialog = page.getByRole("dialog", { name: "New connection" });
  await dialog.getByLabel("Name", { exact: true }).fill(fields.name);
  await dialog.getByLabel("Database", { exact: true }).selectOption(fields.kind);
  await dialog.getByLabel("Host", { exact: true }).fill(fields.host);
  await dialog.getByLabel("Port", { exact: true }).fill(fields.port);
  await dialog.getByLabel("User", { exact: true }).fill(fields.user);
  await dialog.getByLabel("Database name").fill(fields.database);
  return dialog;
}

for (const engine of engines) {
  test.describe(`${engine.label} connection`, () => {
    let dropFixture: (() => Promise<void>) | undefined;
    let unavailable: string | undefined;

    test.beforeAll(async () => {
      try {
        dropFixture = await engine.setUp();
      } catch (error) {
        unavailable = `Skipped: ${engine.label} at ${engine.host}:${engine.port} is not reachable (${(error as Error).message})`;
        console.warn(unavailable);
      }
    });

    test.afterAll(async () => {
      await dropFixture?.();
    });

    test("an owner connects, tests, browses the schema and previews rows sorted and filtered", async ({ browser }) => {
      test.skip(unavailable !== undefined, unavailable);
      const page = await signUp(browser, testUser(`conn-${engine.kind}`, "Olga Owner"));
      await ownerOnConnections(page);

      const dialog = await fillConnection(page, { name: "Shop", kind: engine.kind, host: engine.host, port: engine.port, user: engine.user, database: fixtureName });
      await dialog.getByRole("button", { name: "Test connection" }).click();
      await expect(dialog.getByText(/Connected in \d+ ms\./)).toBeVisible();
      // Testing saved it: the dialog now edits the stored connection, whose password is never shown.
      await expect(dialog.getByLabel("Password")).toHaveValue("");
      await dialog.getByRole("button", { name: "Save" }).click();
      await expect(dialog).toBeHidden();

      const item = page.getByRole("list", { name: "Connections" }).getByRole("listitem").filter({ hasText: "Shop" });
      await expect(item.getByText("Connected")).toBeVisible();
      await expect(item.getByText(fixtureName)).toBeVisible();
      await item.getByRole("link", { name: "Browse Shop" }).click();

      // The schema: both tables, the primary key and the foreign key.
      const tables = page.getByRole("navigation", { name: "Tables" });
      await expect(tables.getByRole("button", { name: /customers/ })).toBeVisible();
      await tables.getByRole("button", { name: /orders/ }).click();
      await expect(page.getByRole("heading", { level: 2, name: /orders/ })).toBeVisible();
      const columns = page.getByRole("table", { name: /^Columns of/ });
      await expect(columns.getByRole("row", { name: /^id/ })).toContainText("Primary key");
      await expect(columns.getByRole("row", { name: /customer_id/ })).toContainText(`→ ${engine.schema}.customers`);
      await expect(columns.getByRole("row", { name: /quantity/ })).toContainText("Number");

      // The preview: every row, then sorted by a header, then filtered.
      const preview = page.getByRole("table", { name: /^Rows of/ });
      await expect(page.getByText("Showing all 3 rows.")).toBeVisible();
      const quantities = preview.locator("tbody tr td:nth-child(3)");
      await preview.getByRole("button", { name: "quantity" }).click();
      await expect(preview.getByRole("columnheader", { name: "quantity" })).toHaveAttribute("aria-sort", "ascending");
      await expect(quantities).toHaveText(["5", "12", "30"]);
      await preview.getByRole("button", { name: "quantity" }).click();
      await expect(preview.getByRole("columnheader", { name: "quantity" })).toHaveAttribute("aria-sort", "descending");
      await expect(quantities).toHaveText(["30", "12", "5"]);

      const filter = page.getByRole("form", { name: "Filter rows" });
      await filter.getByLabel("Column").selectOption("quantity");
      await filter.getByLabel("Operator").selectOption("gt");
      await filter.getByLabel("Value").fill("10");
      await filter.getByRole("button", { name: "Apply filter" }).click();
      await expect(page.getByText("Showing all 2 rows.")).toBeVisible();
      await expect(quantities).toHaveText(["30", "12"]);

      // The foreign key leads to the table it references.
      await columns.getByRole("button", { name: `→ ${engine.schema}.customers` }).click();
      await expect(page.getByRole("heading", { level: 2, name: /customers/ })).toBeVisible();
      await expect(page.getByText("Showing all 2 rows.")).toBeVisible();

      // Added to a base, the orders table opens in the grid like an internal one, and an edit lands in the external database.
      const workspaceId = new URL(page.url()).pathname.split("/")[2]!;
      expect((await page.request.post("/api/v1/bases", { data: { workspaceId, name: "Sales" } })).status()).toBe(201);
      await page.reload();
      await page.getByRole("navigation", { name: "Tables" }).getByRole("button", { name: /orders/ }).click();
      await page.getByRole("button", { name: "Add to base" }).click();
      const add = page.getByRole("dialog", { name: /to a base$/ });
      await add.getByRole("button", { name: "Add to base" }).click();
      await add.getByRole("status").getByRole("link").click();
      await page.getByRole("link", { name: "Open grid" }).click();
      const grid = page.getByRole("grid");
      await expect(grid.getByRole("columnheader", { name: /^quantity/ })).toBeVisible();
      const quantityColumn = (await grid.getByRole("columnheader").allTextContents()).findIndex((text) => text.startsWith("quantity")) + 1;
      const quantityCells = grid.locator(`[role="row"][aria-rowindex] [role="gridcell"][aria-colindex="${quantityColumn}"]`);
      await expect(quantityCells).toHaveCount(3);
      await quantityCells.first().click();
      const before = await quantityCells.first().textContent();
      await page.keyboard.type("77");
      await page.keyboard.press("Enter");
      await expect(quantityCells.first()).toHaveText("77");
      expect(before).not.toBe("77");
      // Read back through the connection itself, not the mounted table.
      const { connections } = (await (await page.request.get(`/api/v1/connections?workspaceId=${workspaceId}`)).json()) as { connections: Array<{ id: string }> };
      await expect
        .poll(async () => {
          const answer = await page.request.post(`/api/v1/connections/${connections[0]!.id}/query`, {
            data: { table: `${engine.schema}.orders`, filter: { field: "quantity", op: "eq", value: 77 } },
          });
          return ((await answer.json()) as { rows: unknown[] }).rows.length;
        })
        .toBe(1);

      await page.context().close();
    });

    test("a mounted table groups in the grid and stacks on a kanban board, and a card moved by keyboard moves in the external database", async ({ browser }) => {
      test.skip(unavailable !== undefined, unavailable);
      const page = await signUp(browser, testUser(`conn-board-${engine.kind}`, "Greta Grouper"));
      await createWorkspaceAndBase(page, "Grouping", "Clients");
      const [, workspaceId, baseId] = /\/w\/([^/?#]+)\/b\/([^/?#]+)/.exec(page.url())!;
      const connection = await page.request.post("/api/v1/connections", { data: { workspaceId, name: "Shop", kind: engine.kind, url: engine.url() } });
      expect(connection.status()).toBe(201);
      const connectionId = ((await connection.json()) as { id: string }).id;
      const mounted = await page.request.post(`/api/v1/connections/${connectionId}/tables`, { data: { baseId, table: `${engine.schema}.customers` } });
      expect(mounted.status()).toBe(201);
      const table = (await mounted.json()) as { id: string; fields: Array<{ id: string; name: string }> };
      const cityId = table.fields.find((f) => f.name === "city")!.id;
      const { views } = (await (await page.request.get(`/api/v1/views?tableId=${table.id}`)).json()) as { views: Array<{ id: string }> };

      // The grid grouped by city: a group per city with its count (counted by the external database), empty last.
      await page.goto(`/w/${workspaceId}/b/${baseId}/t/${table.id}/v/${views[0]!.id}`);
      const grid = page.getByRole("grid", { name: /customers/ });
      await page.getByRole("button", { name: "Group", exact: true }).click();
      await page.getByRole("dialog", { name: "Group rows" }).getByLabel("Group by").selectOption({ label: "city" });
      await page.keyboard.press("Escape");
      await expect(page.getByRole("button", { name: "Grouped by city" })).toBeVisible();
      const headers = grid.getByRole("button", { name: /^Collapse group / });
      await expect(headers).toHaveCount(2);
      await expect(headers.nth(0)).toHaveAccessibleName("Collapse group London");
      await expect(headers.nth(1)).toHaveAccessibleName("Collapse group (empty)");
      await expect(grid.getByRole("row").filter({ has: page.getByRole("button", { name: "Collapse group London" }) })).toContainText("1 row");
      await grid.getByRole("button", { name: "Collapse group London" }).click();
      await expect(grid.getByRole("button", { name: "Expand group London" })).toBeVisible();

      // A kanban board stacked by city: London, then the customers without one.
      const board = await page.request.post("/api/v1/views", { data: { tableId: table.id, name: "By city", type: "kanban", config: { stackFieldId: cityId } } });
      expect(board.status()).toBe(201);
      await page.goto(`/w/${workspaceId}/b/${baseId}/t/${table.id}/v/${((await board.json()) as { id: string }).id}`);
      const stacks = page.getByRole("list", { name: "By city stacks" });
      const cards = (name: string) => page.getByRole("list", { name: `${name} cards`, exact: true });
      await expect(stacks.getByRole("heading", { level: 2 })).toHaveText(["London", "No value"]);
      await expect(stacks.getByRole("listitem", { name: "London", exact: true }).getByLabel("1 card", { exact: true })).toBeVisible();
      const zoe = cards("No value").getByRole("button", { name: "2", exact: true });
      await zoe.focus();
      await page.keyboard.press("Space");
      await expect(zoe).toHaveAttribute("aria-pressed", "true");
      // The sensor announces where the card is once it listens for arrows; London is the first stack, so a
      // repeated arrow (when the first came too early) cannot overshoot.
      // (Over its own stack, or over itself in it: cards are sortable.)
      await expect(page.getByText(/^card 2 is over (stack No value|card 2 in stack No value)\.$/)).toBeAttached();
      await expect(async () => {
        await page.keyboard.press("ArrowLeft");
        await expect(page.getByText(/^card 2 is over (stack London|card \S+ in stack London)\.$/)).toBeAttached({ timeout: 1000 });
      }).toPass();
      await page.keyboard.press("Space");
      await expect(cards("London").getByRole("button", { name: "2", exact: true })).toBeVisible();
      await expect(stacks.getByRole("listitem", { name: "London", exact: true }).getByLabel("2 cards")).toBeVisible();
      await expect
        .poll(async () => {
          const answer = await page.request.post(`/api/v1/connections/${connectionId}/query`, { data: { table: `${engine.schema}.customers`, filter: { field: "id", op: "eq", value: 2 } } });
          return ((await answer.json()) as { rows: Array<{ city: string | null }> }).rows[0]?.city;
        })
        .toBe("London");
      await page.context().close();
    });
  });
}

test("a connection to a closed port says the host cannot be reached, and can be deleted", async ({ browser }) => {
  const page = await signUp(browser, testUser("conn-closed", "Oscar Owner"));
  await ownerOnConnections(page);
  // Port 1 on this machine: nothing listens, so the connection is refused at once.
  const dialog = await fillConnection(page, { name: "Nowhere", kind: "postgres", host: "127.0.0.1", port: "1", user: "postgres", database: "postgres" });
  const started = Date.now();
  await dialog.getByRole("button", { name: "Test connection" }).click();
  const failure = dialog.getByRole("alert");
  await expect(failure).toContainText("The database server cannot be reached.", { timeout: 8_000 });
  expect(Date.now() - started).toBeLessThan(8_000);
  await expect(failure).toContainText("Check the host name and the port");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  const item = page.getByRole("list", { name: "Connections" }).getByRole("listitem").filter({ hasText: "Nowhere" });
  await expect(item.getByText("Failing")).toBeVisible();
  await item.getByRole("button", { name: "Delete Nowhere" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete Nowhere?" });
  await confirm.getByRole("button", { name: "Delete connection" }).click();
  await expect(page.getByText("No connections yet")).toBeVisible();
  await page.context().close();
});

test("a viewer is offered no Connections link and is told who manages them", async ({ browser }) => {
  const owner = testUser("conn-owner", "Opal Owner");
  const viewer = testUser("conn-viewer", "Vera Viewer");
  const ownerPage = await signUp(browser, owner);
  const workspaceId = await ownerOnConnections(ownerPage);
  const viewerPage = await signUp(browser, viewer);
  const added = await ownerPage.request.post(`/api/v1/workspaces/${workspaceId}/members`, { data: { email: viewer.email, role: "viewer" } });
  expect(added.status()).toBe(201);

  await viewerPage.goto(`/w/${workspaceId}`);
  const nav = viewerPage.getByRole("navigation", { name: "Workspace" });
  await expect(nav.getByRole("link", { name: "Members" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Connections" })).toHaveCount(0);

  await viewerPage.goto(`/w/${workspaceId}/connections`);
  await expect(viewerPage.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
  await expect(viewerPage.getByText(/Only owners and admins of Data team manage connections/)).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "New connection" })).toHaveCount(0);

  await ownerPage.context().close();
  await viewerPage.context().close();
});
