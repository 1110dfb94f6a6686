import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { createMonitor } from '../../src/engine/monitor.js';
import { DEFAULT_MIN_LINK_STRENGTH, DEFAULT_MIN_MEMBER_SCORE, networkAlerts } from '../../src/engine/network.js';
import { scan } from '../../src/engine/scan.js';
import { debtRepayment } from '../../src/rules/debt/debt-repayment.js';
import { nearThresholdCash } from '../../src/rules/structuring/near-threshold-cash.js';
import { sharedIdentifier } from '../../src/rules/identity/shared-identifier.js';
import { thirdPartyPayer } from '../../src/rules/flow/third-party-payer.js';
import type { Rule } from '../../src/rules/types.js';
import { defineTypology } from '../../src/scoring/typology.js';
import { AlertSchema, type Alert } from '../../src/scoring/alert.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { AU_LIKE, MY_LIKE, at, deposit, transfer } from '../helpers/builders.js';

const D = 24;
const PHONE = '+60123456789';
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
const monthly = (n: number, start = 1) => Array.from({ length: n }, (_, i) => start + 30 * i);

/**
 * Three newly arrived workers of unrelated families, living apart, whose accounts carry one phone
 * number (the agent's); each pays the agent's account monthly: a debt_repayment collector on AGENT
 * (payers in `related`), shared_identifier on each payer (the other payers in `related`).
 */
const NAMES = ['Rafiqul Mondal', 'Jahangir Sikder', 'Nazmul Howlader'];
const EMPLOYER: Account = { account: 'EMP', type: 'business', country: 'MY' };
const workers = (phone: (i: number) => string | undefined) =>
  NAMES.map((name, i) => ({
    account: { account: `W${i}`, party: `P-W${i}`, type: 'personal', openedAt: at(-(10 + i) * D), country: 'MY' } satisfies Account,
    party: { party: `P-W${i}`, name, country: 'BD', address: `No. ${i + 3}, Jalan Mawar ${i + 1}, Johor Bahru`, ...(phone(i) === undefined ? {} : { phone: phone(i) }) } as Party,
  }));
const wages = (to: string) => monthly(4, 0).map((d) => transfer('EMP', to, 200_000, d * D, myr({ reference: 'GAJI', fromName: 'Maju Jaya Sdn Bhd' })));
const instalments = (from: string, i: number) =>
  monthly(4, 1 + i).map((d) => transfer(from, 'AGENT', 50_000 + 10_000 * i, d * D + 5, myr({ toName: 'Shahidul Agent', channel: 'remitter' })));
const TXS: Transaction[] = NAMES.flatMap((_, i) => [...wages(`W${i}`), ...instalments(`W${i}`, i)]);
/** Each payer also pays in cash just under the MYR 25,000 threshold three times in a day: evidence of its own. */
const CASH: Transaction[] = NAMES.flatMap((_, i) => [0, 1, 2].map((h) => deposit(`W${i}`, 2_400_000, 40 * D + 3 * i + h, myr({ id: `cash-W${i}-${h}` }))));
const TXS_CASH: Transaction[] = [...TXS, ...CASH];

