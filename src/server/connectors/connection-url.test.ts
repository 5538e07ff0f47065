import { describe, expect, test } from "vitest";
import { AppError } from "../errors";
import { configFromInput, parseConnectionUrl } from "./connection-url";

const password = "p@ss:w/rd%";

describe("connection URLs", () => {
  test("PostgreSQL, with percent-encoded credentials and sslmode", () => {
    expect(parseConnectionUrl("postgres", `postgresql://ann:${encodeURIComponent(password)}@db.example:6543/shop?sslmode=require`)).toEqual({
      kind: "postgres",
      host: "db.example",
      port: 6543,
      user: "ann",
      password,
      database: "shop",
      tls: "require",
    });
  });

  test("MySQL defaults: port 3306, TLS preferred; MongoDB keeps its options and SRV", () => {
    expect(parseConnectionUrl("mysql", "mysql://root@127.0.0.1/app")).toMatchObject({ port: 3306, tls: "prefer", user: "root", password: undefined });
    expect(parseConnectionUrl("mongodb", "mongodb+srv://u:p@cluster.example/app?authSource=admin&tls=true")).toMatchObject({
      srv: true,
      port: undefined,
      tls: "verify",
      options: { authSource: "admin" },
      database: "app",
    });
  });

  test("TLS modes from a URL: libpq's sslmode, or a driver's tls flag (which checks the certificate unless told not to)", () => {
    const tls = (kind: "postgres" | "mysql" | "mongodb", url: string) => parseConnectionUrl(kind, url).tls;
    expect(tls("postgres", "postgres://h/d?sslmode=disable")).toBe("disable");
    expect(tls("postgres", "postgres://h/d?sslmode=require")).toBe("require");
    expect(tls("postgres", "postgres://h/d?sslmode=verify-full")).toBe("verify");
    expect(tls("postgres", "postgres://h/d?sslmode=verify-ca")).toBe("verify");
    expect(tls("mysql", "mysql://h/d?ssl=true")).toBe("verify");
    expect(tls("mongodb", "mongodb://h/d?tls=true&tlsAllowInvalidCertificates=true")).toBe("require");
    expect(parseConnectionUrl("mongodb", "mongodb://h/d?tls=true&tlsInsecure=true").options).toEqual({});
    expect(() => tls("postgres", "postgres://h/d?sslmode=sometimes")).toThrow(/sslmode must be/);
  });

  test.each([
    ["postgres", `mysql://u:${encodeURIComponent(password)}@h/db`, /starts with postgres:\/\/ or postgresql:\/\//],
    ["mysql", `no url ${password}`, /expected mysql:\/\//],
    ["postgres", "postgres://u@h/db?application_name=x", /option "application_name" is not supported/],
    ["mongodb", "mongodb://h1,h2/db", /several hosts/],
    ["postgres", "postgres://u@h/db?sslmode=maybe", /sslmode/],
  ] as const)("%s %s is refused without repeating the URL", (kind, url, message) => {
    try {
      parseConnectionUrl(kind, url);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toMatch(message);
      expect((error as AppError).message).not.toContain(password);
      expect((error as AppError).message).not.toContain(encodeURIComponent(password));
    }
  });

  test("fields: an update keeps what it is not given", () => {
    const current = configFromInput("postgres", { host: "h", user: "u", password, database: "d" });
    expect(current).toMatchObject({ port: 5432, tls: "prefer" });
    expect(configFromInput("postgres", { database: "other" }, current)).toEqual({ ...current, database: "other" });
    expect(() => configFromInput("postgres", { user: "u" })).toThrow(/url, or its host/);
  });
});
