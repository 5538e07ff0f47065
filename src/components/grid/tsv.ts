// Tab-separated text as spreadsheets put it on the clipboard: Excel and Google
// Sheets quote a cell holding a tab, a line break or a quote ("a ""b"""),
// separate rows with CRLF or LF, and end the block with a line break.

/** The clipboard's text as rows of cells. A trailing line break ends the last row; it does not add an empty one. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i]!;
    if (atCellStart && ch === '"') {
      // A quoted cell: read to the closing quote ("" is a quote).
      const start = i;
      let value = "";
      let j = i + 1;
      let closed = false;
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j += 1;
          break;
        }
        value += text[j];
        j += 1;
      }
      // Only a quote closing right before a separator makes a quoted cell; otherwise the quote is text.
      const next = text[j];
      if (closed && (next === undefined || next === "\t" || next === "\n" || next === "\r")) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
      cell += text[start];
      i = start + 1;
      atCellStart = false;
      continue;
    }
    atCellStart = false;
    if (ch === "\t") {
      row.push(cell);
      cell = "";
      atCellStart = true;
      i += 1;
    } else if (ch === "\n" || ch === "\r") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      atCellStart = true;
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      cell += ch;
      i += 1;
    }
  }
  if (!atCellStart || cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const needsQuotes = /[\t\n\r"]/;

/** Rows of cells as TSV that Excel, Google Sheets and `parseTsv` read back cell for cell. */
export function formatTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((cell) => (needsQuotes.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join("\t")).join("\n");
}
