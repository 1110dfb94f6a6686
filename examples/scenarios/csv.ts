/**
 * Minimal RFC 4180 CSV writing and reading for the example scripts (the library's own readers
 * live in `tidewatch/ingest`; these keep the examples independent of it).
 */

export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: ReadonlyArray<string | number | undefined>): string {
  return values.map(csvCell).join(',');
}

/** Parses CSV text into rows of cells (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      cell += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(cell); cell = ''; i++; continue; }
    if (c === '\r') { i++; continue; }
    if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; continue; }
    cell += c; i++;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

/** Parses CSV with a header row into records (blank cells omitted). */
export function parseCsvRecords(text: string): Array<Record<string, string>> {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = rows[0] ?? [];
  const out: Array<Record<string, string>> = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] as string[];
    if (row.length === 1 && row[0] === '') continue;
    const rec: Record<string, string> = Object.create(null) as Record<string, string>;
    header.forEach((h, j) => {
      const v = row[j];
      if (v !== undefined && v !== '') rec[h] = v;
    });
    out.push(rec);
  }
  return out;
}