const options = (phone: (i: number) => string | undefined = () => PHONE, minScore = 0) => {
  const crew = workers(phone);
  return {
    jurisdiction: MY_LIKE,
    rules: [debtRepayment(), sharedIdentifier(), nearThresholdCash()],
    accounts: [EMPLOYER, ...crew.map((c) => c.account)],
    parties: crew.map((c) => c.party),
    minScore,
  };
};
/** A test rule (money-flow family, one-day window): an outgoing transfer of ≥ MYR 500 links the payee. */
const linker: Rule<'linker'> = {
  id: 'linker', indicators: ['TEST-LINK'], family: 'network_flow', entities: ['account'], windowMs: 86_400_000, options: {}, description: 'Test link.',
  evaluate: (w) => {
    const e = w.events[w.events.length - 1]!;
    if (e.kind !== 'transfer' || e.direction !== 'out' || e.counterparty === undefined || e.amount < 50_000) return [];
    return [{
      rule: 'linker', indicators: ['TEST-LINK'], entity: { kind: w.kind, id: w.id }, strength: 0.5, window: { from: e.ts, to: e.ts },
      transactionIds: [e.id], reason: 'Possible test link pattern.', facts: {}, related: [{ kind: 'account', id: e.counterparty }],
    }];
  },
};
/** Short windows, so idle entities are evicted (and kept for networks) long before the end of the run. */
const shortOptions = (minScore = 0) => ({
  jurisdiction: AU_LIKE,
  rules: [linker, nearThresholdCash({ windows: [{ days: 1, minCount: 2 }], reportedLookbackDays: 1 })],
  typologies: [defineTypology({ id: 'test_network', name: 'Test', weights: { linker: 40, near_threshold_cash: 45 } })],
  accounts: [{ account: 'H1', party: 'PH' }, { account: 'H2', party: 'PH' }],
  minScore,
});
const sortTxs = (txs: readonly Transaction[]) => [...txs].sort((x, y) => x.timestamp - y.timestamp || (x.id < y.id ? -1 : 1));
const canonical = (alerts: readonly Alert[]) => JSON.stringify([...alerts].sort((x, y) => (x.id < y.id ? -1 : 1)));
const fold = (updates: readonly { alerts: readonly Alert[] }[]) => {
  const byId = new Map<string, Alert>();
  for (const u of updates) for (const x of u.alerts) byId.set(x.id, x);
  return [...byId.values()];
};
/** Runs a monitor over time-sorted transactions in chunks of `size`, restarting from a JSON checkpoint at `cut`. */
function monitorRun(sorted: readonly Transaction[], opts: Parameters<typeof createMonitor>[0], size: number, cut: number) {
  const m = createMonitor(opts);
  const before = [];
  for (let i = 0; i < cut; i += size) before.push(m.push(sorted.slice(i, Math.min(cut, i + size))));
  const resumed = createMonitor({ ...opts, checkpoint: JSON.parse(JSON.stringify(m.checkpoint())) });
  const after = [];
  for (let i = cut; i < sorted.length; i += size) after.push(resumed.push(sorted.slice(i, i + size)));
  const flushed = resumed.flush();
  return { all: fold([...before, ...after, flushed]), flushed: flushed.alerts };
}

const networks = (alerts: readonly Alert[]) => alerts.filter((a) => a.entity.kind === 'network');
const entities = (alerts: readonly Alert[]) => alerts.filter((a) => a.entity.kind !== 'network');

