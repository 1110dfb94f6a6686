import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { goamlToRecords } from '../goaml/read.js';
import type { GoamlReadOptions } from '../goaml/read.js';
import type { RawRow } from './sources.js';

/** Report files of a path: the file itself, or a directory's `*.xml` files in name order (not recursive). */
async function reportFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const names = (await readdir(path)).filter((n) => n.toLowerCase().endsWith('.xml')).sort();
  return names.map((n) => join(path, n));
}

/**
 * goAML report files (one, or every `*.xml` of a directory) as raw rows: one canonical record per
 * `<transaction>` with the issues of elements that could not be mapped, or one error row for a
 * report that cannot be read. Rows carry the file name when reading a directory. One report in
 * memory at a time.
 */
export async function* goamlRows(path: string, options: GoamlReadOptions): AsyncGenerator<RawRow[]> {
  const files = await reportFiles(path);
  const many = files.length > 1 || files[0] !== path;
  for (const file of files) {
    const xml = await readFile(file, 'utf8');
    const rows = goamlToRecords(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml, options);
    const name = many ? { file: basename(file) } : {};
    const out: RawRow[] = rows.map((r) =>
      'error' in r ? { row: r.row, object: undefined, error: r.error, ...name } : { row: r.row, object: r.record, ...(r.issues.length > 0 ? { issues: r.issues } : {}), ...name },
    );
    if (out.length > 0) yield out;
  }
}
