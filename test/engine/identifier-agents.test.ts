import { describe, expect, test } from 'vitest';
import { cashJoinAlerts } from '../../src/engine/cash-joins.js';
import { resolveConfig } from '../../src/engine/config.js';
import { AGENT_MIN_WORKERS, identifierAgents } from '../../src/engine/identifier-agents.js';
import { DEFAULT_MIN_LINK_STRENGTH, networkAlerts } from '../../src/engine/network.js';
import { scanPartition } from '../../src/engine/partitioned-scan.js';
import { wageWorkers } from '../../src/engine/vouched-payers.js';
import { wageDiversion } from '../../src/rules/debt/wage-diversion.js';
import { sharedIdentifier } from '../../src/rules/identity/shared-identifier.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Alert } from '../../src/scoring/alert.js';
import { AU_LIKE, MY_LIKE, withdrawal } from '../helpers/builders.js';
import { memberAlert } from '../helpers/member-alert.js';

// MS-DEBT-02 card form with MS-ID-01: the collector who uses the workers' cards moves no money of
// their own to or from them, but has their own phone registered on the workers' accounts.

const DORM = 'Asrama Pekerja Sinar, Lot 3, Jalan Kilang 6, Shah Alam';
const ACCOUNTS: Account[] = [
  ...['W1', 'W2', 'W3', 'W4'].map((id) => ({ account: id, party: `P${id}`, type: 'personal' as const })),
  { account: 'AG1', party: 'PAG', type: 'personal' },
  { account: 'AG2', party: 'PAG', type: 'personal' },
  { account: 'F', party: 'PF', type: 'personal' },
  { account: 'D', party: 'PD', type: 'personal' },
  { account: 'C', party: 'PC', type: 'personal' },
];
const PARTIES: Party[] = [
  // W1 and W2 carry the agent's phone; W3 a friend's; W4 only the dormitory address.
  { party: 'PW1', name: 'Aung Ko', phone: '+60111000001', address: DORM, document: 'MM A1' },
  { party: 'PW2', name: 'Zaw Min', phone: '+60111000001', address: DORM, document: 'MM A2' },
  { party: 'PW3', name: 'Thin Thin', phone: '+60111000003', address: DORM, document: 'MM A3' },
  { party: 'PW4', name: 'Kyaw Swar', phone: '+60111000004', address: DORM, document: 'MM A4' },
  { party: 'PAG', name: 'Myo Min', phone: '+60111000001', address: 'No. 4, Lorong Selasih 1, Kuala Lumpur', document: 'MM B1' },
  { party: 'PF', name: 'Hla Myint', phone: '+60111000003', address: 'No. 9, Jalan Merbau 3, Kuala Lumpur', document: 'MM B2' },
  { party: 'PD', name: 'Htet Aung', phone: '+60111000009', address: DORM, document: 'MM B3' },
  { party: 'PC', name: 'Soe Win', phone: '+60111000010', address: 'No. 1, Jalan Ampang, Kuala Lumpur', document: 'MM B4' },
];
const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [wageDiversion(), sharedIdentifier()], accounts: ACCOUNTS, parties: PARTIES, minScore: 0 });
const alert = memberAlert;
/** A worker whose wages leave in cash at once (the worker variant of wage_diversion, discounted: unknown conductor), scoring under the member bar: the burst vouches for it. */
const worker = (id: string, strength = 0.34): Alert => alert(id, 15, [{ rule: 'wage_diversion', strength, facts: { cycles: 6 } }]);
/** A wage agent's payday burst naming the workers (the network variant, with payer clusters). */
const burst = (workers: string[]): Alert => alert('C', 40, [{ rule: 'wage_diversion', strength: 0.7, facts: { payerClusters: workers.length }, related: workers }]);
/** An account whose own shared-identifier hit names `named` (a phone, document or address shared with them). */
const sharer = (id: string, named: string[], strength = 0.5): Alert => alert(id, 10, [{ rule: 'shared_identifier', strength, related: named }]);
const members = (alerts: Alert[]): string[][] => networkAlerts(alerts, config).map((n) => (n.members ?? []).map((m) => m.id));
const WORKERS = ['W1', 'W2', 'W3', 'W4'];
const agentsOf = (alerts: Alert[], minLinkStrength = DEFAULT_MIN_LINK_STRENGTH) =>
  identifierAgents(alerts, { workers: wageWorkers(alerts), familyOf: config.familyOf, context: config.context, minLinkStrength });
const keys = (ids: string[]): string[] => ids.map((id) => `account:${id}`);

