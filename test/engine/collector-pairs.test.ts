import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { networkAlerts } from '../../src/engine/network.js';
import { hopAlertHit } from '../../src/engine/hops.js';
import { FEE_PAYER_RULES } from '../../src/engine/collector-pairs.js';
import { PAYMASTER_HOP_CORRIDOR_MIN_SHARE, type PaymasterHop } from '../../src/engine/paymasters.js';
import { LAYERING_MIN_FAN } from '../../src/engine/layering.js';
import { fanOut } from '../../src/rules/flow/fan-out.js';
import { funnelAccount } from '../../src/rules/flow/funnel-account.js';
import { layeringHop } from '../../src/rules/flow/layering-hop.js';
import { feeMatch } from '../../src/rules/context/fee-match.js';
import { corridorFlow } from '../../src/rules/context/corridor-flow.js';
import type { Alert } from '../../src/scoring/alert.js';
import type { Account } from '../../src/schema/reference-data.js';
import { MY_LIKE } from '../helpers/builders.js';
import { memberAlert, type MemberHit } from '../helpers/member-alert.js';

const ACCOUNTS: Account[] = [
  { account: 'C', party: 'HC', type: 'personal' },
  { account: 'C2', party: 'HC', type: 'personal' },
  { account: 'P', party: 'HP', type: 'personal' },
  { account: 'P2', party: 'HP', type: 'personal' },
];
const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [funnelAccount(), fanOut(), feeMatch(), corridorFlow(), layeringHop()], accounts: ACCOUNTS, minScore: 0 });
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 1, 15);
const LUMP = 2_000_000;

/** An account's alert (score 0 unless given) with `hits` and the hops as strength-0 `layering_hop` hits. */
const account = (id: string, hits: readonly MemberHit[], hops: readonly PaymasterHop[], score = 0): Alert => {
  const a = memberAlert(id, score, hits);
  return { ...a, hits: [...a.hits, ...hops.map((h) => hopAlertHit({ ...h, known: 1 }))] } as Alert;
};
/** The collector's hops: senders S1… paid it in the days before, and it passed their money on to P in one lump. */
const gatherHops = (senders: number): PaymasterHop[] =>
  Array.from({ length: senders }, (_, i) => ({ from: `S${i + 1}`, to: 'P', inTx: `s${i + 1}`, outTx: 'lump', inAmount: 500_000, outAmount: LUMP, inTs: T0 - (5 - i) * DAY, outTs: T0 }));
/** The paymaster's hops: the lump from C paid on as `outs` (amounts) to R1, R2 … within a day or two. */
const scatterHops = (outs: readonly number[]): PaymasterHop[] =>
  outs.map((amount, i) => ({ from: 'C', to: `R${i + 1}`, inTx: 'lump', outTx: `r${i + 1}`, inAmount: LUMP, outAmount: amount, inTs: T0, outTs: T0 + (1 + (i % 2)) * DAY }));
/** 60 % of the lump to three new recipients: the boat owner abroad (R1) and two more. */
const SIXTY = [800_000, 200_000, 200_000] as const;
const fees = (named: readonly string[] = ['S1', 'S2', 'S3']): MemberHit => ({ rule: 'fee_match', strength: 0.5, related: named });
const abroad = (named: readonly string[] = ['R1']): MemberHit => ({ rule: 'corridor_flow', strength: 0.3, related: named });
const pairs = (alerts: Alert[]) => networkAlerts(alerts, config).filter((n) => n.hits[0]?.facts['structure'] === 'collector_paymaster');
const members = (alerts: Alert[]) => pairs(alerts).map((n) => n.members?.map((m) => m.id));

