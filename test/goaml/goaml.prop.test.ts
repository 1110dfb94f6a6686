import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CHANNELS, goamlProfile, toGoamlReport, type GoamlParty, type Transaction } from '../../src/index.js';
import { ingestTransactions } from '../../src/ingest/index.js';
import { alertOn } from './fixtures.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('tidewatch-goaml-prop-');
let n = 0;

/** Words of XML specials, quotes and non-ASCII letters, single-spaced (names are split into words and joined again). */
const word = fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', 'Z', '<', '>', '&', '"', "'", ';', 'é', '漢', '9', ']') });
const text = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const country = fc.constantFrom('ID', 'MY', 'BD', 'AU');
const CONDUCTORS: GoamlParty[] = [{ party: 'C1', name: 'Budi Santoso' }, { party: 'C2', name: 'Nur <Aini> & Co' }];

const arbTx: fc.Arbitrary<Transaction> = fc.record({
  kind: fc.constantFrom('cash_deposit', 'cash_withdrawal', 'transfer') as fc.Arbitrary<Transaction['kind']>,
  timestamp: fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
  amount: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  channel: fc.option(fc.constantFrom(...CHANNELS), { nil: undefined }),
  fromName: text, toName: text, fromCountry: country, toCountry: country, place: country,
  location: fc.option(text, { nil: undefined }),
  reference: fc.option(text, { nil: undefined }),
  conductor: fc.option(fc.constantFrom('C1', 'C2'), { nil: undefined }),
}).map((r) => {
  const t: Record<string, unknown> = { timestamp: r.timestamp, amount: r.amount, currency: 'IDR', kind: r.kind, fromName: r.fromName, toName: r.toName };
  if (r.kind !== 'cash_deposit') Object.assign(t, { fromAccount: 'F-01', fromInstitution: 'BANK<A>', fromCountry: r.fromCountry });
  if (r.kind !== 'cash_withdrawal') Object.assign(t, { toAccount: 'T&02', toInstitution: 'BANK"B"', toCountry: r.toCountry });
  if (r.kind !== 'transfer') t['locationCountry'] = r.place;
  if (r.channel !== undefined) t['channel'] = r.channel;
  if (r.location !== undefined) t['location'] = r.location;
  if (r.reference !== undefined) t['reference'] = r.reference;
  if (r.conductor !== undefined) t['conductor'] = r.conductor;
  return t as unknown as Transaction;
});

describe('goAML properties', () => {
  test('export then read is the identity on transactions (PPATK profile, XML specials and non-ASCII text)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbTx, { minLength: 1, maxLength: 12 }), async (drafts) => {
        const txs = drafts.map((t, i) => ({ ...t, id: `TX${i}` }) as Transaction);
        const r = toGoamlReport(alertOn(txs.map((t) => t.id)), { transactions: txs, parties: CONDUCTORS, reportingEntity: { id: 1 }, profile: goamlProfile('ID') });
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        const path = join(dir, `r${n++}.xml`);
        writeFileSync(path, r.xml);
        const back: Transaction[] = [];
        const summary = await ingestTransactions(path, {}, (b) => back.push(...b.transactions));
        expect(summary).toMatchObject({ read: txs.length, accepted: txs.length, rejected: 0, duplicates: 0 });
        const sorted = [...txs].sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : 1));
        expect(back).toEqual(sorted);
      }),
      { numRuns: 60 },
    );
  });
});
