import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { networkAlerts } from '../../src/engine/network.js';
import { VOUCH_MIN_STRENGTH } from '../../src/engine/vouched-payers.js';
import { agentShortSeries, isShortSeriesHit, wageEmployers } from '../../src/engine/wage-employers.js';
import { wageDiversion } from '../../src/rules/debt/wage-diversion.js';
import type { Account } from '../../src/schema/reference-data.js';
import type { Alert } from '../../src/scoring/alert.js';
import { MY_LIKE } from '../helpers/builders.js';
import { memberAlert, type MemberHit } from '../helpers/member-alert.js';

// MS-DEBT-02, a crew seen from both ends: a worker whose wages went to the agent in only two pay
// cycles (strength-0 evidence) joins the agent's network where a workmate of the same employer names
// the agent too — in a full series, or both named by the agent's payday collection.

const ACCOUNTS: Account[] = [
  ...['W1', 'W2', 'W3', 'C1', 'C2'].map((id) => ({ account: id, party: `P${id}`, type: 'personal' as const })),
  { account: 'W1b', party: 'PW1', type: 'personal' },
  { account: 'AG', party: 'PAG', type: 'personal' },
  { account: 'EMP', party: 'PEMP', type: 'business' },
  { account: 'EMP2', party: 'PEMP2', type: 'business' },
  { account: 'EMP3', party: 'PEMP3', type: 'business' },
];
const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [wageDiversion()], accounts: ACCOUNTS, minScore: 0 });
const alert = (id: string, score: number, hits: MemberHit[]): Alert => memberAlert(id, score, hits);
/**
 * A short series (two cycles, strength 0) of `id`'s wages, paid by `employer`, to the agent, beside
 * a weak identity hit (a shared dormitory address): only an alert scoring above 0 reaches the network stage.
 */
const short = (id: string, employer = 'EMP'): Alert => {
  const a = alert(id, 3, [{ rule: 'wage_diversion', strength: 0, facts: { cycles: 2, employer }, related: ['AG'] }, { rule: 'shared_identifier', strength: 0.14, facts: { identifier: 'address' } }]);
  return { ...a, hits: a.hits.map((h) => ({ ...h, facts: { ...h.facts, short: true } })) };
};
/** A worker's full series to the agent, undiscounted unless `strength` says otherwise. */
const full = (id: string, employer = 'EMP', strength = 0.75): Alert => alert(id, 45, [{ rule: 'wage_diversion', strength, facts: { cycles: 4, employer }, related: ['AG'] }]);
/** The agent: its payday collection names `payers` (strength: 0.6 an agent's; a landlord's rent day is discounted below the bar). */
const agent = (payers: string[], strength = 0.6): Alert => alert('AG', 45, [
  { rule: 'wage_diversion', strength, facts: { payers: payers.length, payerClusters: payers.length }, related: payers },
  { rule: 'debt_repayment', strength: 0.55, facts: { periodDays: 30 } },
]);
const members = (alerts: Alert[]): string[][] => networkAlerts(alerts, config).map((n) => (n.members ?? []).map((m) => m.id));
const crew = (alerts: Alert[]): Record<string, string[]> =>
  Object.fromEntries([...agentShortSeries(alerts, config.context.accounts)].map(([k, v]) => [k, [...v].sort()]));

describe('a worker\'s short series joins its agent with the crew (wage-employers.ts agentShortSeries)', () => {
  test('positive: two workmates named by the agent\'s payday collection, each with a short series to it, join its network', () => {
    const alerts = [agent(['W1', 'W2', 'C1', 'C2']), full('C1', 'EMP3'), short('W1'), short('W2')];
    expect(crew(alerts)).toEqual({ 'account:AG': ['account:W1', 'account:W2'] });
    expect(members(alerts)).toEqual([['AG', 'C1', 'W1', 'W2']]);
    // Without their short series the collection's naming alone brings neither in.
    const plain = (id: string): Alert => alert(id, 3, [{ rule: 'shared_identifier', strength: 0.14, facts: { identifier: 'address' } }]);
    const without = members([agent(['W1', 'W2', 'C1', 'C2']), full('C1', 'EMP3'), plain('W1'), plain('W2')]).flat();
    expect(without).not.toContain('W1');
    expect(without).not.toContain('W2');
  });

  test('positive: a workmate\'s full series to the same agent vouches for a short series without any payday collection', () => {
    const alerts = [alert('AG', 31, [{ rule: 'debt_repayment', strength: 0.55, facts: { periodDays: 30 } }]), full('W1'), full('W3'), short('W2')];
    expect(crew(alerts)).toEqual({ 'account:AG': ['account:W2'] });
    // W1b is W1's holder's other account (holder-accounts.ts), W3 a second full series.
    expect(members(alerts)).toEqual([['AG', 'W1', 'W1b', 'W2', 'W3']]);
    expect(members(alerts.filter((a) => a.entity.id !== 'W2'))).toEqual([['AG', 'W1', 'W1b', 'W3']]);
  });

  test('boundary: a workmate\'s full series exactly at VOUCH_MIN_STRENGTH vouches, one step under does not; one holder\'s two accounts are no crew', () => {
    expect(VOUCH_MIN_STRENGTH).toBe(0.5);
    expect(crew([full('W1', 'EMP', 0.5), short('W2')])).toEqual({ 'account:AG': ['account:W2'] });
    expect(crew([full('W1', 'EMP', 0.4999), short('W2')])).toEqual({});
    // W1b is W1's second account: the same person's two series are not two workers.
    expect(crew([full('W1b'), short('W1')])).toEqual({});
    expect(crew([agent(['W1', 'W1b']), short('W1b'), short('W1')])).toEqual({});
    // A short series the payday collection does not name, beside one it names: no crew.
    expect(crew([agent(['W1']), short('W1'), short('W2')])).toEqual({});
  });

  test('negative: a lone short series, workmates of another employer and known members add nothing', () => {
    expect(crew([agent(['W1']), short('W1')])).toEqual({});
    expect(crew([agent(['W1', 'W2']), short('W1'), short('W2', 'EMP2')])).toEqual({});
    expect(crew([full('W1', 'EMP2'), short('W2')])).toEqual({});
    const alerts = [agent(['W1', 'W2']), short('W1'), short('W2')];
    const keys = ['account:AG', 'account:W1', 'account:W2'];
    expect(wageEmployers(alerts, config.context.accounts)(['account:AG'], new Set(keys))).toEqual([]);
    expect(isShortSeriesHit({ rule: 'wage_diversion', facts: { cycles: 2 } })).toBe(false);
  });

  test('look-alike: a landlord\'s rent day (discounted under the agent bar) and a remitter\'s clients from many employers gather no crew', () => {
    expect(crew([agent(['W1', 'W2'], VOUCH_MIN_STRENGTH - 0.0001), short('W1'), short('W2')])).toEqual({});
    // Clients paying an informal remitter from their own wages: named by its busy day, each paid by another employer.
    expect(crew([agent(['W1', 'W2', 'W3']), short('W1', 'EMP'), short('W2', 'EMP2'), short('W3', 'EMP3')])).toEqual({});
    expect(members([agent(['W1', 'W2', 'W3']), short('W1', 'EMP'), short('W2', 'EMP2'), short('W3', 'EMP3')])).toEqual([]);
  });
});
