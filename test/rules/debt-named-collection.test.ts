import { describe, expect, test } from 'vitest';
import { isVouchingHit } from '../../src/engine/vouched-payers.js';
import { debtRepayment, debtRepaymentOptionsSchema } from '../../src/rules/debt/debt-repayment.js';
import { NAMED_COLLECTION_MIN_PAYERS, NAMED_COLLECTION_MIN_SHARE_OF_REFERENCE, NAMED_COLLECTION_STRENGTH } from '../../src/rules/debt/named-collection.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { scan } from '../../src/index.js';
import { defineTypology } from '../../src/scoring/typology.js';
import type { AlertHit } from '../../src/scoring/alert.js';
import { MY_LIKE, at, transfer } from '../helpers/builders.js';

// A collector whose newly arrived payers each paid it one or two sums they call a debt: no full
// series on either side, the payers' own words name the collector (issue 14).

const D = 24;
const DAY_MS = 86_400_000;
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
const NAMES = ['Dinesh Adhikari', 'Kamal Basnet', 'Nabin Yadav', 'Sagar Gurung', 'Ramesh Karki', 'Hari Thapa'];
const HOLDER_PARTY: Party = { party: 'P-C', name: 'Sunil Rai', country: 'MY' };
const holderAccount = (extra: Partial<Account> = {}): Account => ({ account: 'COL', party: 'P-C', type: 'personal', country: 'MY', ...extra });
/** Payer `i` (W1…), its account opened on day `opened`. */
const payerAccount = (i: number, opened = 0): Account => ({ account: `W${i}`, party: `P-W${i}`, type: 'personal', openedAt: at(opened * D), country: 'MY' });
const payerParty = (i: number, name = NAMES[i - 1] as string): Party => ({ party: `P-W${i}`, name, country: 'NP' });
/** Payer `i`'s payments of MYR 350 to the holder on `days`, with these references in turn ('' for none). */
const pays = (i: number, days: number[], refs: string[], toName: string = HOLDER_PARTY.name ?? '') =>
  days.map((d, k) => {
    const reference = refs[k % refs.length] as string;
    return transfer(`W${i}`, 'COL', 35_000, d * D + i, myr({ fromName: NAMES[i - 1] ?? '', toName, ...(reference === '' ? {} : { reference }) }));
  });
interface Setup {
  readonly payers?: number;
  readonly opened?: Record<number, number>;
  readonly holder?: Partial<Account>;
  readonly holderParty?: Partial<Party>;
  readonly names?: Record<number, string>;
}
/** The named-collection hits on the holder's account, through the real engine. */
const collected = (txs: Transaction[], { payers = 4, opened = {}, holder = {}, holderParty = {}, names = {} }: Setup = {}): AlertHit[] => {
  const ids = Array.from({ length: payers }, (_, k) => k + 1);
  const accounts = [holderAccount(holder), ...ids.map((i) => payerAccount(i, opened[i] ?? 0))];
  const parties = [{ ...HOLDER_PARTY, ...holderParty }, ...ids.map((i) => payerParty(i, names[i]))];
  return scan(txs, { jurisdiction: MY_LIKE, rules: [debtRepayment()], typologies: [defineTypology({ id: 't', name: 't', weights: { debt_repayment: 1 } })], minScore: 0, accounts, parties })
    .alerts.filter((a) => a.entity.kind === 'account' && a.entity.id === 'COL')
    .flatMap((a) => a.hits)
    .filter((h) => h.facts['namedCollection'] === true);
};

