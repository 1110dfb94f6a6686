import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { networkAlerts } from '../../src/engine/network.js';
import { WORKER_MIN_STRENGTH } from '../../src/engine/vouched-payers.js';
import { EMPLOYER_MIN_WORKERS, wageEmployers } from '../../src/engine/wage-employers.js';
import { wageDiversion } from '../../src/rules/debt/wage-diversion.js';
import type { Account } from '../../src/schema/reference-data.js';
import type { Alert } from '../../src/scoring/alert.js';
import { MY_LIKE } from '../helpers/builders.js';
import { memberAlert, type MemberHit } from '../helpers/member-alert.js';

// MS-DEBT-02 from where the wages come from: an agent takes some of a crew's wages by transfer and
// has the others' drawn in cash with their cards; only the employer ties the cash to the case.

const ACCOUNTS: Account[] = [
  ...['W1', 'W2', 'W3', 'W4', 'M1'].map((id) => ({ account: id, party: `P${id}`, type: 'personal' as const })),
  { account: 'AG', party: 'PAG', type: 'personal' },
  { account: 'EMP', party: 'PEMP', type: 'business' },
  { account: 'EMP2', party: 'PEMP2', type: 'business' },
  { account: 'GOV', party: 'PGOV', type: 'government' },
];
const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [wageDiversion()], accounts: ACCOUNTS, minScore: 0 });
const alert = memberAlert;
/** A worker whose wages, all paid by `employer`, go to the agent at once (worker variant, undiscounted): a network member. */
const payer = (id: string, employer = 'EMP', strength = 0.75): Alert => alert(id, 45, [{ rule: 'wage_diversion', strength, facts: { cycles: 4, employer }, related: ['AG'] }]);
/** A worker whose wages, all paid by `employer`, leave in cash of unknown conductor (discounted), scoring under any alert. */
const cashWorker = (id: string, strength = 0.27, employer = 'EMP'): Alert => alert(id, 18, [{ rule: 'wage_diversion', strength, facts: { cycles: 4, employer, discount: 'cash_conductor_unknown' } }]);
/** The agent's own debt-like series abroad: a second family of evidence, so that the members form a network. */
const agent = (): Alert => alert('AG', 31, [{ rule: 'debt_repayment', strength: 0.55, facts: { periodDays: 30 } }]);
const members = (alerts: Alert[]): string[][] => networkAlerts(alerts, config).map((n) => (n.members ?? []).map((m) => m.id));
const crewOf = (alerts: Alert[]) => wageEmployers(alerts, config.context.accounts);
const keys = (ids: string[]): string[] => ids.map((id) => `account:${id}`);

describe('the other diverted workers of a case\'s employer (wage-employers.ts)', () => {
  test('positive: a worker whose wages leave in cash joins the network of two workmates paying the agent; the employer does not', () => {
    const base = [agent(), payer('W1'), payer('W2')];
    expect(members(base)).toEqual([['AG', 'W1', 'W2']]);
    const [n] = networkAlerts([...base, cashWorker('W3')], config);
    expect(n?.members?.map((m) => m.id)).toEqual(['AG', 'W1', 'W2', 'W3']);
    // It adds no hits and no score: the network's are its alerted members'.
    expect(n?.hits.some((h) => h.reason.startsWith('account W3'))).toBe(false);
    expect(n?.score).toBe(networkAlerts(base, config)[0]?.score);
  });

  test('boundary: exactly EMPLOYER_MIN_WORKERS member workers\' holders, and a worker hit exactly at WORKER_MIN_STRENGTH, suffice; one below does not', () => {
    expect(EMPLOYER_MIN_WORKERS).toBe(2);
    expect(WORKER_MIN_STRENGTH).toBe(0.25);
    const ids = (alerts: Alert[], m: string[]) => crewOf(alerts)(keys(m), new Set(keys(m))).map((r) => r.id);
    expect(ids([payer('W1'), payer('W2'), cashWorker('W3', 0.25)], ['W1', 'W2'])).toEqual(['W3']);
    expect(ids([payer('W1'), payer('W2'), cashWorker('W3', 0.2499)], ['W1', 'W2'])).toEqual([]);
    // One member worker of the employer is a coincidence.
    expect(ids([payer('W1'), payer('W2'), cashWorker('W3')], ['W1'])).toEqual([]);
    // One holder's two accounts (W1b is W1's second account) count once.
    const withSecond = new Map(config.context.accounts).set('W1b', { account: 'W1b', party: 'PW1', type: 'personal' });
    expect(wageEmployers([payer('W1'), payer('W1b'), cashWorker('W3')], withSecond)(keys(['W1', 'W1b']), new Set(keys(['W1', 'W1b'])))).toEqual([]);
  });

  test('negative: another employer\'s worker, a worker with no single employer, government payers and known members are not added', () => {
    const ids = (alerts: Alert[], m: string[], known = m) => crewOf(alerts)(keys(m), new Set(keys(known))).map((r) => r.id);
    expect(ids([payer('W1'), payer('W2'), cashWorker('W3', 0.27, 'EMP2')], ['W1', 'W2'])).toEqual([]);
    expect(ids([payer('W1'), payer('W2'), alert('W3', 18, [{ rule: 'wage_diversion', strength: 0.27, facts: { cycles: 4 } }])], ['W1', 'W2'])).toEqual([]);
    expect(ids([payer('W1', 'GOV'), payer('W2', 'GOV'), cashWorker('W3', 0.27, 'GOV')], ['W1', 'W2'])).toEqual([]);
    expect(ids([payer('W1'), payer('W2'), cashWorker('W3')], ['W1', 'W2'], ['W1', 'W2', 'W3'])).toEqual([]);
    // Workers of one employer with no case of their own raise no network.
    expect(members([cashWorker('W3'), cashWorker('W4')])).toEqual([]);
  });

  test('look-alike: a lawful migrant workmate who draws the wage in cash (discounted under the worker bar) and a payroll with no case stay out', () => {
    // Three cycles of three-quarters of the wage in cash of unknown conductor: (0.45 + 0.1) × 0.45 ≈ 0.25 − ε at most; a typical one scores 0.20.
    const [n] = networkAlerts([agent(), payer('W1'), payer('W2'), cashWorker('M1', 0.2025)], config);
    expect(n?.members?.map((m) => m.id)).toEqual(['AG', 'W1', 'W2']);
    // An employer whose workers draw their pay in cash, no agent anywhere: nothing joins anything.
    expect(crewOf([cashWorker('W3'), cashWorker('W4'), cashWorker('M1')])([], new Set())).toEqual([]);
  });
});

