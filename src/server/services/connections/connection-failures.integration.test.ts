import { type AddressInfo, createServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/server/db";
import { connections } from "@/server/db/schema";
import { workspaceWith } from "@/test/fixtures";
import { createExternalMysql, createExternalPg, externalPgUrl, mysqlUrl, skipNotice } from "@/test/external-databases";
import { expectErrorShape, type RestResult, signedUpAgent } from "@/test/rest-agent";

/**
 * What goes wrong when connecting, and what must never leak: an unreachable
 * host and a wrong password answer clear errors within the time limit, and
 * no answer, log line, audit entry or stored column holds a password.
 */

type Agent = Awaited<ReturnType<typeof signedUpAgent>>;
const password = "S3cr3t-p@ss/w:rd%41'\"";
let owner: Agent;
let workspaceId: string;

/** Every answer the tests get, and every log line written meanwhile, for the secrets check. */
const answers: RestResult[] = [];
const logged: string[] = [];
const spies = (["log", "warn", "error", "info", "debug"] as const).map((method) =>
  vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))),
);

const call = async (method: "get" | "post" | "put" | "delete", path: string, body?: unknown) => {
  const res = await owner[method](path, body);
  answers.push(res);
  return res;
};

beforeAll(async () => {
  owner = await signedUpAgent("owner");
  workspaceId = (await workspaceWith(owner.user)).id;
});

afterAll(() => spies.forEach((spy) => spy.mockRestore()));

describe("connections that cannot work", () => {
  test("nothing listening: a clear error, quickly", async () => {
    const created = await call("post", "/connections", { workspaceId, name: "Closed port", kind: "postgres", host: "127.0.0.1", port: 1, user: "u", password });
    expect(created.status).toBe(201);
    const tested = await call("post", `/connections/${created.body.id}/test`);
    expect(tested.body).toMatchObject({ ok: false, reason: "unreachable" });
    expect(tested.body.error).toMatch(/Cannot reach the database server at 127\.0\.0\.1:1/);
    expectErrorShape(await call("post", `/connections/${created.body.id}/query`, { table: "x" }), 502);
  });

  test.each(["postgres", "mysql", "mongodb"] as const)("%s: a server that accepts and never answers is cut off within the limit", async (kind) => {
    // A socket that is accepted and then left silent: the case no connection-refused shortcut covers.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const created = await call("post", "/connections", { workspaceId, name: `Silent ${kind}`, kind, host: "127.0.0.1", port, user: "u", password, database: "d" });
      const started = Date.now();
      const tested = await call("post", `/connections/${created.body.id}/test`);
      expect(tested.body.ok).toBe(false);
      expect(tested.body.error).toMatch(new RegExp(`127\\.0\\.0\\.1(:${port})?`));
      expect(tested.body.error).toMatch(/in time|did not answer|timed out/i);
      // The test limit is CONNECTION_CONNECT_TIMEOUT_MS + CONNECTION_QUERY_TIMEOUT_MS = 5 s; slack for a loaded machine.
      expect(Date.now() - started).toBeLessThan(9000);
    } finally {
      sockets.forEach((s) => s.destroy());
      silent.close();
    }
  });

  test("bad input: a URL of another kind, a malformed one, an unknown option, no host", async () => {
    const bad = [
      { kind: "postgres", url: `mysql://u:${encodeURIComponent(password)}@h/db` },
      { kind: "mysql", url: `not a url ${password}` },
      { kind: "postgres", url: `postgres://u:${encodeURIComponent(password)}@h/db?application_name=x` },
      { kind: "postgres", user: "u", password },
      { kind: "oracle", url: "oracle://h" },
    ];
    for (const body of bad) {
      const res = await call("post", "/connections", { workspaceId, name: "Bad", ...body });
      expectErrorShape(res, 400);
    }
  });
});

