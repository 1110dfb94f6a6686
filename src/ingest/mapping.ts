import { readFile } from 'node:fs/promises';
import { parse as parseDate } from 'date-fns';
import * as z from 'zod';
import { ConfigError, parseOptions } from '../_internal/config-error.js';
import { MS_PER_DAY } from '../_internal/civil.js';
import { wallToInstant } from '../_internal/zone.js';
import { PRESETS } from './mapping-presets.js';
import { cleanCell } from './records.js';

const transformSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('trim'), from: z.string() }),
  z.object({ op: z.literal('upper'), from: z.string() }),
  z.object({ op: z.literal('lower'), from: z.string() }),
  z.object({ op: z.literal('prefix'), from: z.string(), value: z.string() }),
  z.object({ op: z.literal('map'), from: z.string(), values: z.record(z.string(), z.string()), default: z.string().optional() }),
  z.object({ op: z.literal('concat'), from: z.array(z.string()).min(1), separator: z.string().default(':') }),
  z.object({ op: z.literal('row_number'), prefix: z.string().default('R') }),
  z.object({ op: z.literal('fixed_decimals'), from: z.string(), digits: z.number().int().min(0).max(4) }),
  z.object({ op: z.literal('day_offset'), from: z.string(), origin: z.iso.datetime({ offset: true }) }),
  z.object({ op: z.literal('date_format'), from: z.string(), pattern: z.string().min(1), zone: z.string().default('UTC') }),
]);

/**
 * A column mapping: rename source columns to canonical ones, set constants, or derive a column with
 * one of a fixed set of transforms (no expressions are evaluated). Source columns that are not used
 * are kept as attributes.
 * @category Ingest
 */
export const ColumnMappingSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    columns: z.record(z.string(), z.string()).default({}),
    constants: z.record(z.string(), z.string()).default({}),
    transforms: z.record(z.string(), transformSchema).default({}),
  })
  .strict();
/** @category Ingest */
export type ColumnMapping = z.input<typeof ColumnMappingSchema>;
type Mapping = z.output<typeof ColumnMappingSchema>;
type Transform = z.output<typeof transformSchema>;

/**
 * Names of the built-in mapping presets.
 * @category Ingest
 * @example mappingPresets() // ['amlsim', 'amlworld']
 */
export function mappingPresets(): string[] {
  return Object.keys(PRESETS);
}

/**
 * Resolves a mapping given as an object, a preset name or a JSON file path; throws ConfigError
 * naming the bad key.
 * @category Ingest
 * @example await loadMapping('amlsim')
 */
export async function loadMapping(input: ColumnMapping | string): Promise<Mapping> {
  let value: unknown = input;
  if (typeof input === 'string') {
    if (Object.hasOwn(PRESETS, input)) value = PRESETS[input];
    else {
      try {
        value = JSON.parse(await readFile(input, 'utf8'));
      } catch (error) {
        throw new ConfigError('invalid_mapping', `mapping "${input}" is neither a preset (${mappingPresets().join(', ')}) nor a readable JSON file: ${(error as Error).message}`);
      }
    }
  }
  return parseOptions(ColumnMappingSchema, value, 'mapping', 'invalid_mapping');
}

/** Applies a mapping to one source row: returns canonical record and leftover attributes (null-prototype). */
export function applyMapping(
  mapping: Mapping,
  headers: readonly string[],
  cells: readonly string[],
  row: number,
  canonical: ReadonlySet<string>,
): { record: Record<string, string>; attributes: Record<string, string> | undefined } {
  const source = Object.create(null) as Record<string, string>;
  for (let i = 0; i < headers.length; i++) {
    const v = cleanCell(cells[i] ?? '');
    if (v !== undefined) source[headers[i] as string] = v;
  }
  const used = new Set<string>();
  const record = Object.create(null) as Record<string, string>;
  for (const column of canonical) {
    let value: string | undefined;
    const t = mapping.transforms[column];
    if (t !== undefined) value = transform(t, source, row, used);
    else if (mapping.columns[column] !== undefined) {
      const from = mapping.columns[column] as string;
      used.add(from);
      value = source[from];
    } else if (mapping.constants[column] !== undefined) value = mapping.constants[column];
    else if (source[column] !== undefined) {
      used.add(column);
      value = source[column];
    }
    if (value !== undefined && value !== '') record[column] = value;
  }
  let attributes: Record<string, string> | undefined;
  for (const key of Object.keys(source)) {
    if (used.has(key) || canonical.has(key)) continue;
    attributes ??= Object.create(null) as Record<string, string>;
    attributes[key.toLowerCase()] = source[key] as string;
  }
  return { record, attributes };
}

function transform(t: Transform, source: Record<string, string>, row: number, used: Set<string>): string | undefined {
  if (t.op === 'row_number') return `${t.prefix}${row}`;
  if (t.op === 'concat') {
    const parts = t.from.map((f) => (used.add(f), source[f]));
    return parts.some((p) => p === undefined) ? undefined : parts.join(t.separator);
  }
  used.add(t.from);
  const v = source[t.from];
  if (v === undefined) return undefined;
  switch (t.op) {
    case 'trim': return v.trim();
    case 'upper': return v.toUpperCase();
    case 'lower': return v.toLowerCase();
    case 'prefix': return `${t.value}${v}`;
    case 'map': return t.values[v] ?? t.default ?? v;
    case 'fixed_decimals': return fixedDecimals(v, t.digits);
    case 'day_offset': {
      if (!/^-?\d+$/.test(v)) return `invalid day offset "${v}"`;
      return new Date(Date.parse(t.origin) + Number(v) * MS_PER_DAY).toISOString();
    }
    case 'date_format': {
      const d = parseDate(v, t.pattern, new Date(0));
      if (Number.isNaN(d.getTime())) return `unparseable date "${v}"`;
      // date-fns reads the wall time in the process zone; take the wall-clock fields and place them in the named zone.
      const wall = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
      return new Date(wallToInstant(t.zone, wall)).toISOString();
    }
  }
}

/**
 * Rounds a plain decimal string to `digits` places, half to even, exactly (string arithmetic, no
 * floats). Anything that is not a plain decimal is returned unchanged for the schema to reject.
 * @example fixedDecimals('9500.125', 2) // '9500.12'
 */
export function fixedDecimals(value: string, digits: number): string {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(value.trim());
  if (m === null) return value;
  const whole = m[1] as string;
  const frac = m[2] ?? '';
  if (frac.length <= digits) return digits === 0 ? whole : `${whole}.${frac.padEnd(digits, '0')}`;
  const kept = whole + frac.slice(0, digits);
  const rest = frac.slice(digits);
  const first = Number(rest[0]);
  const tail = rest.slice(1).replace(/0+$/, '');
  const last = Number(kept[kept.length - 1]);
  const up = first > 5 || (first === 5 && (tail !== '' || last % 2 === 1));
  let digitsOut = kept;
  if (up) {
    const arr = kept.split('').map(Number);
    let i = arr.length - 1;
    while (i >= 0) {
      if (arr[i] === 9) { arr[i] = 0; i--; } else { arr[i] = (arr[i] as number) + 1; break; }
    }
    digitsOut = (i < 0 ? '1' : '') + arr.join('');
  }
  const w = digitsOut.slice(0, digitsOut.length - digits).replace(/^0+(?=\d)/, '') || '0';
  return digits === 0 ? w : `${w}.${digitsOut.slice(digitsOut.length - digits)}`;
}
