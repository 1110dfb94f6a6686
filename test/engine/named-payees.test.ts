import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { networkAlerts } from '../../src/engine/network.js';
import { MIN_NAMING_PAYERS, SOLE_PAYER_MIN_STRENGTH, VOUCH_MIN_STRENGTH, isSolePayerHit, namedPayees, vouchedPayers } from '../../src/engine/vouched-payers.js';
import { debtRepayment } from '../../src/rules/debt/debt-repayment.js';
import { wageDiversion } from '../../src/rules/debt/wage-diversion.js';
import { fanOut } from '../../src/rules/flow/fan-out.js';
import { passThrough } from '../../src/rules/flow/pass-through.js';
import type { Alert, AlertHit } from '../../src/scoring/alert.js';
import type { Account } from '../../src/schema/reference-data.js';
import { MY_LIKE } from '../helpers/builders.js';

// The collector of a debt seen only from its payers' side, in a component an employer's payroll
// holds together (issue 14: a salaried collector whose payers' own series name it, split off
// because the payroll link made the component split over its links seen from both ends).

const ACCOUNTS: Account[] = [
  { account: 'EMP', party: 'E', type: 'business' },
  { account: 'K', party: 'HK', type: 'personal' },
  { account: 'MSB', party: 'HM', type: 'msb' },
  { account: 'P1', party: 'H1', type: 'personal' },
  { account: 'P2', party: 'H2', type: 'personal' },
  { account: 'P3', party: 'H3', type: 'personal' },
  { account: 'P3B', party: 'H3', type: 'personal' },
  { account: 'P4', party: 'H4', type: 'personal' },
];
const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [debtRepayment(), wageDiversion(), fanOut(), passThrough()], accounts: ACCOUNTS, minScore: 0 });
const hit = (rule: string, strength: number, related: string[], facts: AlertHit['facts']): AlertHit => ({
  rule, indicators: [], strength, window: { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' }, transactionIds: [`t-${rule}`], transactionCount: 1,
  reason: 'Possible pattern.', facts, ...(related.length > 0 ? { related: related.map((id) => ({ kind: 'account' as const, id })) } : {}),
});
const alert = (id: string, score: number, hits: AlertHit[]): Alert => ({
  schema: 'tidewatch/alert@1', id: `a-${id}`, entity: { kind: 'account', id }, score, band: 'low', typologies: [], contributions: [], hits,
  firstSeen: '2025-01-01T00:00:00.000Z', lastSeen: '2025-01-02T00:00:00.000Z', engine: { version: '0', config: 'x', jurisdiction: 'MY' },
});
/** A payer's own alert: a regular post-arrival series to `payee` (the payer variant of debt_repayment). */
const payer = (id: string, strength: number, payee = 'K', score = 45) => alert(id, score, [hit('debt_repayment', strength, [payee], { payments: 5, periodDays: 30 })]);
/** A worker's own alert: most of each wage passed at once to `payee` (the worker variant of wage_diversion). */
const worker = (id: string, strength: number, payee = 'K', score = 40) => alert(id, score, [hit('wage_diversion', strength, [payee], { cycles: 4, medianShare: 0.8 })]);
/** The employer's payroll: a business account's fan-out naming its workers (payroll links, see payroll-links.ts). */
const payroll = (...workers: string[]) => alert('EMP', 13, [hit('fan_out', 0.45, workers, { recipients: workers.length })]);
/** The members of the network that lists `id`, if any. */
const networkOf = (alerts: Alert[], id = 'K') => networkAlerts(alerts, config).find((n) => n.members?.some((m) => m.id === id))?.members?.map((m) => m.id);

describe('payees named by two or more members\' own series hold a component split over confirmed links (issue 14)', () => {
  test('positive: two payers whose own series name a salaried collector stay together with it although their payroll holds the component', () => {
    expect(networkOf([payroll('K', 'P1', 'P2'), payer('P1', 0.85), payer('P2', 0.9)])).toEqual(['K', 'P1', 'P2']);
    // The same with the payee's alert of its own missing and no payroll: unchanged (no split needed).
    expect(networkOf([payer('P1', 0.85), payer('P2', 0.9)])).toEqual(['K', 'P1', 'P2']);
    // And when the component is too large: a payer naming K stays with K.
    const tooMany = networkAlerts([payer('P1', 0.85), payer('P2', 0.9), payer('P4', 0.9)], config, { maxMembers: 2 });
    expect(tooMany.flatMap((n) => n.members?.map((m) => m.id) ?? [])).toEqual([]);
    expect(networkAlerts([payer('P1', 0.85), payer('P2', 0.9), payer('P4', 0.9)], config, { maxMembers: 3 })[0]?.members?.map((m) => m.id)).toEqual(['K', 'P1', 'P2', 'P4']);
  });

  test('positive: two workers\' own wage series name the agent they pass their wages to', () => {
    expect(networkOf([payroll('P1', 'P2'), worker('P1', 0.7), worker('P2', 0.6)])).toEqual(['K', 'P1', 'P2']);
    expect(namedPayees([worker('P1', 0.7), worker('P2', 0.6)], (a) => a.entity.id)).toEqual(new Set(['account:K']));
  });

  test(`boundary: ${MIN_NAMING_PAYERS} payers at VOUCH_MIN_STRENGTH confirm the payee; one payer, or a series just below the bar, does not`, () => {
    expect(MIN_NAMING_PAYERS).toBe(2);
    expect(namedPayees([payer('P1', VOUCH_MIN_STRENGTH), payer('P2', VOUCH_MIN_STRENGTH)], (a) => a.entity.id)).toEqual(new Set(['account:K']));
    expect(namedPayees([payer('P1', 0.9), payer('P2', 0.4999)], (a) => a.entity.id)).toEqual(new Set());
    expect(networkOf([payroll('K', 'P1', 'P2'), payer('P1', VOUCH_MIN_STRENGTH), payer('P2', VOUCH_MIN_STRENGTH)])).toEqual(['K', 'P1', 'P2']);
    expect(networkOf([payroll('K', 'P1', 'P2'), payer('P1', 0.9), payer('P2', 0.4999)])).toBeUndefined();
    expect(networkOf([payroll('K', 'P1'), payer('P1', 0.9)])).toBeUndefined();
  });

  test('negative: one holder\'s two accounts count once; an msb payee is never confirmed; a payer below the member score confirms nothing', () => {
    expect(networkOf([payroll('K', 'P3', 'P3B'), payer('P3', 0.9), payer('P3B', 0.9)])).toBeUndefined();
    expect(namedPayees([payer('P1', 0.9, 'MSB'), payer('P2', 0.9, 'MSB')], (a) => a.entity.id, (key) => key === 'account:MSB')).toEqual(new Set());
    expect(networkOf([payroll('MSB', 'P1', 'P2'), payer('P1', 0.9, 'MSB'), payer('P2', 0.9, 'MSB')], 'MSB')).toBeUndefined();
    expect(networkOf([payroll('K', 'P1', 'P2'), payer('P1', 0.9), payer('P2', 0.9, 'K', 19)])).toBeUndefined();
    // Collector hits (which count payer families) are not payer series.
    expect(namedPayees([alert('C1', 50, [hit('debt_repayment', 0.9, ['K'], { payerClusters: 3, periodDays: 30 })]), payer('P1', 0.9)], (a) => a.entity.id)).toEqual(new Set());
  });

  test('look-alike: a landlord paid by tenants whose rent series are discounted below 0.5, and a relative paid by one flagged payer, stay out', () => {
    expect(networkOf([payroll('K', 'P1', 'P2', 'P4'), payer('P1', 0.45), payer('P2', 0.4), payer('P4', 0.35)])).toBeUndefined();
    // A relative paid by one flagged payer (its series strong, but naming no debt) while a second tenant's rent is discounted.
    expect(networkOf([payroll('K', 'P1', 'P2'), payer('P1', 0.95, 'K', 60), payer('P2', 0.3)])).toBeUndefined();
  });
});

/** A payer's own series naming its debt ("hutang", "loan": `debtReference`), with the facts `extra` adds (a discount). */
const named = (id: string, strength: number, payee = 'K', extra: AlertHit['facts'] = {}, score = 50) =>
  alert(id, score, [hit('debt_repayment', strength, [payee], { payments: 6, periodDays: 30, debtReference: true, ...extra })]);
const listed = (alerts: Alert[]) => networkAlerts(alerts, config).map((n) => [n.members?.map((m) => m.id), n.score]);

describe('the creditor one payer\'s own debt series names (MS-DEBT-01 in the payer\'s words)', () => {
  test('positive: a lone payer whose series names its debt lists the payee, and the payee holder\'s other accounts, at the payer\'s score', () => {
    expect(listed([named('P1', 0.85)])).toEqual([[['K', 'P1'], 50]]);
    expect(listed([named('P1', 0.85, 'P3')])).toEqual([[['P1', 'P3', 'P3B'], 50]]);
  });

  test(`boundary: a series at SOLE_PAYER_MIN_STRENGTH (${SOLE_PAYER_MIN_STRENGTH}) vouches; just below it, or without a debt reference, only a second payer makes the payee a member`, () => {
    expect(SOLE_PAYER_MIN_STRENGTH).toBe(0.7);
    expect(listed([named('P1', SOLE_PAYER_MIN_STRENGTH)])).toEqual([[['K', 'P1'], 50]]);
    expect(listed([named('P1', 0.6999)])).toEqual([]);
    expect(listed([named('P1', 0.9, 'K', { debtReference: false })])).toEqual([]);
    expect(isSolePayerHit({ rule: 'debt_repayment', strength: 0.7, facts: { periodDays: 30, debtReference: true } })).toBe(true);
    expect(isSolePayerHit({ rule: 'debt_repayment', strength: 0.6999, facts: { periodDays: 30, debtReference: true } })).toBe(false);
  });

  test('negative: collector and worker hits, and a payer below the member score, vouch for no sole payee', () => {
    expect(isSolePayerHit({ rule: 'debt_repayment', strength: 0.9, facts: { periodDays: 30, payerClusters: 3, debtReference: true } })).toBe(false);
    expect(isSolePayerHit({ rule: 'wage_diversion', strength: 0.9, facts: { cycles: 4, debtReference: true } })).toBe(false);
    expect(listed([named('P1', 0.9, 'K', {}, 19)])).toEqual([]);
    expect(vouchedPayers([named('P1', 0.9)], new Set(['account:P1', 'account:K']))).toEqual([]);
  });

  test('look-alike: a relative paid by one flagged payer, a landlord paid rent by a flagged tenant, a savings-group organiser: discounted, never a member', () => {
    // Kinship references or a shared family name discount the series (family support called a loan).
    expect(listed([named('P1', 0.75, 'K', { discount: 'kinship_references' })])).toEqual([]);
    expect(listed([named('P1', 0.75, 'K', { discount: 'common_family_name' })])).toEqual([]);
    // Rent references discount it: the landlord stays out even where the tenant's series reads strong.
    expect(listed([named('P1', 0.72, 'K', { discount: 'rent_reference' })])).toEqual([]);
    // A savings-group member's monthly contributions to its organiser (no debt reference, 0.55).
    expect(listed([named('P1', 0.55, 'K', { debtReference: false })])).toEqual([]);
  });
});