describe('a corridor collector and its paymaster as a network of their own (collector-pairs.ts)', () => {
  test('positive: fee payers gathered, one lump passed on, paid on into the corridor: one alert over both accounts and their holders\' other accounts', () => {
    const [n, more] = pairs([account('C', [fees()], gatherHops(3)), account('P', [abroad()], scatterHops(SIXTY))]);
    expect(more).toBeUndefined();
    expect(n?.members?.map((m) => m.id)).toEqual(['C', 'C2', 'P', 'P2']);
    expect(n?.score).toBe(48);
    expect(n?.hits[0]?.indicators).toEqual(['MS-LAY-03']);
    expect(n?.hits[0]?.transactionIds).toEqual(['s1', 's2', 's3', 'lump', 'r1', 'r3', 'r2']);
    expect(n?.hits[0]?.reason).toContain('Possible corridor collector and paymaster: C was paid by 3 new senders (3 of them fee or corridor payers) and passed 2000000 on in one lump to P');
    expect(n?.hits[0]?.reason).toContain('paid 60 % of it on to 3 new recipients (1 of them its corridor counterparties abroad)');
    // The members' own hits are listed (they score nothing here: context only).
    expect(n?.hits.map((h) => h.rule).sort()).toEqual(['corridor_flow', 'fee_match', 'layering_hop']);
  });

  test('each of the collector\'s fee rules names its payers: fee_match, corridor_collector, corridor_flow', () => {
    expect(FEE_PAYER_RULES).toEqual(['fee_match', 'corridor_collector', 'corridor_flow']);
    for (const rule of FEE_PAYER_RULES) {
      expect(members([account('C', [{ rule, strength: 0.4, related: ['S2'] }], gatherHops(3)), account('P', [abroad()], scatterHops(SIXTY))])).toEqual([['C', 'C2', 'P', 'P2']]);
    }
  });

  test('boundary: three senders read, two do not; half of the lump paid on reads, a minor unit less does not', () => {
    expect([LAYERING_MIN_FAN, PAYMASTER_HOP_CORRIDOR_MIN_SHARE]).toEqual([3, 0.5]);
    expect(members([account('C', [fees()], gatherHops(2)), account('P', [abroad()], scatterHops(SIXTY))])).toEqual([]);
    expect(members([account('C', [fees()], gatherHops(3)), account('P', [abroad()], scatterHops([600_000, 200_000, 200_000]))])).toHaveLength(1);
    expect(members([account('C', [fees()], gatherHops(3)), account('P', [abroad()], scatterHops([600_000, 200_000, 199_999]))])).toEqual([]);
  });

  test('negative: the collector\'s fee hits name none of the senders, or the paymaster\'s corridor counterparties none of its recipients', () => {
    expect(members([account('C', [fees(['S9'])], gatherHops(3)), account('P', [abroad()], scatterHops(SIXTY))])).toEqual([]);
    expect(members([account('C', [], gatherHops(3)), account('P', [abroad()], scatterHops(SIXTY))])).toEqual([]);
    expect(members([account('C', [fees()], gatherHops(3)), account('P', [abroad(['R9'])], scatterHops(SIXTY))])).toEqual([]);
    expect(members([account('C', [fees()], gatherHops(3)), account('P', [], scatterHops(SIXTY))])).toEqual([]);
    // The lump the collector's hops pass on is another transfer than the one the paymaster paid on.
    const other = gatherHops(3).map((h) => ({ ...h, outTx: 'other' }));
    expect(members([account('C', [fees()], other), account('P', [abroad()], scatterHops(SIXTY))])).toEqual([]);
  });

  test('look-alikes: a savings group\'s treasurer passing the pot on, a family whip-round handed to whoever pays the bills at home', () => {
    // Members' contributions are not fees: the treasurer has no fee or corridor hit naming them.
    const pot = gatherHops(5);
    expect(members([account('C', [], pot), account('P', [abroad()], scatterHops(SIXTY))])).toEqual([]);
    // The relative pays domestic bills and shops: no recipient is a corridor counterparty abroad.
    expect(members([account('C', [fees()], gatherHops(3)), account('P', [], scatterHops([700_000, 700_000, 500_000]))])).toEqual([]);
  });

  test('not formed where the collector\'s own network already lists its paymaster at the pair\'s score or more', () => {
    const strong = account('C', [fees(), { rule: 'funnel_account', strength: 1, related: ['S1', 'S2', 'S3'] }], gatherHops(3), 50);
    const all = networkAlerts([strong, account('P', [abroad()], scatterHops(SIXTY), 1)], config);
    const component = all.find((n) => n.members?.some((m) => m.id === 'P') && n.hits[0]?.facts['structure'] !== 'collector_paymaster');
    expect(component?.score).toBeGreaterThanOrEqual(48);
    expect(all.filter((n) => n.hits[0]?.facts['structure'] === 'collector_paymaster')).toEqual([]);
  });

  test('deterministic: the alerts in any order read the same', () => {
    const alerts = [account('C', [fees()], gatherHops(3)), account('P', [abroad()], scatterHops(SIXTY))];
    expect(JSON.stringify(networkAlerts([...alerts].reverse(), config))).toBe(JSON.stringify(networkAlerts(alerts, config)));
  });
});
