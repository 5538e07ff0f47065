// npm run bench: each benchmark runs several rounds; the table reports the
// median across rounds of each round's p50 and p95 (the machines are noisy).
// BENCH_DATABASE_URL points at a real PostgreSQL; without it, embedded PGlite.
import os from "node:os";
import { benchmarks } from "./benchmarks";

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);

async function main() {
  if (process.env.BENCH_DATABASE_URL) process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
  else process.env.TESSERA_DATA_DIR ??= "memory://";
  const database = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite (in memory)";
  console.log(`Tessera benchmarks: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${database}, ${rounds} rounds\n`);
  console.log("| benchmark | iterations/round | p50 ms | p95 ms |");
  console.log("|---|---:|---:|---:|");
  for (const bench of benchmarks) {
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
  process.exit(0);
}

void main();
