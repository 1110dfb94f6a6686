import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readAccounts, readParties } from '../ingest/index.js';
import { AlertSchema, type Alert } from '../scoring/alert.js';
import { shareAlerts } from '../share/share-alerts.js';
import { createShareKey, newShareKeyFile, parseShareKey } from '../share/share-key.js';
import type { Command } from './command.js';
import { UsageError } from './usage-error.js';

const USAGE = `tidewatch share <alerts> --key-file K --out package.json [options]
tidewatch share --new-key K

Pseudonymises alerts (the JSON or NDJSON of tidewatch scan) into a tidewatch/shared-alert@1 package
for another institution or FIU: account numbers, documents, phones and names become HMAC-SHA-256
hashes under the shared key (after normalisation); typologies, indicator ids, score, band, a
power-of-ten amount range and ISO weeks are kept; reasons, facts, memos, exact amounts and dates
are not. Schema: tidewatch schema shared-alert. Threat model: docs/sharing.md.

Options:
  --key-file K        the shared key: { "key": "<hex or base64>" } or the bare key (≥ 32 bytes)
  --out F             write the package to F (default: stdout)
  --accounts F        accounts.csv: holder parties of accounts, accounts of parties
  --parties F         parties.csv: the documents, phones and names to hash
  --institution NAME  how you name yourself in the package
  --new-key K         write a fresh random key file K (refuses to overwrite; mode 600)
  -h, --help          this help`;

/** `tidewatch share`: pseudonymised alert packages. */
export const shareCommand: Command = {
  name: 'share',
  summary: 'pseudonymise alerts into a package for another FIU',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'key-file': { type: 'string' }, out: { type: 'string' }, accounts: { type: 'string' }, parties: { type: 'string' },
        institution: { type: 'string' }, 'new-key': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (values['new-key'] !== undefined) {
      if (positionals.length > 0) throw new UsageError('--new-key takes no alerts file');
      try {
        await writeFile(values['new-key'], newShareKeyFile(), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${values['new-key']} exists; a key file is never overwritten`);
        throw error;
      }
      io.stderr(`tidewatch: wrote a new 32-byte key to ${values['new-key']}; exchange it with your partner out of band\n`);
      return 0;
    }
    const file = positionals[0];
    if (file === undefined || positionals.length > 1) throw new UsageError('share takes exactly one alerts file');
    if (values['key-file'] === undefined) throw new UsageError('share needs --key-file');
    const key = await createShareKey(parseShareKey(await readFile(values['key-file'], 'utf8')));
    const alerts = parseAlerts(await readFile(file, 'utf8'), file);
    const accounts = values.accounts === undefined ? undefined : await readAccounts(values.accounts);
    const parties = values.parties === undefined ? undefined : await readParties(values.parties);
    const pkg = await shareAlerts(alerts, key, {
      ...(accounts === undefined ? {} : { accounts: accounts.accounts.values() }),
      ...(parties === undefined ? {} : { parties: parties.parties.values() }),
      ...(values.institution === undefined ? {} : { institution: values.institution }),
    });
    const text = `${JSON.stringify(pkg, null, 2)}\n`;
    if (values.out === undefined) io.stdout(text);
    else await writeFile(values.out, text);
    io.stderr(`tidewatch: ${pkg.alerts.length} alerts shared under key ${pkg.keyId}${values.out === undefined ? '' : ` to ${values.out}`}\n`);
    return 0;
  },
};

/** Alerts from a JSON array or NDJSON, each checked against tidewatch/alert@1. */
function parseAlerts(text: string, file: string): Alert[] {
  const trimmed = text.trim();
  let items: unknown[];
  try {
    items = trimmed.startsWith('[') ? (JSON.parse(trimmed) as unknown[]) : trimmed === '' ? [] : trimmed.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
  } catch (error) {
    throw new UsageError(`${file}: not JSON or NDJSON alerts: ${(error as Error).message}`);
  }
  return items.map((item, i) => {
    const r = AlertSchema.safeParse(item);
    if (!r.success) throw new UsageError(`${file}: alert ${i + 1} is not a tidewatch/alert@1 alert: ${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`);
    return r.data;
  });
}