describe.skipIf(!mysqlUrl)("MariaDB with a password", () => {
  let database: Awaited<ReturnType<typeof createExternalMysql>>;
  const user = `tessera_${Date.now().toString(36)}`;

  beforeAll(async () => {
    database = await createExternalMysql(mysqlUrl!);
    await database.run("CREATE TABLE t (id INT PRIMARY KEY, v TEXT)");
    await database.run("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
    await database.run("CREATE USER ?@'%' IDENTIFIED BY ?", [user, password]);
    await database.run(`GRANT SELECT ON \`${database.name}\`.* TO ?@'%'`, [user]);
  });

  afterAll(async () => {
    await database?.run("DROP USER IF EXISTS ?@'%'", [user]);
    await database?.drop();
  });

  test("the right password works; a wrong one is named as such, without either password", async () => {
    const url = new URL(mysqlUrl!);
    const good = await call("post", "/connections", {
      workspaceId,
      name: "With password",
      kind: "mysql",
      host: url.hostname,
      port: Number(url.port),
      user,
      password,
      database: database.name,
    });
    expect((await call("post", `/connections/${good.body.id}/test`)).body.ok).toBe(true);
    expect((await call("get", `/connections/${good.body.id}/schema`)).status).toBe(200);
    const rows = await call("post", `/connections/${good.body.id}/query`, { table: "t", sort: [{ field: "id", dir: "desc" }] });
    expect(rows.body.rows).toEqual([{ id: 2, v: "two" }, { id: 1, v: "one" }]);

    const wrongPassword = `${password}-wrong`;
    const updated = await call("put", `/connections/${good.body.id}`, { password: wrongPassword });
    expect(updated.body.status).toBe("untested");
    const tested = await call("post", `/connections/${good.body.id}/test`);
    expect(tested.body).toMatchObject({ ok: false, reason: "auth" });
    expect(tested.body.error).toMatch(/Wrong user name or password/);
    expect(JSON.stringify(tested.body)).not.toContain("wrong");
    expectErrorShape(await call("post", `/connections/${good.body.id}/schema/refresh`), 502);
  });
});

describe.skipIf(!externalPgUrl)("PostgreSQL given as a URL with a password", () => {
  let database: Awaited<ReturnType<typeof createExternalPg>>;
  beforeAll(async () => {
    database = await createExternalPg(externalPgUrl!);
    await database.sql`create table t (id integer primary key, v text)`;
    await database.sql`insert into t values (1, 'one')`;
  });
  afterAll(() => database?.drop());

  // No wrong-password test here: this machine's PostgreSQL listens on 127.0.0.1 and its socket only, both
  // "trust" in pg_hba.conf, so no path makes it check a password (changing its configuration is not ours to do).
  test("works through the URL form (this server trusts local users, so the password is carried but not checked)", async () => {
    const url = new URL(database.url);
    url.username = "postgres";
    url.password = encodeURIComponent(password);
    url.searchParams.set("sslmode", "disable");
    const created = await call("post", "/connections", { workspaceId, name: "URL", kind: "postgres", url: url.toString() });
    expect(created.body).toMatchObject({ host: "127.0.0.1", database: database.name, user: "postgres" });
    expect((await call("post", `/connections/${created.body.id}/test`)).body.ok).toBe(true);
    expect((await call("post", `/connections/${created.body.id}/query`, { table: "t" })).body.rows).toEqual([{ id: 1, v: "one" }]);
  });
});

// The TLS mode is stored, answered and applied: this machine's servers run without TLS, so each mode that
// insists on it is refused by the adapter's driver, and "prefer" and "disable" connect.
describe.each([
  { kind: "postgres" as const, url: externalPgUrl },
  { kind: "mysql" as const, url: mysqlUrl },
].filter((e) => e.url))("$kind TLS modes against a server without TLS", ({ kind, url }) => {
  test.each(["disable", "prefer", "require", "verify"] as const)("%s", async (tls) => {
    const parsed = new URL(url!);
    const created = await call("post", "/connections", { workspaceId, name: `TLS ${tls}`, kind, host: parsed.hostname, port: Number(parsed.port), user: parsed.username, tls });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.tls).toBe(tls);
    expect((await call("get", `/connections/${created.body.id}`)).body.tls).toBe(tls);
    const tested = await call("post", `/connections/${created.body.id}/test`);
    // mysql2 has no "prefer" (it connects in the clear); PostgreSQL's falls back when the server declines.
    if (tls === "disable" || tls === "prefer") expect(tested.body, JSON.stringify(tested.body)).toMatchObject({ ok: true });
    else expect(tested.body).toMatchObject({ ok: false, reason: "tls_unavailable" });
  });
});

if (!mysqlUrl) skipNotice("TEST_MYSQL_URL", "the wrong-password test against MariaDB");
if (!externalPgUrl) skipNotice("TEST_EXTERNAL_PG_URL", "the PostgreSQL URL test");

describe("secrets", () => {
  test("no answer, log line, audit entry or stored column holds the password", async () => {
    const audit = await call("get", `/audit?workspaceId=${workspaceId}&limit=1000`);
    expect(audit.body.entries.length).toBeGreaterThan(5);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["connection.create", "connection.use"]));
    await call("get", `/connections?workspaceId=${workspaceId}`);
    const db = await getDb();
    const stored = await db.select().from(connections).where(eq(connections.workspaceId, workspaceId));
    expect(stored.length).toBeGreaterThan(3);
    const forms = [password, encodeURIComponent(password), `${password}-wrong`, Buffer.from(password).toString("base64")];
    const everything = [...answers.map((a) => JSON.stringify(a.body)), ...logged, JSON.stringify(stored)];
    for (const text of everything) for (const form of forms) expect(text).not.toContain(form);
  });
});
