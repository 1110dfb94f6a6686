/**
 * Turning header + cells into safe records: header names are trimmed and lower-cased, records are
 * null-prototype objects, and names such as `__proto__` or `constructor` are ordinary keys that
 * can never reach a prototype.
 */

/** Canonical form of a header name. */
export function canonicalHeader(name: string): string {
  return name.trim().toLowerCase();
}

/** Trimmed cell; blank cells are absent. */
export function cleanCell(value: string): string | undefined {
  const t = value.trim();
  return t === '' ? undefined : t;
}

/**
 * A compiled header: for each column index, the canonical field it fills (or undefined), so rows
 * become fixed-shape records without per-cell key lookups. Only whitelisted canonical names are
 * ever used as keys of the record, so `__proto__`-like headers cannot reach it; they go to the
 * null-prototype `attributes`.
 */
export function compileHeader(headers: readonly string[], canonical: ReadonlySet<string>): (cells: readonly string[]) => {
  record: Record<string, string>;
  attributes: Record<string, string> | undefined;
} {
  const fields = headers.map((h) => (canonical.has(h) ? h : undefined));
  const extras = headers.map((h, i) => (canonical.has(h) || h === '' ? -1 : i)).filter((i) => i >= 0);
  return (cells) => {
    const record: Record<string, string> = {};
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (f === undefined) continue;
      const raw = cells[i] as string;
      const value = raw.length === 0 ? undefined : raw.charCodeAt(0) > 32 && raw.charCodeAt(raw.length - 1) > 32 ? raw : cleanCell(raw);
      if (value !== undefined) record[f] = value;
    }
    let attributes: Record<string, string> | undefined;
    for (const i of extras) {
      const value = cleanCell(cells[i] ?? '');
      if (value === undefined) continue;
      attributes ??= Object.create(null) as Record<string, string>;
      attributes[headers[i] as string] = value;
    }
    return { record, attributes };
  };
}

/**
 * Builds a null-prototype record from header names and cells, splitting canonical columns from the
 * rest (`attributes`, also null-prototype). Blank cells are omitted.
 */
export function buildRecord(
  headers: readonly string[],
  cells: readonly string[],
  canonical: ReadonlySet<string>,
): { record: Record<string, string>; attributes: Record<string, string> | undefined } {
  const record = Object.create(null) as Record<string, string>;
  let attributes: Record<string, string> | undefined;
  for (let i = 0; i < headers.length; i++) {
    const value = cleanCell(cells[i] ?? '');
    if (value === undefined) continue;
    const key = headers[i] as string;
    if (canonical.has(key)) record[key] = value;
    else if (key !== '') {
      attributes ??= Object.create(null) as Record<string, string>;
      attributes[key] = value;
    }
  }
  return { record, attributes };
}

/** Converts a plain object (NDJSON / JSON / iterable element) into the same null-prototype record form. */
export function recordFromObject(
  value: unknown,
  canonical: ReadonlySet<string>,
): { record: Record<string, unknown>; attributes: Record<string, string> | undefined } | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = Object.create(null) as Record<string, unknown>;
  let attributes: Record<string, string> | undefined;
  for (const [rawKey, raw] of Object.entries(value as Record<string, unknown>)) {
    const key = canonicalHeader(rawKey);
    let v: unknown = raw;
    if (typeof v === 'string') v = cleanCell(v);
    else if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
    else if (v === null) v = undefined;
    if (v === undefined) continue;
    if (canonical.has(key)) record[key] = v;
    else if (typeof v === 'string' && key !== '') {
      attributes ??= Object.create(null) as Record<string, string>;
      attributes[key] = v;
    }
  }
  return { record, attributes };
}
