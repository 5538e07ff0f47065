import { type Client, createClient } from "@liveblocks/client";
import { type Browser, chromium, type Page } from "@playwright/test";
// Node 20 has no WebSocket of its own (without a flag); undici's is the one later Node versions ship.
import { WebSocket } from "undici";
import { tableRoomId } from "@/lib/realtime/room-id";
import { call, median, quantile } from "./benchmarks";
import { chromiumArgs, chromiumPath, freePort, gridBrowserSkipReason, startApp, startService } from "./grid-browser";
import { arrivingPresence } from "@/lib/realtime/presence";

// Issue 7, "Speed": from one person's committed cell edit to the new value
// painted in another person's grid, through the real local Liveblocks dev
// server (started here, as the Playwright config does) and the production
// app built against it. Two pages in Chromium, each its own browser context
// and user: the writer types into a cell and presses Enter; its write's
// answer (the commit) is timed inside the page, and the reader's page times
// the frame in which the cell shows the new text (a MutationObserver, then
// the next animation frame). Both read the same clock (timeOrigin + now).
// The second run has 50 more members in the room: @liveblocks/client
// connections from Node, signed in through the app's own auth endpoint, each
// subscribed to the room's storage as a grid is (so every event goes to 52
// clients). They do not read rows back: what is measured is what crowding
// the room costs the two people, not 50 grids' reads of the app server.

const edits = Number(process.env.BENCH_REALTIME_EDITS ?? 100);
const crowd = 50;
const rowsInTable = 10;

export const realtimeBrowserNames = [
  "realtime: committed edit to painted cell in another browser (2 clients)",
  "realtime: request sent to painted cell in another browser (2 clients)",
  `realtime: committed edit to painted cell in another browser (${crowd + 2} clients in the room)`,
  `realtime: request sent to painted cell in another browser (${crowd + 2} clients in the room)`,
];

export type LatencyFigure = { name: string; runs: number; p50: number; p95: number; max: number };

/** `liveblocks dev` on a free port; resolves once it answers /health. */
async function startLiveblocks(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  return { url, stop: await startService("npx", ["liveblocks", "dev", "--port", String(port), "--no-persist", "--no-check"], process.env, `${url}/health`) };
}

async function signedUp(label: string) {
  const email = `bench-rt-${label}-${crypto.randomUUID()}@example.test`;
  const res = await call("POST", "/auth/signup", { body: { email, password: "benchmark password", name: `Bench ${label}` } });
  return { email, cookie: res.headers.get("set-cookie")!.split(";")[0]! };
}

/** A workspace with a writer and a reader (editors both), a small table and its grid view. */
async function setUp() {
  const writer = await signedUp("writer");
  const reader = await signedUp("reader");
  const ws = (await (await call("POST", "/workspaces", { body: { name: "Realtime bench" }, cookie: writer.cookie })).json()) as { id: string };
  await call("POST", `/workspaces/${ws.id}/members`, { body: { email: reader.email, role: "editor" }, cookie: writer.cookie });
  const base = (await (await call("POST", "/bases", { body: { workspaceId: ws.id, name: "Bench" }, cookie: writer.cookie })).json()) as { id: string };
  const table = (await (
    await call("POST", "/tables", { body: { baseId: base.id, name: "Live", fields: [{ name: "Name", type: "text" }, { name: "Notes", type: "text" }] }, cookie: writer.cookie })
  ).json()) as { id: string };
  const rows = Array.from({ length: rowsInTable }, (_, i) => ({ fields: { Name: `row ${i}`, Notes: "" } }));
  await call("POST", `/tables/${table.id}/rows`, { body: { rows }, cookie: writer.cookie });
  const { views } = (await (await call("GET", `/views?tableId=${table.id}`, { cookie: writer.cookie })).json()) as { views: Array<{ id: string; type: string }> };
  const view = views.find((v) => v.type === "grid")!;
  return { writer, reader, workspaceId: ws.id, baseId: base.id, tableId: table.id, viewId: view.id };
}

type Timed = { sent: number; answered: number };