describe('a crew\'s card session and the crew its employer gathers: one network, the stronger reading', () => {
  /** Cash-site records (strength-0 evidence) of the account's card used at one ATM at 10:00 + `slot` minutes on days 0, 30 and 60. */
  const cardUse = (id: string, slot: number): MemberHit[] => [0, 30, 60].map((d) => {
    const ts = Date.parse('2025-01-01T10:00:00.000Z') + d * 86_400_000 + slot * 60_000;
    return { rule: 'cash_site', strength: 0, facts: { cash: 'w', loc: 'BANK-KUL-A01', tx: `c-${id}-${d}`, ts, amount: 150_000, found: ts } };
  });
  const withCards = (a: Alert, slot: number): Alert => ({ ...a, hits: [...a.hits, ...alert(a.entity.id, a.score, cardUse(a.entity.id, slot)).hits] });

  test('positive: where the card session has the members of the component alert, the network alert is one, at the higher of their scores', () => {
    // Members scoring in the twenties on their own: the network's floor (its strongest member) stays below both readings.
    const weak = (a: Alert): Alert => ({ ...a, score: 25 });
    const plain = [weak(agent()), weak(payer('W1', 'EMP', 0.5)), weak(payer('W2', 'EMP', 0.5)), cashWorker('W3')];
    const carded = plain.map((a, i) => withCards(a, i * 3));
    const component = networkAlerts(plain, config);
    expect(component.map((n) => (n.members ?? []).map((m) => m.id))).toEqual([['AG', 'W1', 'W2', 'W3']]);
    const both = networkAlerts(carded, config);
    // One alert for the four members, never two with one entity id.
    expect(both.map((n) => (n.members ?? []).map((m) => m.id))).toEqual([['AG', 'W1', 'W2', 'W3']]);
    // The card session (the shared ATM sessions' evidence, 44 here) scores more than the crew's component (30): it stands in for it.
    expect(both[0]?.hits.some((h) => h.rule === 'cash_site')).toBe(true);
    expect(both[0]?.score).toBeGreaterThan(component[0]?.score ?? 0);
    // Where the component scores more, it stays: the members' own scores as they are (45 and more), the card session adds nothing.
    const strong = networkAlerts([agent(), payer('W1'), payer('W2'), cashWorker('W3')].map((a, i) => withCards(a, i * 3)), config);
    expect(strong.map((n) => (n.members ?? []).map((m) => m.id))).toEqual([['AG', 'W1', 'W2', 'W3']]);
    expect(strong[0]?.score).toBe(networkAlerts([agent(), payer('W1'), payer('W2'), cashWorker('W3')], config)[0]?.score);
  });
});
