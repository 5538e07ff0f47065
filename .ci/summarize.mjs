// Prints "runner: N passed, N failed" for each report in the folder, then a total.
// A runner whose report is missing counts as failed: it did not run to the end.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = process.argv[2] ?? ".ci-out";
const read = (file) => (existsSync(path.join(dir, file)) ? JSON.parse(readFileSync(path.join(dir, file), "utf8")) : null);

const runners = [
  ["postgres", "vitest-postgres.json", (r) => [r.numPassedTests, r.numFailedTests, r.numPendingTests + r.numTodoTests]],
  ["pglite", "vitest-pglite.json", (r) => [r.numPassedTests, r.numFailedTests, r.numPendingTests + r.numTodoTests]],
  ["playwright", "playwright.json", (r) => [r.stats.expected + r.stats.flaky, r.stats.unexpected, r.stats.skipped]],
];

let passed = 0;
let failed = 0;
let missing = false;
for (const [name, file, count] of runners) {
  const report = read(file);
  if (!report) {
    console.log(`${name}: no report (the runner did not finish)`);
    missing = true;
    continue;
  }
  const [p, f, s] = count(report);
  passed += p;
  failed += f;
  console.log(`${name}: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ""}`);
}
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || missing || passed === 0 ? 1 : 0);
