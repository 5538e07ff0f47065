import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit and integration tests run on embedded PGlite (in memory, one per test
// file) unless TEST_DATABASE_URL names a real PostgreSQL, as CI's does.
const testDatabaseUrl = process.env.TEST_DATABASE_URL;

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname, "../src"),
      // The real package throws outside React Server Components' bundler condition.
      "server-only": path.resolve(import.meta.dirname, "../src/test/server-only-stub.ts"),
    },
  },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      NODE_ENV: "test",
      // A real PostgreSQL needs a configured key for connection credentials; PGlite in memory makes its own.
      ...(testDatabaseUrl
        ? { DATABASE_URL: testDatabaseUrl, TESSERA_SECRET_KEY: "7465737373657373657373657373657373657373657373657373657373657373" }
        : { DATABASE_URL: "", TESSERA_DATA_DIR: "memory://" }),
      // External connections: limits small enough that the timeout and row-cap tests are quick.
      CONNECTION_QUERY_TIMEOUT_MS: "3000",
      CONNECTION_CONNECT_TIMEOUT_MS: "2000",
      CONNECTION_ROW_CAP: "500",
    },
  },
});
