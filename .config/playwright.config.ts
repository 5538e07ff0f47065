import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// The app under test runs as a production build on its own port. It uses the
// PostgreSQL database in E2E_DATABASE_URL (or DATABASE_URL) when given, and
// otherwise embedded PGlite in a fresh data directory, so runs share no state.
const databaseUrl = process.env.E2E_DATABASE_URL || process.env.DATABASE_URL;
// E2E_PORT lets several checkouts run their browser tests side by side.
const port = Number(process.env.E2E_PORT ?? 3100);
const root = path.resolve(import.meta.dirname, "..");
// The real Liveblocks dev server, beside the app: the build turns realtime on for every spec, as a deployment would.
const liveblocksPort = Number(process.env.E2E_LIVEBLOCKS_PORT ?? port + 10_000);
const liveblocksUrl = `http://localhost:${liveblocksPort}`;

// With a shared PostgreSQL the app needs a configured key for connection credentials (a fixed one for tests).
const serverEnv: Record<string, string> = databaseUrl
  ? { DATABASE_URL: databaseUrl, TESSERA_SECRET_KEY: process.env.TESSERA_SECRET_KEY ?? "e2e0".repeat(16) }
  : { DATABASE_URL: "", TESSERA_DATA_DIR: process.env.E2E_DATA_DIR ?? `.data/e2e-${Date.now()}` };

export default defineConfig({
  testDir: path.join(root, "e2e"),
  outputDir: path.join(root, "test-results"),
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: (process.env.PLAYWRIGHT_REPORTER as "list" | undefined) ?? "list",
  use: {
    ...devices["Desktop Chrome"],
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: `npx liveblocks dev --port ${liveblocksPort} --no-persist --no-check`,
      cwd: root,
      url: `${liveblocksUrl}/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `npm run build && npx next start -p ${port}`,
      cwd: root,
      url: `http://localhost:${port}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { ...serverEnv, NEXT_TELEMETRY_DISABLED: "1", LIVEBLOCKS_SECRET_KEY: "sk_localdev", NEXT_PUBLIC_LIVEBLOCKS_BASE_URL: liveblocksUrl },
    },
  ],
});
