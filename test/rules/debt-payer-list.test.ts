import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { networkAlerts } from '../../src/engine/network.js';
import { isPayerListHit, paymentNamers } from '../../src/engine/vouched-payers.js';
import { debtRepayment } from '../../src/rules/debt/debt-repayment.js';
import { PAYER_LIST_STRENGTH } from '../../src/rules/debt/payer-list.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, at, transfer } from '../helpers/builders.js';
import { D, EMPLOYER, crew, monthly, myr, wages } from '../helpers/debt-crew.js';
import { memberAlert } from '../helpers/member-alert.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

// A collector with one newly arrived payer's debt-named full series lists the other new arrivals
// who paid it sums in that series' band: evidence for a case that vouches for it (issue 14).

/** W0 pays AGENT four monthly MYR 500 instalments it calls "kisti" (days 60–150). */
const ANCHOR: Transaction[] = [...wages('W0'), ...monthly(4, 60).map((d) => transfer('W0', 'AGENT', 50_000, d * D + 5, myr({ toName: 'Shahidul Agent', reference: 'kisti' })))];
/** W3's payments of `amount` to AGENT on `days`. */
const stray = (days: number[], amount: number, extra: Partial<Transaction> = {}) =>
  days.map((d) => transfer('W3', 'AGENT', amount, d * D + 7, myr({ toName: 'Shahidul Agent', reference: 'bayar', ...extra })));
const listOf = (txs: Transaction[], parties: Party[] = crew.map((c) => c.party), accounts: Account[] = crew.map((c) => c.account)) =>
  rawHitsOf([debtRepayment()], [...txs].sort((a, b) => a.timestamp - b.timestamp), { profile: MY_LIKE, accounts: [EMPLOYER, ...accounts], parties })
    .filter((h) => h.entity.id === 'AGENT' && h.variant === 'payer_list')
    .at(-1);
const listed = (txs: Transaction[], parties?: Party[], accounts?: Account[]) => listOf(txs, parties, accounts)?.related?.map((r) => r.id);

describe('debt_repayment payer list: a collector\'s other newly arrived payers (MS-DEBT-01, issue 14)', () => {
  test('positive: a new arrival\'s two "bayar" sums beside a debt-named full series are listed, as evidence only', () => {
    const hit = listOf([...ANCHOR, ...stray([100, 130], 40_000)]);
    expect(hit?.related?.map((r) => r.id)).toEqual(['W0', 'W3']);
    expect(hit?.strength).toBe(PAYER_LIST_STRENGTH);
    expect(hit?.facts).toMatchObject({ payerList: 1, anchorPayers: 1 });
    expect(hit !== undefined && isPayerListHit(hit)).toBe(true);
  });

  test('negative: no other payer, or a full series that names no debt, lists nobody', () => {
    expect(listOf(ANCHOR)).toBeUndefined();
    const plain = ANCHOR.map((t) => (t.toAccount === 'AGENT' ? { ...t, reference: 'ok' } : t));
    expect(listOf([...plain, ...stray([100, 130], 40_000)])).toBeUndefined();
  });

  test('boundary: sums from half the anchor\'s smallest instalment (MYR 250.00) up are listed, one sen less is not', () => {
    expect(listed([...ANCHOR, ...stray([100], 25_000)])).toContain('W3');
    expect(listed([...ANCHOR, ...stray([100], 24_999)])).toBeUndefined();
    expect(listed([...ANCHOR, ...stray([100], 100_000)])).toContain('W3');
    expect(listed([...ANCHOR, ...stray([100], 100_001)])).toBeUndefined();
  });

  test('look-alike: a payer sharing the holder\'s family name, a rent payer, a long-standing account and the employer are not listed', () => {
    const relative = crew.map((c, i) => (i === 3 ? { ...c.party, name: 'Kamrul Agent' } : c.party));
    expect(listed([...ANCHOR, ...stray([100], 40_000)], [...relative, { party: 'P-AGENT', name: 'Shahidul Agent', country: 'BD' }])).toBeUndefined();
    expect(listed([...ANCHOR, ...stray([100], 40_000, { reference: 'sewa bilik' })])).toBeUndefined();
    const old = crew.map((c, i) => (i === 3 ? { ...c.account, openedAt: at(-400 * D) } : c.account));
    expect(listed([...ANCHOR, ...stray([100], 40_000)], undefined, old)).toBeUndefined();
    const employer = [100].map((d) => transfer('EMP', 'AGENT', 40_000, d * D, myr({ reference: 'GAJI', fromName: 'Maju Jaya Sdn Bhd' })));
    expect(listed([...ANCHOR, ...employer])).toBeUndefined();
  });
});

describe('network: the payers a vouched collector\'s payer list names join its case (issue 14)', () => {
  const ACCOUNTS: Account[] = ['K', 'P1', 'P3'].map((id) => ({ account: id, party: `H-${id}`, type: 'personal' }));
  const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [debtRepayment()], accounts: ACCOUNTS, minScore: 0 });
  /** P1's own debt-named series to K, strong enough to vouch for K on its own. */
  const sole = memberAlert('P1', 47, [{ rule: 'debt_repayment', strength: 0.85, related: ['K'], facts: { periodDays: 30, debtReference: true } as unknown as Record<string, number> }]);
  const list = (strength = PAYER_LIST_STRENGTH) => memberAlert('K', 3, [{ rule: 'debt_repayment', strength, related: ['P1', 'P3'], facts: { payerList: 1, anchorPayers: 1 } }]);

  test('positive: K\'s list names P3; P1\'s series vouches for K; P3 joins without adding score', () => {
    expect(paymentNamers([list()])('account:K').map((m) => m.id)).toEqual(['P1', 'P3']);
    const without = networkAlerts([sole], config);
    const alerts = networkAlerts([sole, list()], config);
    const net = alerts.find((n) => n.members?.some((m) => m.id === 'P3'));
    expect(net?.members?.map((m) => m.id)).toEqual(['K', 'P1', 'P3']);
    expect(net?.score).toBe(without[0]?.score);
  });

  test('negative: a list on a collector nobody vouches for, or one of strength 0, makes nobody a member', () => {
    const weak = memberAlert('P1', 20, [{ rule: 'debt_repayment', strength: 0.36, related: ['K'], facts: { periodDays: 30, debtReference: true } as unknown as Record<string, number> }]);
    expect(networkAlerts([weak, list()], config).some((n) => n.members?.some((m) => m.id === 'P3'))).toBe(false);
    expect(paymentNamers([list(0)])('account:K')).toEqual([]);
  });
});
