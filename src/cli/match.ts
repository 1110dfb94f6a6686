import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { formatMatches } from '../share/format-matches.js';
import { matchPackages, type NamedPackage } from '../share/match-packages.js';
import { createShareKey, parseShareKey } from '../share/share-key.js';
import { SharedAlertPackageSchema } from '../share/shared-alert.js';
import type { Command } from './command.js';
import { UsageError } from './usage-error.js';

const USAGE = `tidewatch match <package> <package>… [--key-file K] [--format text|json] [--out F]

Finds the entities and networks that appear in more than one tidewatch/shared-alert@1 package:
alerts holding the same keyed hash of an account number, document or phone (as the alerted entity,
a network member or a linked entity). Prints which identifier linked them and a merged
cross-border view with each side's alerts and typologies. Names never link; they corroborate.
Packages are compared only under the same key id; with --key-file, only packages made under
that key are matched and the others are reported as skipped.

Options:
  --key-file K   match only packages made under this key
  --format F     text (default) | json ({ packages, skipped, matches }; matches is [] when nothing links)
  --out F        write to F instead of stdout
  -h, --help     this help`;

/** `tidewatch match`: cross-package matching of shared alerts. */
export const matchCommand: Command = {
  name: 'match',
  summary: 'find entities and networks shared between alert packages',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { 'key-file': { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length < 2) throw new UsageError('match needs at least two packages');
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format "${format}"`);
    const keyId = values['key-file'] === undefined ? undefined : (await createShareKey(parseShareKey(await readFile(values['key-file'], 'utf8')))).id;
    const packages: NamedPackage[] = [];
    const names = new Set<string>();
    for (const file of positionals) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new UsageError(`${file}: not JSON: ${(error as Error).message}`);
      }
      const r = SharedAlertPackageSchema.safeParse(parsed);
      if (!r.success) throw new UsageError(`${file}: not a tidewatch/shared-alert@1 package: ${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`);
      const name = names.has(basename(file)) ? file : basename(file);
      names.add(name);
      packages.push({ name, package: r.data });
    }
    const result = matchPackages(packages, keyId === undefined ? {} : { keyId });
    const text = format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatMatches(result);
    if (values.out === undefined) io.stdout(text);
    else await writeFile(values.out, text);
    for (const s of result.skipped) io.stderr(`tidewatch: skipped ${s.name}: ${s.reason}\n`);
    io.stderr(`tidewatch: ${packages.length} packages, ${result.matches.length} cross-package matches\n`);
    return 0;
  },
};