describe('a wage workers\' agent seen through their identifiers (identifier-agents.ts)', () => {
  test('positive: the holder whose phone two member workers\' accounts carry joins the network with both its accounts, adding no hits or score', () => {
    const base = [burst(WORKERS), ...WORKERS.map((w) => worker(w))];
    const [n] = networkAlerts([...base, sharer('AG1', ['W1', 'W2'])], config);
    expect(n?.members?.map((m) => m.id)).toEqual(['AG1', 'AG2', 'C', 'W1', 'W2', 'W3', 'W4']);
    expect(n?.hits.some((h) => h.rule === 'shared_identifier')).toBe(false);
    expect(n?.score).toBe(networkAlerts(base, config)[0]?.score);
  });

  test('boundary: exactly AGENT_MIN_WORKERS workers\' holders and a hit at the link bar join; one worker, or a hit just below the bar, do not', () => {
    expect(AGENT_MIN_WORKERS).toBe(2);
    expect(DEFAULT_MIN_LINK_STRENGTH).toBe(0.35);
    const ws = WORKERS.map((w) => worker(w));
    expect(agentsOf([...ws, sharer('AG1', ['W1', 'W2'], 0.35)])(keys(WORKERS), new Set(keys(WORKERS))).map((r) => r.id)).toEqual(['AG1', 'AG2']);
    expect(agentsOf([...ws, sharer('AG1', ['W1', 'W2'], 0.3499)])(keys(WORKERS), new Set(keys(WORKERS)))).toEqual([]);
    expect(agentsOf([...ws, sharer('AG1', ['W1'])])(keys(WORKERS), new Set(keys(WORKERS)))).toEqual([]);
  });

  test('negative: the named accounts must be wage workers and members of this network; an agent already listed is not added again', () => {
    // W1 and W2 without a worker hit of their own (a shared phone alone is no case).
    expect(agentsOf([worker('W3'), sharer('AG1', ['W1', 'W2'])])(keys(WORKERS), new Set(keys(WORKERS)))).toEqual([]);
    // Workers of another network.
    expect(agentsOf([worker('W1'), worker('W2'), sharer('AG1', ['W1', 'W2'])])(keys(['W3', 'W4']), new Set(keys(['W3', 'W4'])))).toEqual([]);
    // A worker hit under the crew bar (0.25) is no worker.
    expect(agentsOf([worker('W1', 0.2499), worker('W2'), sharer('AG1', ['W1', 'W2'])])(keys(WORKERS), new Set(keys(WORKERS)))).toEqual([]);
    const listed = new Set([...keys(WORKERS), 'account:AG1']);
    expect(agentsOf([worker('W1'), worker('W2'), sharer('AG1', ['W1', 'W2'])])([...listed], listed)).toEqual([]);
  });

  test('look-alike: a dormitory resident linked to the workers by the address only, and a friend on one worker\'s phone, join nobody\'s case', () => {
    const ws = WORKERS.map((w) => worker(w));
    // D's hit lists everyone its identifiers link; D shares only the dormitory address with them.
    expect(agentsOf([...ws, sharer('D', ['W1', 'W2', 'W3', 'W4'], 0.6)])(keys(WORKERS), new Set(keys(WORKERS)))).toEqual([]);
    expect(agentsOf([...ws, sharer('F', ['W3'], 0.6)])(keys(WORKERS), new Set(keys(WORKERS)))).toEqual([]);
    expect(members([burst(WORKERS), ...ws, sharer('D', WORKERS, 0.6), sharer('F', ['W3'], 0.6)])).toEqual([['C', 'W1', 'W2', 'W3', 'W4']]);
  });

  test('card sessions: the agent\'s accounts join the session\'s alert, named in its reason; without agents the alert is as before', () => {
    const D = 24;
    const txs = [0, 30, 60].flatMap((d) => ['W1', 'W2', 'W3'].map((h, i) => withdrawal(h, 50_000, d * D + 10 + (i * 3) / 60, { location: 'BANK-KUL-A01', id: `w-${h}-${d}` })));
    const options = { jurisdiction: AU_LIKE, minScore: 0 };
    const part = scanPartition(txs, options, { index: 0, count: 1 });
    const cfg = resolveConfig(options);
    const plain = cashJoinAlerts(part.candidates, cfg);
    expect(plain.map((a) => (a.members ?? []).map((m) => m.id))).toEqual([['W1', 'W2', 'W3']]);
    expect(plain[0]?.hits[0]?.facts['agentAccounts']).toBeUndefined();
    const stub = (ms: Iterable<string>) => ([...ms].includes('account:W1') ? [{ kind: 'account' as const, id: 'AG1' }] : []);
    const [withAgent] = cashJoinAlerts(part.candidates, cfg, new Set(), stub);
    expect((withAgent?.members ?? []).map((m) => m.id)).toEqual(['AG1', 'W1', 'W2', 'W3']);
    expect(withAgent?.hits[0]?.facts['agentAccounts']).toBe(1);
    expect(withAgent?.hits[0]?.reason).toMatch(/; AG1: the accounts of the person whose phone or identity document two or more of these workers' accounts carry\.$/);
    expect(withAgent?.score).toBe(plain[0]?.score);
  });
});
