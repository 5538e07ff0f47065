import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { type Browser, chromium } from "@playwright/test";
import { call, median, quantile } from "./benchmarks";
import { planTable, planTableLabel } from "./query-plan";

// The grid on a 1,000,000-row table in Chromium (issue 5, "Speed"): the
// production app (`next build`, `next start`) on BENCH_DATABASE_URL, the
// table shared with the query-plan benchmarks, its default grid view. Every
// run opens it in a fresh browser context (the page's cache cold; the server
// warmed by one navigation first, not counted), times the first rows painted,
// then scrolls 10,000 rows and records every frame. BENCH_APP_URL uses a
// server already running on the same database instead of building one.

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const root = path.resolve(import.meta.dirname, "..");
const scrollRows = 10_000;
// 2,000 rows a second, by the clock (a slow frame does not slow the scroll):
// at 60 frames a second about a screenful of new rows every frame.
const scrollMs = 5_000;

/** One table line: p50, p95 and max in ms, as run.ts prints them. */
export type BrowserFigure = { name: string; runs: number; p50: number; p95: number; max: number };

export const chromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Why the browser benchmarks cannot run here, or null when they can. */
export function gridBrowserSkipReason(): string | null {
  if (!process.env.BENCH_DATABASE_URL) return "needs BENCH_DATABASE_URL (the app server and the benchmark share the database)";
  if (!existsSync(chromiumPath)) return `needs Chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  return null;
}

const label = `${planTableLabel}, its grid in Chromium`;
export const gridBrowserNames = [
  `${label}: navigation to first rows painted`,
  `${label}: frame time scrolling ${scrollRows.toLocaleString("en")} rows in ${scrollMs / 1000} s (rAF deltas)`,
  `${label}: longest animation frame in that scroll (LoAF)`,
  `${label}: rows in sight painted after the scroll stops`,
];

const p95 = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.95);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", resolve));
}

/**
 * A server in its own process group (npx and what it runs), killed with it
 * also when something else ends the benchmark first (process.exit included);
 * resolves once `health` answers, within a minute.
 */
export async function startService(command: string, args: string[], env: NodeJS.ProcessEnv, health: string): Promise<() => Promise<void>> {
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "ignore", "inherit"], detached: true });
  const gone = exited(child);
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!);
  };
  process.once("exit", kill);
  const stop = async () => {
    process.off("exit", kill);
    kill();
    await gone;
  };
  for (let tries = 0; tries < 600; tries++) {
    if (child.exitCode !== null) break;
    if (await fetch(health).then((r) => r.ok, () => false)) return stop;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`${command} ${args.join(" ")} did not answer ${health} within a minute (exit code ${child.exitCode})`);
}

/** `npm run build`, then `next start` on a free port; resolves once it answers /api/health. `extraEnv` reaches the build too (NEXT_PUBLIC_ variables are inlined there). */
export async function startApp(extraEnv: Record<string, string> = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  const env = { ...process.env, DATABASE_URL: process.env.BENCH_DATABASE_URL, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv };
  const build = spawn("npm", ["run", "build"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  if ((await exited(build)) !== 0) throw new Error("npm run build failed");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return { url, stop: await startService("npx", ["next", "start", "-p", String(port)], env, `${url}/api/health`) };
}

// Runs in the page before its scripts: resolves with the moment the first
// grid cell with text was painted. The cell's text gets an `elementtiming`
// mark as it enters the DOM (a mutation observer runs before the next
// rendering), so the browser's Element Timing entry reports when that frame
// was painted, in ms since the navigation started (performance.timeOrigin).
function watchFirstRows() {
  const w = window as unknown as { firstRowsPainted: Promise<number> };
  w.firstRowsPainted = new Promise((resolve) => {
    new PerformanceObserver((list) => {
      const entry = list.getEntries().find((e) => (e as PerformanceEntry & { identifier: string }).identifier === "first-rows");
      if (entry) resolve((entry as PerformanceEntry & { renderTime: number }).renderTime);
    }).observe({ type: "element", buffered: true });
    const cells = new MutationObserver(() => {
      for (const cell of document.querySelectorAll("[role=gridcell]")) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT, (n) => (n.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP));
        const text = walker.nextNode();
        if (!text?.parentElement) continue;
        text.parentElement.setAttribute("elementtiming", "first-rows");
        cells.disconnect();
        return;
      }
    });
    cells.observe(document, { childList: true, subtree: true, characterData: true });
  });
}

type ScrollResult = { frames: number[]; longFrames: number[] | null; inSight: number; paintedAfter: number };

// Runs in the page: scrolls the grid `rows` rows down in `ms`, timing every
// frame by requestAnimationFrame deltas (and Long Animation Frame entries,
// frames over 50 ms, where this Chromium has them); then waits until every
// row in sight shows its primary cell (the pages load once scrolling pauses).
async function scrollGrid({ rows, ms }: { rows: number; ms: number }): Promise<ScrollResult> {
  const grid = document.querySelector<HTMLElement>("[role=grid]")!;
  const rowHeight = Number.parseFloat(getComputedStyle(grid).getPropertyValue("--row-height"));
  // A grid too tall for the browser scrolls a scaled space (src/components/grid/scaled-scroll.ts): 10,000 rows are fewer pixels of it.
  const header = grid.querySelector("[role=row]")!.getBoundingClientRect().height;
  const rowsHeight = (Number(grid.getAttribute("aria-rowcount")) - 1) * rowHeight;
  const scale = Math.max(1, (header + rowsHeight - grid.clientHeight) / (grid.scrollHeight - grid.clientHeight));
  const longFrames: number[] | null = PerformanceObserver.supportedEntryTypes.includes("long-animation-frame") ? [] : null;
  const loaf = new PerformanceObserver((list) => longFrames?.push(...list.getEntries().map((e) => e.duration)));
  if (longFrames) loaf.observe({ type: "long-animation-frame" });
  // No function declared in here: tsx would wrap it in a helper the page lacks.
  const frames: number[] = [];
  const start = await new Promise<number>(requestAnimationFrame);
  for (let last = start, progress = 0; progress < 1; ) {
    // A microtask of the frame's requestAnimationFrame callback: the scroll lands in that frame.
    const now = await new Promise<number>(requestAnimationFrame);
    frames.push(now - last);
    last = now;
    progress = Math.min(1, (now - start) / ms);
    grid.scrollTop = (progress * rows * rowHeight) / scale;
  }
  const stopped = performance.now();
  // Rows below the sticky header row and above the grid's bottom edge, until each shows its primary cell.
  const top = grid.querySelector("[role=row]")!.getBoundingClientRect().bottom;
  const bottom = grid.getBoundingClientRect().bottom;
  let inSight = 0;
  for (;;) {
    await new Promise(requestAnimationFrame);
    const sight = [...grid.querySelectorAll("[role=row]:not([aria-rowindex='1'])")].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.bottom > top && r.top < bottom;
    });
    inSight = sight.length;
    // None in sight yet is not done: the rows at the stop may not be rendered yet.
    if (inSight > 0 && sight.every((row) => row.querySelector("[role=gridcell]")?.textContent?.trim())) break;
    if (performance.now() - stopped > 10_000) throw new Error("rows in sight still blank 10 s after the scroll stopped");
  }
  const paintedAfter = performance.now() - stopped;
  if (longFrames) {
    longFrames.push(...loaf.takeRecords().map((e) => e.duration));
    loaf.disconnect();
  }
  return { frames, longFrames, inSight, paintedAfter };
}

type Run = { firstRows: number; timeline: { html: number; rowsAsked: number; rowsAnswered: number } } & ScrollResult;

async function measureRun(browser: Browser, url: string, cookie: string): Promise<Run> {
  const [name, value] = cookie.split("=") as [string, string];
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    await context.addCookies([{ name, value, url: new URL(url).origin }]);
    const page = await context.newPage();
    await page.addInitScript(watchFirstRows);
    await page.goto(url);
    const firstRows = await page.evaluate(() =>
      Promise.race([
        (window as unknown as { firstRowsPainted: Promise<number> }).firstRowsPainted,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no grid cell with text painted within 30 s")), 30_000)),
      ]),
    );
    // Where the time went: the page's HTML answered, then (when the page did not bring them) the first page of rows asked for and answered.
    const timeline = await page.evaluate(() => {
      const rows = performance.getEntriesByType("resource").find((e) => e.name.includes("/api/trpc/row.list")) as PerformanceResourceTiming | undefined;
      return { html: performance.getEntriesByType("navigation")[0]!.toJSON().responseEnd as number, rowsAsked: rows?.startTime ?? NaN, rowsAnswered: rows?.responseEnd ?? NaN };
    });
    // Scrolling starts on a settled page: the count shown, the first pages' requests answered.
    await page.getByText(/^[\d,]+ rows$/).waitFor();
    await page.waitForLoadState("networkidle");
    return { firstRows, timeline, ...(await page.evaluate(scrollGrid, { rows: scrollRows, ms: scrollMs })) };
  } finally {
    await context.close();
  }
}

/** Sets everything up, measures `runs` runs and closes it all again; a figure per name in `gridBrowserNames` (LoAF where supported). */
export async function gridBrowserFigures(runs: number): Promise<{ figures: BrowserFigure[]; notes: string[] }> {
  // The build and the import side by side: neither is measured.
  const [s, app] = await Promise.all([
    planTable(),
    process.env.BENCH_APP_URL ? { url: process.env.BENCH_APP_URL.replace(/\/$/, ""), stop: async () => {} } : startApp(),
  ]);
  const { views } = (await (await call("GET", `/views?tableId=${s.tableId}`, { cookie: s.cookie })).json()) as {
    views: Array<{ id: string; type: string; filter: unknown; sort: unknown[] }>;
  };
  // The table's own grid view: no filter, no sort (the query-plan view has both).
  const view = views.find((v) => v.type === "grid" && !v.filter && v.sort.length === 0);
  if (!view) {
    await app.stop();
    throw new Error("the table has no plain grid view");
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
  });
  try {
    const viewUrl = `${app.url}/w/${s.workspaceId}/b/${s.baseId}/t/${s.tableId}/v/${view.id}`;
    await measureRun(browser, viewUrl, s.cookie);
    const measured: Run[] = [];
    for (let i = 0; i < runs; i++) measured.push(await measureRun(browser, viewUrl, s.cookie));
    const firstRows = measured.map((r) => r.firstRows);
    const frames = measured.map((r) => r.frames);
    const longest = measured.map((r) => (r.longFrames?.length ? Math.max(...r.longFrames) : 0));
    const painted = measured.map((r) => r.paintedAfter);
    const figures: BrowserFigure[] = [
      { name: gridBrowserNames[0]!, runs, p50: median(firstRows), p95: p95(firstRows), max: Math.max(...firstRows) },
      {
        name: gridBrowserNames[1]!,
        runs,
        p50: median(frames.map(median)),
        p95: median(frames.map(p95)),
        max: median(frames.map((f) => Math.max(...f))),
      },
      // Each run's longest frame over 50 ms, 0 when none was; left out where this Chromium reports none at all.
      ...(measured[0]!.longFrames ? [{ name: gridBrowserNames[2]!, runs, p50: median(longest), p95: p95(longest), max: Math.max(...longest) }] : []),
      { name: gridBrowserNames[3]!, runs, p50: median(painted), p95: p95(painted), max: Math.max(...painted) },
    ];
    const at = (pick: (t: Run["timeline"]) => number) => median(measured.map((r) => pick(r.timeline))).toFixed(0);
    const notes = [
      `first rows, medians in ms since navigation start: the page's HTML received ${at((t) => t.html)}, ${
        measured.some((r) => Number.isNaN(r.timeline.rowsAsked))
          ? "the first page of rows in it (no row.list request)"
          : `the first page of rows asked for ${at((t) => t.rowsAsked)} and received ${at((t) => t.rowsAnswered)}`
      }, painted ${median(firstRows).toFixed(0)}`,
      `frames a scroll: median ${median(measured.map((r) => r.frames.length))}; long animation frames (over 50 ms) a scroll: ${
        measured[0]!.longFrames ? `median ${median(measured.map((r) => r.longFrames!.length))}` : "not reported by this Chromium"
      }; rows in sight when it stopped: median ${median(measured.map((r) => r.inSight))}`,
    ];
    return { figures, notes };
  } finally {
    await browser.close();
    await app.stop();
  }
}
