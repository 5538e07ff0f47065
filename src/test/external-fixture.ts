import { type ExternalMysql, type ExternalPg, seeded } from "./external-databases";

/**
 * The same realistic data in an external PostgreSQL and an external MariaDB:
 * customers and their orders (a foreign key), unicode, nulls, dates,
 * instants and decimals; a table whose names are built to break quoting; a
 * large table for the row cap; and views for the timeout.
 */

export const hostileTable = 'we"ird `tab\'le';
export const hostileColumns = { quoted: 'col "quoted"', space: "sp ace", semicolon: "semi;colon", backtick: "back`tick" } as const;
export const numbersCount = 5000;

export type Customer = { id: number; name: string; email: string | null; country: string | null; vip: boolean; joined_on: string | null; created_at: string | null; balance: number | null };
export type Order = { id: number; customer_id: number | null; total: number | null; placed_at: string | null; note: string | null; status: string };

const names = ["Zoë", "Ørsted", "北京 Trading", "Ann", "bob", "O'Brien", "Smith; DROP TABLE customers", "🎉 Party", "Émile", "Åsa"];
const countries = ["FR", "DE", "JP", "US", null];
const notes = [null, "", "fragile", "'; drop table orders; --", "50% off", "under_score", 'say "hi"', "emoji 😀", "back\\slash", "日本語"];
const statuses = ["new", "paid", "shipped", "cancelled"];

export function fixtureData() {
  const random = seeded(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const day = (offset: number) => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
  const instant = () => new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 400 * 86_400_000)).toISOString();
  const customers: Customer[] = Array.from({ length: 120 }, (_, i) => ({
    id: i + 1,
    name: `${pick(names)} ${i + 1}`,
    email: random() < 0.2 ? null : `c${i + 1}@example.test`,
    country: pick(countries),
    vip: random() < 0.3,
    joined_on: random() < 0.1 ? null : day(Math.floor(random() * 700) - 350),
    created_at: random() < 0.1 ? null : instant(),
    balance: random() < 0.15 ? null : Math.round((random() * 20_000 - 5000) * 100) / 100,
  }));
  const orders: Order[] = Array.from({ length: 300 }, (_, i) => ({
    id: i + 1,
    customer_id: random() < 0.05 ? null : 1 + Math.floor(random() * customers.length),
    total: random() < 0.1 ? null : Math.round(random() * 50_000) / 100,
    placed_at: random() < 0.1 ? null : instant(),
    note: pick(notes),
    status: pick(statuses),
  }));
  const hostileRows = Array.from({ length: 12 }, (_, i) => ({
    [hostileColumns.space]: i + 1,
    [hostileColumns.quoted]: `${pick(["a", "b", "c"])}${i}`,
    [hostileColumns.semicolon]: i % 3 === 0 ? "'; drop table customers; --" : `v${i}`,
    [hostileColumns.backtick]: i % 2 ? "x`y" : null,
  }));
  return { customers, orders, hostileRows };
}

export type FixtureData = ReturnType<typeof fixtureData>;

const pgIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const myIdent = (name: string) => `\`${name.replace(/`/g, "``")}\``;

export async function seedPostgres(db: ExternalPg, data: FixtureData): Promise<void> {
  const { sql } = db;
  await sql`create table customers (id integer primary key, name text not null, email text, country text, vip boolean not null,
    joined_on date, created_at timestamptz, balance numeric(12, 2))`;
  await sql`create table orders (id integer primary key, customer_id integer references customers (id), total numeric(10, 2),
    placed_at timestamptz, note text, status text not null)`;
  await sql`insert into customers ${sql(data.customers)}`;
  await sql`insert into orders ${sql(data.orders)}`;
  const h = hostileColumns;
  await sql.unsafe(`create table ${pgIdent(hostileTable)} (${pgIdent(h.quoted)} text, ${pgIdent(h.space)} integer primary key,
    ${pgIdent(h.semicolon)} text, ${pgIdent(h.backtick)} text)`);
  await sql`insert into ${sql(hostileTable)} ${sql(data.hostileRows)}`;
  await sql`create table numbers (n integer primary key)`;
  await sql`insert into numbers select generate_series(1, ${numbersCount})`;
  await sql`create view big_orders as select * from orders where total > 100`;
  await sql`create view slow as select 1 as id, pg_sleep(30)::text as s`;
}

export async function seedMysql(db: ExternalMysql, data: FixtureData): Promise<void> {
  const { run } = db;
  await run(`CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(200) NOT NULL, email VARCHAR(200), country VARCHAR(20), vip BOOLEAN NOT NULL,
    joined_on DATE, created_at DATETIME(3), balance DECIMAL(12, 2)) ENGINE=InnoDB`);
  await run(`CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, total DECIMAL(10, 2), placed_at DATETIME(3), note TEXT, status VARCHAR(20) NOT NULL,
    CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)) ENGINE=InnoDB`);
  const mysqlInstant = (iso: string | null) => (iso === null ? null : iso.slice(0, 23).replace("T", " "));
  await run("INSERT INTO customers (id, name, email, country, vip, joined_on, created_at, balance) VALUES ?", [
    data.customers.map((c) => [c.id, c.name, c.email, c.country, c.vip, c.joined_on, mysqlInstant(c.created_at), c.balance]),
  ]);
  await run("INSERT INTO orders (id, customer_id, total, placed_at, note, status) VALUES ?", [
    data.orders.map((o) => [o.id, o.customer_id, o.total, mysqlInstant(o.placed_at), o.note, o.status]),
  ]);
  const h = hostileColumns;
  await run(`CREATE TABLE ${myIdent(hostileTable)} (${myIdent(h.quoted)} TEXT, ${myIdent(h.space)} INT PRIMARY KEY,
    ${myIdent(h.semicolon)} TEXT, ${myIdent(h.backtick)} TEXT)`);
  await run(`INSERT INTO ${myIdent(hostileTable)} (${[h.quoted, h.space, h.semicolon, h.backtick].map(myIdent).join(", ")}) VALUES ?`, [
    data.hostileRows.map((r) => [r[h.quoted], r[h.space], r[h.semicolon], r[h.backtick]]),
  ]);
  await run("CREATE TABLE numbers (n INT PRIMARY KEY)");
  await run("INSERT INTO numbers (n) VALUES ?", [Array.from({ length: numbersCount }, (_, i) => [i + 1])]);
  await run("CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100");
  await run("CREATE VIEW slow AS SELECT n AS id, SLEEP(30) AS s FROM numbers WHERE n <= 2");
}