// Runs in a page before its scripts: when each request for `procedure` was sent and its answer arrived
// (the writer's row.update: the commit; the reader's row.byIds: the changed row read back).
// No function declared in here or in paintedWhen: tsx would wrap it in a helper the page lacks.
function watchRequests(procedure: string) {
  const w = window as unknown as { requests: Timed[] };
  w.requests = [];
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.includes(procedure)) return original(input, init);
    const sent = performance.timeOrigin + performance.now();
    const response = await original(input, init);
    w.requests.push({ sent, answered: performance.timeOrigin + performance.now() });
    return response;
  };
}

const requestsSoFar = (page: Page) => page.evaluate(() => (window as unknown as { requests: Timed[] }).requests.length);

// Runs in the reader's page: watches, before the edit is made, for the frame in which the cell at `row`
// (the grid's primary column) first shows `text`; `window.painted` resolves with it.
function paintedWhen({ row, text }: { row: number; text: string }) {
  (window as unknown as { painted: Promise<number> }).painted = new Promise((resolve, reject) => {
    const selector = `[role="row"][aria-rowindex="${row + 2}"] [role="gridcell"][aria-colindex="1"]`;
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`row ${row} did not show "${text}" within 10 s`));
    }, 10_000);
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector)?.textContent?.trim() !== text) return;
      observer.disconnect();
      clearTimeout(timer);
      // The first frame after the change: where it is painted.
      requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
    });
    observer.observe(document.querySelector("[role=grid]")!, { childList: true, subtree: true, characterData: true });
  });
}

const cell = (page: Page, row: number) => page.locator(`[role="row"][aria-rowindex="${row + 2}"] [role="gridcell"][aria-colindex="1"]`);

async function openGrid(browser: Browser, appUrl: string, cookie: string, viewUrl: string, watched: string) {
  const [name, value] = cookie.split("=") as [string, string];
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addCookies([{ name, value, url: appUrl }]);
  const page = await context.newPage();
  await page.addInitScript(watchRequests, watched);
  await page.goto(viewUrl);
  await cell(page, 0).getByText("row 0").waitFor();
  return { page, close: () => context.close() };
}

/** `count` members of the room from Node, each signed in through the app's auth endpoint and subscribed to the room's storage. */
async function joinCrowd(appUrl: string, liveblocksUrl: string, cookie: string, roomId: string, count: number) {
  const clients: Client[] = [];
  const leaves: Array<() => void> = [];
  let heard = 0;
  for (let i = 0; i < count; i++) {
    const client = createClient({
      baseUrl: liveblocksUrl,
      polyfills: { WebSocket: WebSocket as never },
      authEndpoint: async (room) => {
        const res = await fetch(`${appUrl}/api/liveblocks-auth`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ room }) });
        if (!res.ok) throw new Error(`auth: ${res.status}`);
        return (await res.json()) as { token: string };
      },
    });
    const { room, leave } = client.enterRoom(roomId, { initialPresence: arrivingPresence("") });
    const { root } = await room.getStorage();
    room.subscribe(root, () => void (heard += 1));
    clients.push(client);
    leaves.push(leave);
  }
  return { heard: () => heard, leave: () => leaves.forEach((leave) => leave()) };
}

/** Per edit, in ms from the writer's request: its answer (the commit), the reader asking for the row and having it, and the cell painted. */
type EditTimes = { committed: number; asked: number; read: number; painted: number };

async function measureEdits(writer: Page, reader: Page, label: string, count = edits): Promise<EditTimes[]> {
  const times: EditTimes[] = [];
  for (let i = 0; i < count; i++) {
    const row = i % rowsInTable;
    const text = `${label} edit ${i}`;
    await reader.evaluate(paintedWhen, { row, text });
    const [writes, reads] = await Promise.all([requestsSoFar(writer), requestsSoFar(reader)]);
    await cell(writer, row).click();
    await writer.keyboard.type(text);
    await writer.keyboard.press("Enter");
    const painted = await reader.evaluate(() => (window as unknown as { painted: Promise<number> }).painted);
    const write = (await (await writer.waitForFunction((n) => (window as unknown as { requests: Timed[] }).requests[n], writes)).jsonValue()) as Timed;
    // The read that brought the value: the last one answered before the paint (none when a page re-read brought it).
    const read = (await reader.evaluate((n) => (window as unknown as { requests: Timed[] }).requests.slice(n), reads)).filter((r) => r.answered <= painted).at(-1);
    times.push({ committed: write.answered - write.sent, asked: (read?.sent ?? NaN) - write.sent, read: (read?.answered ?? NaN) - write.sent, painted: painted - write.sent });
  }
  return times;
}