describe('debt_repayment: payers who call their few payments a debt make the collector (MS-DEBT-01, issue 14)', () => {
  test('positive: two newly arrived strangers paying "kisti" and "installment" name the collector and are vouched for', () => {
    const [hit, ...rest] = collected([...pays(1, [40, 70], ['', 'kisti']), ...pays(2, [50], ['installment'])], { payers: 2 });
    expect(rest).toEqual([]);
    expect(NAMED_COLLECTION_MIN_PAYERS).toBe(2);
    expect(hit?.strength).toBe(NAMED_COLLECTION_STRENGTH);
    expect(hit?.related).toEqual([{ kind: 'account', id: 'W1' }, { kind: 'account', id: 'W2' }]);
    expect(hit?.facts).toMatchObject({ payers: 2, payerClusters: 2, payments: 3, debtNamedPayments: 2 });
    expect(hit?.transactionIds).toHaveLength(3);
    expect(hit !== undefined && isVouchingHit(hit)).toBe(true);
  });

  test('positive: a third payer family strengthens it; one sharing only the holder\'s family name counts beside strangers', () => {
    const three = collected([...pays(1, [40], ['kisti']), ...pays(2, [50], ['utang']), ...pays(3, [60], ['loan'])], { payers: 3 });
    expect(three.at(-1)?.strength).toBeCloseTo(NAMED_COLLECTION_STRENGTH + 0.05, 10);
    const surname = collected([...pays(1, [40], ['kisti']), ...pays(2, [50], ['loan'])], { payers: 2, names: { 1: 'Dinesh Rai' } });
    expect(surname.at(-1)?.facts).toMatchObject({ payerClusters: 2, surnamePayers: 1 });
  });

  test('negative: one payer naming a debt, or payers the holder paid back, make no collector', () => {
    expect(collected([...pays(1, [40], ['kisti']), ...pays(2, [50], ['family'])], { payers: 2 })).toEqual([]);
    const lentBack = transfer('COL', 'W2', 20_000, 30 * D, myr({ reference: 'pinjam' }));
    expect(collected([...pays(1, [40], ['kisti']), ...pays(2, [50], ['loan']), lentBack], { payers: 2 })).toEqual([]);
  });

  test('boundary: a payer counts when its first payment is `startWithinDays` (183) after its account opened, not one millisecond later', () => {
    const within = debtRepaymentOptionsSchema.parse({}).startWithinDays;
    expect(within).toBe(183);
    const txs = [...pays(1, [40], ['kisti']), ...pays(2, [200], ['loan'])];
    const first = (txs[1] as Transaction).timestamp as number;
    const opened = (first - within * DAY_MS - at(0)) / 3_600_000 / D;
    expect(collected(txs, { payers: 2, opened: { 2: opened } })).toHaveLength(1);
    expect(collected(txs, { payers: 2, opened: { 2: opened - 1 / 86_400_000 } })).toEqual([]);
  });

  test('boundary: the debt-naming payers must be at least half of the holder\'s payers by transfer (2 of 4 reads, 2 of 5 does not)', () => {
    const named = [...pays(1, [40], ['kisti']), ...pays(2, [50], ['loan'])];
    expect(collected([...named, ...pays(3, [45], ['makan']), ...pays(4, [46], ['duit'])], { payers: 4 })).toHaveLength(1);
    expect(collected([...named, ...pays(3, [45], ['makan']), ...pays(4, [46], ['duit']), ...pays(5, [47], ['tq'])], { payers: 5 })).toEqual([]);
  });

  test('look-alike: payers sharing only the holder\'s family name, rent, a company or lender holder, a business account make no collector', () => {
    const two = [...pays(1, [40], ['hutang']), ...pays(2, [50], ['loan'])];
    // Both payers share the holder's family name: family, however it is called.
    expect(collected(two, { payers: 2, names: { 1: 'Dinesh Rai', 2: 'Kamal Rai' } })).toEqual([]);
    expect(collected([...pays(1, [40], ['hutang']), ...pays(2, [45, 50], ['sewa', 'loan'])], { payers: 2 })).toEqual([]);
    expect(collected(two, { payers: 2, holderParty: { name: 'Maju Motor Enterprise' } })).toEqual([]);
    expect(collected(two, { payers: 2, holderParty: { name: 'Koperasi Pekerja Makmur' } })).toEqual([]);
    expect(collected(two, { payers: 2, holder: { type: 'business' } })).toEqual([]);
    // The same payments to a personal holder: the collector.
    expect(collected(two, { payers: 2 })).toHaveLength(1);
  });
});

describe('debt_repayment named collection: instalment-sized sums only', () => {
  test('boundary: a payer whose median payment is a thousandth of the flow reference (MYR 25) counts, one sen less does not', () => {
    expect(NAMED_COLLECTION_MIN_SHARE_OF_REFERENCE).toBe(0.001);
    const floor = NAMED_COLLECTION_MIN_SHARE_OF_REFERENCE * MY_LIKE.cashThreshold;
    const small = (amount: number) => transfer('W2', 'COL', amount, 50 * D + 2, myr({ fromName: NAMES[1] ?? '', toName: HOLDER_PARTY.name ?? '', reference: 'utang' }));
    expect(collected([...pays(1, [40], ['kisti']), small(floor)], { payers: 2 })).toHaveLength(1);
    expect(collected([...pays(1, [40], ['kisti']), small(floor - 1)], { payers: 2 })).toEqual([]);
  });
});

describe('debt_repayment named collection: steady sums only', () => {
  test('look-alike: a dorm-mate settling lunch, top-ups and a "hutang" (MYR 20–220) is no instalment payer; boundary at the series\' amount CV (0.25)', () => {
    const mate = (amounts: number[], refs: string[]) =>
      amounts.map((a, k) => transfer('W2', 'COL', a, (42 + 3 * k) * D + 2, myr({ fromName: NAMES[1] ?? '', toName: HOLDER_PARTY.name ?? '', reference: refs[k % refs.length] as string })));
    const first = pays(1, [40], ['kisti']);
    expect(collected([...first, ...mate([5_100, 22_000, 2_000, 6_000], ['topup', 'lunch', 'hutang', 'lunch'])], { payers: 2 })).toEqual([]);
    // Two sums whose CV is exactly 0.25 (mean 400, deviation 100) count; 0.2525 do not.
    expect(collected([...first, ...mate([30_000, 50_000], ['ok', 'hutang'])], { payers: 2 })).toHaveLength(1);
    expect(collected([...first, ...mate([29_900, 50_100], ['ok', 'hutang'])], { payers: 2 })).toEqual([]);
  });
});
