const candidates = [",", ";", "\t", "|"] as const;

/**
 * The delimiter of a CSV text's first line (outside quotes): the most frequent
 * of , ; tab |, else a comma. The server reads a file with it and the import
 * wizard its preview, so both split the columns alike.
 */
export function delimiterOf(text: string): string {
  const counts = new Map<string, number>(candidates.map((c) => [c, 0]));
  let quoted = false;
  for (const ch of text.replace(/^\uFEFF/, "")) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) {
      if ([...counts.values()].some((n) => n > 0)) break;
    } else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts.entries()].reduce((best, c) => (c[1] > best[1] ? c : best), [",", 0])[0];
}
