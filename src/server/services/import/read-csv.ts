import "server-only";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { parse } from "csv-parse";

export type Rejected = { line: number; reason: string };

const candidates = [",", ";", "\t", "|"] as const;

/** The delimiter of the file's first line (outside quotes): the most frequent of , ; tab |. */
export async function sniffDelimiter(file: string): Promise<string> {
  const handle = await open(file, "r");
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString("utf8").replace(/^\uFEFF/, "");
    const counts = new Map<string, number>(candidates.map((c) => [c, 0]));
    let quoted = false;
    for (const ch of text) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && (ch === "\n" || ch === "\r")) {
        if ([...counts.values()].some((n) => n > 0)) break;
      } else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
    }
    return [...counts.entries()].reduce((best, c) => (c[1] > best[1] ? c : best), [",", 0])[0];
  } finally {
    await handle.close();
  }
}

/**
 * The file's records with the line each ends on. Quoted fields, embedded
 * newlines, a BOM and empty lines are handled by csv-parse; a malformed
 * record (an unclosed quote, a stray quote) is skipped and reported.
 */
export async function* readCsv(file: string, delimiter: string, onMalformed: (r: Rejected) => void) {
  const parser = createReadStream(file).pipe(
    parse({
      bom: true,
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
      info: true,
      max_record_size: 16 * 1024 * 1024,
    }),
  );
  parser.on("skip", (error: Error & { lines?: number }) => {
    onMalformed({ line: error.lines ?? 0, reason: `Malformed CSV: ${error.message.replace(/\s*at line \d+.*/s, "")}` });
  });
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { values: record, line: info.lines };
  }
}