export function realtimeBrowserSkipReason(): string | null {
  return gridBrowserSkipReason();
}

const p95 = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.95);

/** Both runs (2 clients, then 52), each `edits` edits; latencies in ms. */
export async function realtimeBrowserFigures(): Promise<{ figures: LatencyFigure[]; notes: string[] }> {
  const liveblocksServer = await startLiveblocks();
  const [s, app] = await Promise.all([setUp(), startApp({ LIVEBLOCKS_SECRET_KEY: "sk_localdev", NEXT_PUBLIC_LIVEBLOCKS_BASE_URL: liveblocksServer.url })]);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const viewUrl = `${app.url}/w/${s.workspaceId}/b/${s.baseId}/t/${s.tableId}/v/${s.viewId}`;
  try {
    const writer = await openGrid(browser, app.url, s.writer.cookie, viewUrl, "row.update");
    const reader = await openGrid(browser, app.url, s.reader.cookie, viewUrl, "row.byIds");
    // What the reader asks the app for while edits arrive: a row by id for each, not its pages again.
    const asked = { byIds: 0, list: 0 };
    reader.page.on("request", (request) => {
      if (request.url().includes("row.byIds")) asked.byIds += 1;
      if (request.url().includes("row.list")) asked.list += 1;
    });
    // Both in the room before the first edit: each sees the other's avatar.
    for (const page of [writer.page, reader.page]) await page.getByRole("list", { name: "Also on this table" }).getByRole("listitem").first().waitFor();
    // Warm-up (not counted): the first edits compile and cache what the later ones reuse.
    await measureEdits(writer.page, reader.page, "warm-up", 10);
    const warm = { ...asked };
    const pair = await measureEdits(writer.page, reader.page, "pair");
    const crowdClients = await joinCrowd(app.url, liveblocksServer.url, s.reader.cookie, tableRoomId(s.workspaceId, s.tableId), crowd);
    const heardBefore = crowdClients.heard();
    const crowded = await measureEdits(writer.page, reader.page, "crowd");
    const heard = crowdClients.heard() - heardBefore;
    crowdClients.leave();
    await writer.close();
    await reader.close();
    const figure = (name: string, xs: number[]): LatencyFigure => ({ name, runs: xs.length, p50: median(xs), p95: p95(xs), max: Math.max(...xs) });
    const fromCommit = (ts: EditTimes[]) => ts.map((t) => t.painted - t.committed);
    const phases = (ts: EditTimes[]) => {
      const at = (pick: (t: EditTimes) => number) => median(ts.map(pick).filter((x) => !Number.isNaN(x))).toFixed(0);
      return `write answered ${at((t) => t.committed)}, reader asks for the row ${at((t) => t.asked)}, has it ${at((t) => t.read)}, cell painted ${at((t) => t.painted)}`;
    };
    return {
      figures: [
        figure(realtimeBrowserNames[0]!, fromCommit(pair)),
        figure(realtimeBrowserNames[1]!, pair.map((t) => t.painted)),
        figure(realtimeBrowserNames[2]!, fromCommit(crowded)),
        figure(realtimeBrowserNames[3]!, crowded.map((t) => t.painted)),
      ],
      notes: [
        `realtime, medians in ms from the writer's request: 2 clients: ${phases(pair)}; ${crowd + 2} clients: ${phases(crowded)}`,
        `realtime: the reader asked for rows by id ${asked.byIds - warm.byIds} times and for pages ${asked.list - warm.list} times during the ${2 * edits} measured edits`,
        `realtime: the ${crowd} Node members of the room heard ${heard} storage updates during the ${edits} crowded edits (${(heard / crowd / edits).toFixed(2)} per member per edit)`,
      ],
    };
  } finally {
    await browser.close();
    await app.stop();
    await liveblocksServer.stop();
  }
}
