import { describe, expect, test } from 'vitest';
import { debtRepayment } from '../../src/rules/debt/debt-repayment.js';
import { NAMED_COLLECTION_FORWARDED_BONUS, NAMED_COLLECTION_STRENGTH } from '../../src/rules/debt/named-collection.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { scan } from '../../src/index.js';
import { defineTypology } from '../../src/scoring/typology.js';
import type { AlertHit } from '../../src/scoring/alert.js';
import { MY_LIKE, at, transfer } from '../helpers/builders.js';

// A named collection whose holder passes the money on to an origin country (MS-DEBT-01: the debt
// is owed to the organiser; the collector in the destination country remits it). Issue 14.

const D = 24;
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
const NAMES = ['Nur Alam', 'Mohammed Rafiq'] as const;
const accounts: Account[] = [
  { account: 'COL', party: 'P-C', type: 'personal', country: 'MY' },
  ...[1, 2].map((i): Account => ({ account: `W${i}`, party: `P-W${i}`, type: 'personal', openedAt: at(0), country: 'MY' })),
];
const parties: Party[] = [{ party: 'P-C', name: 'Abdul Karim', country: 'MY' }, ...[1, 2].map((i): Party => ({ party: `P-W${i}`, name: NAMES[i - 1] ?? '', country: 'MM' }))];
/** Two newly arrived strangers paying MYR 350 they call a debt (MYR 700 in all). */
const named = [
  transfer('W1', 'COL', 35_000, 40 * D + 1, myr({ fromName: NAMES[0], toName: 'Abdul Karim', reference: 'kisti' })),
  transfer('W2', 'COL', 35_000, 50 * D + 2, myr({ fromName: NAMES[1], toName: 'Abdul Karim', reference: 'hutang' })),
];
/** The holder's transfer of `amount` to an account in `country`, before the newest named payment. */
const sent = (amount: number, country: string): Transaction =>
  transfer('COL', `X-${country}`, amount, 45 * D, myr({ fromName: 'Abdul Karim', toName: 'Kyaw Win', toCountry: country, reference: 'family' }));
const hitOf = (txs: Transaction[]): AlertHit | undefined =>
  scan(txs, { jurisdiction: MY_LIKE, rules: [debtRepayment()], typologies: [defineTypology({ id: 't', name: 't', weights: { debt_repayment: 1 } })], minScore: 0, accounts, parties })
    .alerts.filter((a) => a.entity.kind === 'account' && a.entity.id === 'COL')
    .flatMap((a) => a.hits)
    .find((h) => h.facts['namedCollection'] === true);

describe('debt_repayment named collection: the collected money passed on to an origin country', () => {
  test('positive: the holder sent at least the named payments abroad to an origin country: stronger by the bonus', () => {
    const hit = hitOf([...named, sent(70_000, 'MM')]);
    expect(NAMED_COLLECTION_FORWARDED_BONUS).toBe(0.1);
    expect(hit?.strength).toBeCloseTo(NAMED_COLLECTION_STRENGTH + NAMED_COLLECTION_FORWARDED_BONUS, 10);
    expect(hit?.facts['forwardedAbroadMinor']).toBe(70_000);
    expect(hit?.reason).toContain('abroad to origin countries');
  });

  test('negative: nothing sent abroad: the plain strength', () => {
    const hit = hitOf(named);
    expect(hit?.strength).toBe(NAMED_COLLECTION_STRENGTH);
    expect(hit?.facts['forwardedAbroadMinor']).toBeUndefined();
  });

  test('boundary: exactly the named payments\' total counts, one sen less does not', () => {
    expect(hitOf([...named, sent(70_000, 'MM')])?.strength).toBeCloseTo(NAMED_COLLECTION_STRENGTH + NAMED_COLLECTION_FORWARDED_BONUS, 10);
    expect(hitOf([...named, sent(69_999, 'MM')])?.strength).toBe(NAMED_COLLECTION_STRENGTH);
  });

  test('look-alike: money home to a country that is no origin of the journeys (NP, ID), or sent within the country, adds nothing', () => {
    expect(hitOf([...named, sent(500_000, 'NP')])?.strength).toBe(NAMED_COLLECTION_STRENGTH);
    expect(hitOf([...named, sent(500_000, 'ID')])?.strength).toBe(NAMED_COLLECTION_STRENGTH);
    expect(hitOf([...named, sent(500_000, 'MY')])?.strength).toBe(NAMED_COLLECTION_STRENGTH);
  });
});
