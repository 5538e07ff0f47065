// npm run bench: each benchmark runs several rounds; the table reports the
// median across rounds of each round's p50 and p95 (the machines are noisy).
// BENCH_DATABASE_URL points at a real PostgreSQL; without it, embedded PGlite.
import os from "node:os";

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
// BENCH_ONLY=text runs only the benchmarks whose name contains it.
const only = (name: string) => !process.env.BENCH_ONLY || name.includes(process.env.BENCH_ONLY);

async function main() {
  if (process.env.BENCH_DATABASE_URL) process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
  else process.env.TESSERA_DATA_DIR ??= "memory://";
  // Loaded only now: the server's settings are read once, when its modules load.
  const { cellUpdates, latencies, median, quantile, throughputs } = await import("./benchmarks");
  const { queryPlanLatencies } = await import("./query-plan");
  const { publishedViewThroughput } = await import("./published-view");
  const { gridBrowserFigures, gridBrowserNames, gridBrowserSkipReason } = await import("./grid-browser");
  const { realtimeBrowserFigures, realtimeBrowserNames, realtimeBrowserSkipReason } = await import("./realtime-browser");
  const database = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite (in memory)";
  console.log(`Tessera benchmarks: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${database}, ${rounds} rounds\n`);
  console.log("| benchmark | iterations/round | p50 ms | p95 ms |");
  console.log("|---|---:|---:|---:|");
  for (const bench of [...latencies, ...cellUpdates, ...queryPlanLatencies].filter((b) => only(b.name))) {
    const state = await bench.setUp();
    const p50s: number[] = [];
    const p95s: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const times: number[] = [];
      for (let i = 0; i < bench.iterations; i++) {
        const started = performance.now();
        await bench.run(state, i);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      p50s.push(quantile(times, 0.5));
      p95s.push(quantile(times, 0.95));
    }
    console.log(`| ${bench.name} | ${bench.iterations} | ${median(p50s).toFixed(2)} | ${median(p95s).toFixed(2)} |`);
  }

  // Rates: fewer rounds (each is large); peak RSS sampled while they run shows whether memory stays flat.
  const throughputRounds = Number(process.env.BENCH_THROUGHPUT_ROUNDS ?? 3);
  console.log(`\n| benchmark | rounds | median rate | peak RSS |`);
  console.log("|---|---:|---:|---:|");
  for (const bench of [...throughputs, publishedViewThroughput].filter((b) => only(b.name))) {
    const state = await bench.setUp();
    const rates: number[] = [];
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    for (let round = 0; round < throughputRounds; round++) {
      const started = performance.now();
      const units = await bench.run(state);
      rates.push(units / ((performance.now() - started) / 1000));
    }
    clearInterval(sampler);
    console.log(`| ${bench.name} | ${throughputRounds} | ${Math.round(median(rates)).toLocaleString("en")} ${bench.unit} | ${Math.round(peak / 2 ** 20)} MiB |`);
  }

  // In the browser: one page load a round gives every figure, each over the rounds (see grid-browser.ts).
  if (gridBrowserNames.some(only)) {
    const skip = gridBrowserSkipReason();
    if (skip) console.log(`\nBrowser benchmarks skipped: ${skip}.`);
    else {
      const { figures, notes } = await gridBrowserFigures(rounds);
      console.log(`\n| benchmark | runs | p50 ms | p95 ms | max ms |`);
      console.log("|---|---:|---:|---:|---:|");
      for (const f of figures) console.log(`| ${f.name} | ${f.runs} | ${f.p50.toFixed(1)} | ${f.p95.toFixed(1)} | ${f.max.toFixed(1)} |`);
      for (const note of notes) console.log(`\n${note}`);
    }
  }
  if (realtimeBrowserNames.some(only)) {
    const skip = realtimeBrowserSkipReason();
    if (skip) console.log(`\nRealtime benchmarks skipped: ${skip}.`);
    else {
      const { figures, notes } = await realtimeBrowserFigures();
      console.log(`\n| benchmark | edits | p50 ms | p95 ms | max ms |`);
      console.log("|---|---:|---:|---:|---:|");
      for (const f of figures) console.log(`| ${f.name} | ${f.runs} | ${f.p50.toFixed(1)} | ${f.p95.toFixed(1)} | ${f.max.toFixed(1)} |`);
      for (const note of notes) console.log(`\n${note}`);
    }
  }
  process.exit(0);
}

void main();