describe('network alerts', () => {
  test('a collector and its payers (sharing a phone, structuring cash): one network alert scoring above every member', () => {
    const { alerts } = scan(TXS_CASH, options());
    const members = entities(alerts);
    expect(members.find((a) => a.entity.id === 'AGENT')?.hits.map((h) => h.rule)).toEqual(['debt_repayment']);
    expect(members.find((a) => a.entity.id === 'AGENT')?.hits[0]?.related).toEqual([{ kind: 'account', id: 'W0' }, { kind: 'account', id: 'W1' }, { kind: 'account', id: 'W2' }]);
    expect(members.find((a) => a.entity.id === 'W0')?.hits.map((h) => h.rule)).toContain('shared_identifier');

    const net = networks(alerts);
    expect(net).toHaveLength(1);
    const n = net[0] as Alert;
    expect(AlertSchema.safeParse(n).success).toBe(true);
    expect(n.entity.id).toMatch(/^net-[0-9a-f]{27}$/);
    expect(n.members).toEqual([
      ...['AGENT', 'W0', 'W1', 'W2'].map((id) => ({ kind: 'account', id })),
      ...['P-W0', 'P-W1', 'P-W2'].map((id) => ({ kind: 'party', id })),
    ]);
    for (const m of members) expect(n.score).toBeGreaterThan(m.score);
    expect(n.contributions.map((c) => c.rule)).toEqual(expect.arrayContaining(['debt_repayment', 'shared_identifier']));
    expect(n.contributions.reduce((s, c) => s + c.points, 0)).toBe(n.score);
    // The evidence that carries the score is listed first.
    const top = [...n.contributions].sort((a, b) => b.points - a.points)[0]!.rule;
    expect(n.hits[0]!.rule).toBe(top);
    // Every member hit is carried, named by its entity, with its evidence.
    expect(n.hits).toHaveLength(members.reduce((s, m) => s + m.hits.length, 0));
    const agentHit = n.hits.find((h) => h.reason.startsWith('account AGENT: Possible debt-repayment collection pattern'));
    expect(agentHit?.transactionIds).toEqual(members.find((a) => a.entity.id === 'AGENT')?.hits[0]?.transactionIds);
    expect(n.firstSeen).toBe([...members].map((m) => m.firstSeen).sort()[0]);
    expect(n.lastSeen).toBe([...members].map((m) => m.lastSeen).sort().at(-1));
  });

  test('members below the minimum score still join: the network alone reaches it', () => {
    const all = scan(TXS_CASH, options()).alerts;
    const top = networks(all)[0]!.score;
    const { alerts } = scan(TXS_CASH, options(() => PHONE, top));
    // No member reaches the network's score on its own, so none is returned at that minimum …
    expect(entities(alerts)).toEqual([]);
    // … and the network, formed from all of them, is.
    expect(networks(alerts).map((a) => a.members?.map((m) => m.id))).toEqual([['AGENT', 'W0', 'W1', 'W2', 'P-W0', 'P-W1', 'P-W2']]);
    expect(networks(alerts)).toEqual(networks(all).map((a) => ({ ...a, engine: { ...a.engine, config: expect.any(String) } })));
  });

  test('a payer whose only evidence is a shared identifier is a link, not a member — unless the collector vouches for it', () => {
    // Dormitory residents and households share phones and addresses lawfully: W0 only shares the
    // phone, while W1 and W2 also show a debt-repayment series of their own.
    const { alerts } = scan(TXS, options());
    expect(entities(alerts).find((a) => a.entity.id === 'W0')?.hits.map((h) => h.rule)).toEqual(['shared_identifier']);
    // The collector's hit (≥ VOUCH_MIN_STRENGTH) names W0 among its payers: W0 is a member, with no hits of its own.
    const agent = entities(alerts).find((a) => a.entity.id === 'AGENT')!;
    expect(agent.hits[0]!.strength).toBeGreaterThanOrEqual(0.5);
    expect(networks(alerts).map((n) => n.members?.map((m) => m.id))).toEqual([['AGENT', 'W0', 'W1', 'W2']]);
    // A collector hit below it vouches for nobody: W0 is a link again.
    const weak = entities(alerts).map((a) => (a === agent ? { ...a, hits: a.hits.map((h) => ({ ...h, strength: 0.49 })) } : a));
    expect(networkAlerts(weak, resolveConfig(options())).map((n) => n.members?.map((m) => m.id))).toEqual([['AGENT', 'W1', 'W2']]);
    // Without the shared phone the debt links alone add no other family: only the vouching
    // collector's network (its payers, scored by its alert members: the collector and the two
    // payers with series of their own), none from a weak one.
    const apart = scan(TXS, options(() => undefined)).alerts;
    const net = networks(apart);
    expect(net.map((n) => n.members?.map((m) => m.id))).toEqual([['AGENT', 'W0', 'W1', 'W2']]);
    expect(net[0]!.contributions.map((c) => c.rule)).toEqual(['debt_repayment']);
    expect(net[0]!.score).toBeGreaterThan(entities(apart).find((a) => a.entity.id === 'AGENT')!.score);
    const weakApart = entities(apart).map((a) => (a.entity.id === 'AGENT' ? { ...a, hits: a.hits.map((h) => ({ ...h, strength: 0.49 })) } : a));
    expect(networkAlerts(weakApart, resolveConfig(options(() => undefined)))).toEqual([]);
  });

  test('unlinked alerts form no network; linked alerts of one rule add nothing and form none either', () => {
    const cash = [0, 1, 2].flatMap((h) => [deposit('X', 2_400_000, h, myr({ id: `x${h}` })), deposit('Y', 2_400_000, h + 0.2, myr({ id: `y${h}` }))]);
    const base = { jurisdiction: MY_LIKE, rules: [nearThresholdCash()], minScore: 0 };
    const apart = scan(cash, base).alerts;
    expect(entities(apart).filter((a) => a.entity.kind === 'account').map((a) => a.entity.id)).toEqual(['X', 'Y']);
    expect(networks(apart)).toEqual([]);
    // One holder of both accounts links them, but the same rule twice scores no more than once.
    const held = scan(cash, { ...base, accounts: [{ account: 'X', party: 'P' }, { account: 'Y', party: 'P' }] }).alerts;
    expect(networks(held)).toEqual([]);
  });

  test('a network alert below the minimum score is not returned', () => {
    expect(networks(scan(TXS_CASH, options(() => PHONE, 100)).alerts)).toEqual([]);
  });

  test('deterministic under any permutation of the input alerts, and ignores network alerts given back', () => {
    const config = resolveConfig(options());
    const all = entities(scan(TXS_CASH, options()).alerts);
    const expected = JSON.stringify(networkAlerts(all, config));
    expect(JSON.parse(expected)).toHaveLength(1);
    fc.assert(
      fc.property(fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), (shuffled) => {
        expect(JSON.stringify(networkAlerts(shuffled, config))).toBe(expected);
        expect(JSON.stringify(networkAlerts([...shuffled, ...networkAlerts(shuffled, config)], config))).toBe(expected);
      }),
      { numRuns: 50 },
    );
    // scan itself: a shuffled transaction list gives byte-identical output.
    const reversed = [...TXS_CASH].reverse();
    expect(JSON.stringify(scan(reversed, options()).alerts)).toBe(JSON.stringify(scan(TXS_CASH, options()).alerts));
  });

  test('links through an entity without an alert, and through the holder party, join members', () => {
    const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [debtRepayment(), sharedIdentifier(), thirdPartyPayer()], accounts: [{ account: 'B', party: 'Q' }], minScore: 0 });
    const alert = (kind: 'account' | 'party', id: string, rule: string, score: number, related: { kind: 'account' | 'party'; id: string }[] = [], strength = 1): Alert => ({
      schema: 'tidewatch/alert@1', id: `a-${id}`, entity: { kind, id }, score, band: 'low', typologies: [], contributions: [],
      hits: [{ rule, indicators: [], strength, window: { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' }, transactionIds: [`t-${id}`], transactionCount: 1, reason: 'Possible pattern.', facts: {}, ...(related.length > 0 ? { related } : {}) }],
      firstSeen: '2025-01-01T00:00:00.000Z', lastSeen: '2025-01-02T00:00:00.000Z', engine: { version: '0', config: 'x', jurisdiction: 'MY' },
    });
    // A relates X; the holder party Q of B relates X too (through B → Q): A, B and Q are joined via X and Q.
    const a = alert('account', 'A', 'debt_repayment', 55, [{ kind: 'account', id: 'X' }]);
    const b = alert('account', 'B', 'third_party_payer', 20, [{ kind: 'account', id: 'X' }]);
    const q = alert('party', 'Q', 'third_party_payer', 20);
    const [n, ...rest] = networkAlerts([q, b, a], config);
    expect(rest).toEqual([]);
    expect(n?.members).toEqual([{ kind: 'account', id: 'A' }, { kind: 'account', id: 'B' }, { kind: 'party', id: 'Q' }]);
    expect(n?.hits.map((h) => h.reason).sort()).toEqual(['account A: Possible pattern.', 'account B: Possible pattern.', 'party Q: Possible pattern.']);
    // Without the shared link there is nothing to join.
    expect(networkAlerts([alert('account', 'A', 'debt_repayment', 55), alert('account', 'C', 'shared_identifier', 20)], config)).toEqual([]);
  });

  test('look-alike: a link from a hit discounted below minLinkStrength (a dormitory address) joins nothing; at it, it joins', () => {
    const config = resolveConfig({ ...options(), rules: [debtRepayment(), sharedIdentifier(), thirdPartyPayer()] });
    const alert = (id: string, rule: string, strength: number, related: string[] = []): Alert => ({
      schema: 'tidewatch/alert@1', id: `a-${id}`, entity: { kind: 'account', id }, score: Math.max(20, Math.round(strength * 55)), band: 'low', typologies: [], contributions: [],
      hits: [{ rule, indicators: [], strength, window: { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' }, transactionIds: [`t-${id}`], transactionCount: 1, reason: 'Possible pattern.', facts: {}, ...(related.length > 0 ? { related: related.map((r) => ({ kind: 'account' as const, id: r })) } : {}) }],
      firstSeen: '2025-01-01T00:00:00.000Z', lastSeen: '2025-01-02T00:00:00.000Z', engine: { version: '0', config: 'x', jurisdiction: 'MY' },
    });
    const collector = alert('C', 'debt_repayment', 0.6);
    expect(DEFAULT_MIN_LINK_STRENGTH).toBe(0.35);
    expect(networkAlerts([collector, alert('R', 'third_party_payer', 0.34, ['C'])], config)).toEqual([]);
    expect(networkAlerts([collector, alert('R', 'third_party_payer', 0.35, ['C'])], config).map((n) => n.members?.length)).toEqual([2]);
    expect(networkAlerts([collector, alert('R', 'third_party_payer', 0.2, ['C'])], config, { minLinkStrength: 0.2 })).toHaveLength(1);
    // An identity link (shared phone or address) joins only entities that both have other evidence.
    expect(networkAlerts([collector, alert('R', 'shared_identifier', 0.9, ['C'])], config)).toEqual([]);
    const both = [collector, alert('R', 'shared_identifier', 0.9, ['C']), { ...alert('R', 'third_party_payer', 0.5), id: 'a-R2' }];
    expect(networkAlerts(both, config).map((n) => n.members?.length)).toEqual([2]);
  });

  test('a component with more than maxMembers scored members (a dormitory, a payroll hub) raises no network', () => {
    const config = resolveConfig({ ...options(), rules: [debtRepayment(), sharedIdentifier(), thirdPartyPayer()] });
    const alert = (id: string, rule: string, related: string[] = []): Alert => ({
      schema: 'tidewatch/alert@1', id: `a-${id}`, entity: { kind: 'account', id }, score: 20, band: 'low', typologies: [], contributions: [],
      hits: [{ rule, indicators: [], strength: 0.8, window: { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' }, transactionIds: [`t-${id}`], transactionCount: 1, reason: 'Possible pattern.', facts: {}, ...(related.length > 0 ? { related: related.map((r) => ({ kind: 'account' as const, id: r })) } : {}) }],
      firstSeen: '2025-01-01T00:00:00.000Z', lastSeen: '2025-01-02T00:00:00.000Z', engine: { version: '0', config: 'x', jurisdiction: 'MY' },
    });
    const payers = (n: number) => Array.from({ length: n }, (_, i) => alert(`P${i}`, 'third_party_payer', ['C']));
    // Members need an own score of at least DEFAULT_MIN_MEMBER_SCORE (20): fainter entities are links.
    expect(DEFAULT_MIN_MEMBER_SCORE).toBe(20);
    expect(networkAlerts([alert('C', 'debt_repayment'), { ...alert('P', 'third_party_payer', ['C']), score: 19 }], config)).toEqual([]);
    expect(networkAlerts([alert('C', 'debt_repayment'), alert('P', 'third_party_payer', ['C'])], config)).toHaveLength(1);
    // A network must rest on two indicator families: debt_repayment + third_party_payer would,
    // two debt_repayment hits would not (the same rule counts once at its strongest anyway).
    expect(networkAlerts([alert('C', 'debt_repayment'), alert('P', 'debt_repayment', ['C'])], config)).toEqual([]);
    const collector = alert('C', 'debt_repayment');
    expect(networkAlerts([collector, ...payers(24)], config).map((n) => n.members?.length)).toEqual([25]);
    expect(networkAlerts([collector, ...payers(25)], config)).toEqual([]);
    expect(networkAlerts([collector, ...payers(25)], config, { maxMembers: 26 })).toHaveLength(1);
  });

  describe('an oversized component splits over its links seen from both ends', () => {
    const config = resolveConfig({ ...options(), rules: [debtRepayment(), sharedIdentifier(), thirdPartyPayer()] });
    const alert = (id: string, hits: { rule: string; strength: number; related?: string[] }[], score = 30): Alert => ({
      schema: 'tidewatch/alert@1', id: `a-${id}`, entity: { kind: 'account', id }, score, band: 'low', typologies: [], contributions: [],
      hits: hits.map((h) => ({ rule: h.rule, indicators: [], strength: h.strength, window: { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' }, transactionIds: [`t-${id}-${h.rule}`], transactionCount: 1, reason: 'Possible pattern.', facts: {}, ...(h.related === undefined ? {} : { related: h.related.map((r) => ({ kind: 'account' as const, id: r })) }) })),
      firstSeen: '2025-01-01T00:00:00.000Z', lastSeen: '2025-01-02T00:00:00.000Z', engine: { version: '0', config: 'x', jurisdiction: 'MY' },
    });
    // A debt collector names its three payers; each payer's own series names the collector; each
    // payer also shares an address with the collector (identity, a second family). An employer's
    // payroll (a money-flow hit of its own) names the payers and 24 other workers with evidence.
    const payers = ['W0', 'W1', 'W2'];
    const collector = alert('AGENT', [{ rule: 'debt_repayment', strength: 0.9, related: payers }, { rule: 'shared_identifier', strength: 0.5, related: payers }], 60);
    const payerAlerts = payers.map((p) => alert(p, [{ rule: 'debt_repayment', strength: 0.3, related: ['AGENT'] }, { rule: 'shared_identifier', strength: 0.5, related: ['AGENT'] }], 25));
    const workers = (n: number) => Array.from({ length: n }, (_, i) => alert(`X${i}`, [{ rule: 'third_party_payer', strength: 0.5 }], 20));
    const payroll = (n: number) => alert('EMPLOYER', [{ rule: 'third_party_payer', strength: 0.5, related: [...payers, ...Array.from({ length: n }, (_, i) => `X${i}`)] }], 30);
    const memberIds = (alerts: Alert[]) => alerts.map((n) => n.members?.map((m) => m.id));

    test('positive: a 29-member component keeps the collector and its payers, whose links are confirmed from both ends', () => {
      expect(memberIds(networkAlerts([collector, ...payerAlerts, payroll(24), ...workers(24)], config))).toEqual([['AGENT', 'W0', 'W1', 'W2']]);
    });

    test('boundary: at 25 members the component stands as it is (employer and workers included); at 26 it splits', () => {
      const whole = networkAlerts([collector, ...payerAlerts, payroll(20), ...workers(20)], config);
      expect(whole.map((n) => n.members?.length)).toEqual([25]);
      expect(memberIds(networkAlerts([collector, ...payerAlerts, payroll(21), ...workers(21)], config))).toEqual([['AGENT', 'W0', 'W1', 'W2']]);
    });

    test('negative: links named from one end only (the collector names payers whose own evidence names nobody) do not survive a split', () => {
      const oneSided = payers.map((p) => alert(p, [{ rule: 'debt_repayment', strength: 0.3 }, { rule: 'shared_identifier', strength: 0.5 }], 25));
      expect(networkAlerts([collector, ...oneSided, payroll(24), ...workers(24)], config)).toEqual([]);
    });

    test('look-alike: a payroll naming 30 workers who name it back (a dormitory of mutual links) still raises nothing', () => {
      const crew = Array.from({ length: 30 }, (_, i) => alert(`X${i}`, [{ rule: 'third_party_payer', strength: 0.5, related: ['EMPLOYER'] }], 20));
      expect(networkAlerts([payroll(30), ...crew], config)).toEqual([]);
    });
  });

  test('streaming = batch, network alert included, for any chunking and through a checkpoint', () => {
    const batch = scan(TXS, options()).alerts;
    expect(networks(batch)).toHaveLength(1);
    const sorted = sortTxs(TXS);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.nat({ max: sorted.length }), (size, cut) => {
        const run = monitorRun(sorted, { ...options(), latenessMs: 3_600_000 }, size, cut);
        // Network alerts come only at flush, exactly those of scan().
        expect(canonical(networks(run.flushed))).toBe(canonical(networks(batch)));
        expect(canonical(run.all)).toBe(canonical(batch));
      }),
      { numRuns: 25 },
    );
  });

  test('members evicted before the end are kept for the network (in checkpoints too), for twice the retention', () => {
    const world = (later: readonly number[]) => [
      deposit('A', 950_000, 0, { id: 'a1' }), deposit('A', 950_000, 1, { id: 'a2' }),
      transfer('B', 'A', 60_000, D, { id: 'b1' }),
      // Later, unrelated activity: A and B are evicted (one-day retention) before the run ends.
      ...later.map((d, i) => transfer('U', 'V', 1_000, d * D, { id: `u${i}` })),
    ];
    // Evicted at 2.5 days, still within two retentions of the last sweep: the network stands.
    const txs = world([2.5, 2.6, 2.7]);
    const batch = scan(txs, shortOptions()).alerts;
    const net = networks(batch);
    expect(net.map((a) => a.members?.map((m) => m.id))).toEqual([['A', 'B']]);
    expect(net[0]!.score).toBeGreaterThan(Math.max(...entities(batch).map((a) => a.score)));
    // Activity going on for days after: their alerts age out of what is kept, so memory stays flat.
    const long = world([2.5, 4, 6, 8, 10]);
    const longBatch = scan(long, shortOptions()).alerts;
    expect(networks(longBatch)).toEqual([]);
    expect(entities(longBatch).map((a) => a.entity.id).sort()).toEqual(entities(batch).map((a) => a.entity.id).sort());
    for (const list of [txs, long]) {
      const sorted = sortTxs(list);
      const expected = canonical(scan(list, shortOptions()).alerts);
      for (let cut = 0; cut <= sorted.length; cut++) {
        for (const size of [1, 2, 7]) expect(canonical(monitorRun(sorted, { ...shortOptions(), latenessMs: 0 }, size, cut).all)).toBe(expected);
      }
    }
  });

  test('property: stream = batch with network alerts, evictions and checkpoints, on random linked worlds', () => {
    const T0 = Date.UTC(2025, 0, 6);
    const arbTx = fc.record({
      cash: fc.boolean(),
      from: fc.constantFrom('B', 'C', 'H1', 'A', 'B', 'C'),
      to: fc.constantFrom('A', 'D', 'H2'),
      amount: fc.oneof(fc.integer({ min: 40_000, max: 80_000 }), fc.integer({ min: 900_000, max: 999_999 })),
      minutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    });
    // Cash goes into A, D, H2 (near-threshold structuring), transfers from B, C, H1, A link to them (H1 and H2 share a holder).
    const arbWorld = fc.array(arbTx, { minLength: 10, maxLength: 40 }).map((list) =>
      list.map((r, i): Transaction => r.cash
        ? { id: `T${i}`, timestamp: T0 + r.minutes * 60_000, amount: r.amount, currency: 'AUD', kind: 'cash_deposit', toAccount: r.to }
        : { id: `T${i}`, timestamp: T0 + r.minutes * 60_000, amount: r.amount, currency: 'AUD', kind: 'transfer', fromAccount: r.from, toAccount: r.to }));
    let withNetworks = 0;
    fc.assert(
      fc.property(arbWorld, fc.integer({ min: 1, max: 6 }), fc.nat(), (txs, size, cutAt) => {
        const batch = scan(txs, shortOptions()).alerts;
        if (networks(batch).length > 0) withNetworks++;
        for (const a of networks(batch)) {
          expect(AlertSchema.safeParse(a).success).toBe(true);
          expect(a.contributions.reduce((s, c) => s + c.points, 0)).toBe(a.score);
        }
        const sorted = sortTxs(txs);
        const run = monitorRun(sorted, { ...shortOptions(), latenessMs: 0 }, size, cutAt % (sorted.length + 1));
        expect(canonical(run.all)).toBe(canonical(batch));
        expect(canonical(networks(run.flushed))).toBe(canonical(networks(batch)));
      }),
      { numRuns: 150 },
    );
    expect(withNetworks).toBeGreaterThan(10);
  });

  describe('members that show one pattern each on their own corroborate each other (crew)', () => {
    const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [debtRepayment(), sharedIdentifier(), thirdPartyPayer()], accounts: [{ account: 'A2', party: 'PA' }, { account: 'A', party: 'PA' }], minScore: 0 });
    const alert = (id: string, rule: string, strength: number): Alert => ({
      schema: 'tidewatch/alert@1', id: `a-${id}`, entity: { kind: 'account', id }, score: 22, band: 'low', typologies: [], contributions: [],
      hits: [{ rule, indicators: [], strength, window: { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' }, transactionIds: [`t-${id}`], transactionCount: 1, reason: 'Possible pattern.', facts: {}, related: [{ kind: 'account', id: 'X' }] }],
      firstSeen: '2025-01-01T00:00:00.000Z', lastSeen: '2025-01-02T00:00:00.000Z', engine: { version: '0', config: 'x', jurisdiction: 'MY' },
    });
    const payer = alert('D', 'third_party_payer', 0.5);
    test('three payers of one collector with instalments of 0.4 each: the rule counts at 0.5 in the network, and the strongest hit says why', () => {
      const [n] = networkAlerts([alert('A', 'debt_repayment', 0.4), alert('B', 'debt_repayment', 0.4), alert('C', 'debt_repayment', 0.4), payer], config);
      // 55 × (0.4 + 2 × 0.05) + 20 × 0.5 = 37.5 (without the crew: 55 × 0.4 + 10 = 32)
      expect(n?.score).toBe(38);
      expect(n?.contributions.find((c) => c.rule === 'debt_repayment')?.strength).toBe(0.5);
      expect(n?.hits.find((h) => h.rule === 'debt_repayment')?.reason).toContain('[3 members show this pattern on their own: in the network it counts at strength 0.5 (strongest 0.4, + 0.05 per further member).]');
    });
    const withHit = (a: Alert, rule: string, strength: number): Alert => ({ ...a, hits: [...a.hits, { ...(a.hits[0] as Alert['hits'][number]), rule, strength, related: undefined }] });
    test('boundary: a member hit below 0.25 does not count (0.24 → two members, 0.45); at 0.25 it does', () => {
      const c = (s: number) => withHit(alert('C', 'third_party_payer', 0.5), 'debt_repayment', s);
      expect(networkAlerts([alert('A', 'debt_repayment', 0.4), alert('B', 'debt_repayment', 0.4), c(0.24)], config)[0]?.score).toBe(35);
      expect(networkAlerts([alert('A', 'debt_repayment', 0.4), alert('B', 'debt_repayment', 0.4), c(0.25)], config)[0]?.score).toBe(38);
    });
    test('look-alike: two accounts of one holder count once, and shared identifiers (a dormitory) never add up', () => {
      expect(networkAlerts([alert('A', 'debt_repayment', 0.4), alert('A2', 'debt_repayment', 0.4), payer], config)[0]?.score).toBe(32);
      const dorm = networkAlerts([withHit(alert('A', 'debt_repayment', 0.4), 'shared_identifier', 0.6), withHit(alert('B', 'debt_repayment', 0.4), 'shared_identifier', 0.6), payer], config)[0];
      expect(dorm?.contributions.find((c) => c.rule === 'shared_identifier')?.strength).toBe(0.6);
      expect(dorm?.contributions.find((c) => c.rule === 'debt_repayment')?.strength).toBe(0.45);
  });
  });

  test('look-alike: a licensed remitter (or government account) the mules pay through links them but is never a member', () => {
    const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [debtRepayment(), sharedIdentifier(), thirdPartyPayer()], accounts: [{ account: 'MSB', type: 'msb' }, { account: 'M2', type: 'personal' }], minScore: 0 });
    const alert = (id: string, rule: string, strength: number, related: string[]): Alert => ({
      schema: 'tidewatch/alert@1', id: `a-${id}`, entity: { kind: 'account', id }, score: 30, band: 'low', typologies: [], contributions: [],
      hits: [{ rule, indicators: [], strength, window: { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' }, transactionIds: [`t-${id}`], transactionCount: 1, reason: 'Possible pattern.', facts: {}, related: related.map((r) => ({ kind: 'account' as const, id: r })) }],
      firstSeen: '2025-01-01T00:00:00.000Z', lastSeen: '2025-01-02T00:00:00.000Z', engine: { version: '0', config: 'x', jurisdiction: 'MY' },
    });
    const [n] = networkAlerts([alert('M1', 'debt_repayment', 0.6, ['MSB']), alert('MSB', 'third_party_payer', 0.6, []), alert('M2', 'third_party_payer', 0.6, ['MSB'])], config);
    expect(n?.members).toEqual([{ kind: 'account', id: 'M1' }, { kind: 'account', id: 'M2' }]);
  });
});
