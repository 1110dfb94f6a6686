import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { networkAlerts } from '../../src/engine/network.js';
import { hopAlertHit } from '../../src/engine/hops.js';
import { hopLumps, PAYMASTER_HOP_CORRIDOR_MIN_SHARE, PAYMASTER_HOP_CORRIDOR_STRENGTH, PAYMASTER_HOP_MAX_DAYS, PAYMASTER_HOP_MAX_SHARE, PAYMASTER_HOP_MIN_SHARE, PAYMASTER_MIN_RECIPIENTS, type PaymasterHop } from '../../src/engine/paymasters.js';
import { fanOut } from '../../src/rules/flow/fan-out.js';
import { funnelAccount } from '../../src/rules/flow/funnel-account.js';
import { feeMatch } from '../../src/rules/context/fee-match.js';
import type { Alert } from '../../src/scoring/alert.js';
import type { Account } from '../../src/schema/reference-data.js';
import { MY_LIKE } from '../helpers/builders.js';
import { memberAlert } from '../helpers/member-alert.js';

const ACCOUNTS: Account[] = [
  { account: 'C', party: 'HC', type: 'personal' },
  { account: 'P', party: 'HP', type: 'personal' },
  { account: 'P2', party: 'HP', type: 'personal' },
  { account: 'B', party: 'HB', type: 'business' },
];
const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [funnelAccount(), fanOut(), feeMatch()], accounts: ACCOUNTS, minScore: 0 });
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 1, 1);

/** A funnel collector naming its senders at `strength` (score 45). */
const collector = (strength: number, senders: string[] = ['S1', 'S2', 'S3']) => memberAlert('C', 45, [{ rule: 'funnel_account', strength, related: senders }]);
/** The hops of one lump of `lump` minor units from `from`, paid on as `outs` (amount, days after) to R1, R2, ... */
const hopsOf = (from: string, lump: number, outs: readonly (readonly [number, number])[]): PaymasterHop[] =>
  outs.map(([amount, days], i) => ({ from, to: `R${i + 1}`, inTx: 'tin', outTx: `tout${i + 1}`, inAmount: lump, outAmount: amount, inTs: T0, outTs: T0 + days * DAY }));
/** An account's alert (score `score`) carrying the hops as strength-0 `layering_hop` hits, plus `extra` hits. */
const hopAccount = (id: string, hops: readonly PaymasterHop[], score = 5) => {
  const a = memberAlert(id, score, [{ rule: 'fee_match', strength: 0.1 }]);
  return { ...a, hits: [...a.hits, ...hops.map((h) => hopAlertHit({ ...h, known: 0 }))] } as Alert;
};
const lumpOf = (id: string, hops: readonly PaymasterHop[]) => [...hopLumps(id, hops, config.context.accounts).keys()];
const members = (alerts: Alert[]) => networkAlerts(alerts, config).map((n) => n.members?.map((m) => m.id));

// 21,000.00 paid on as 7,000.00 to each of three new recipients within two days.
const THREE = [[700_000, 1], [700_000, 1], [700_000, 2]] as const;

describe('a member collector\'s paymaster read from its hops: one lump from the collector paid on to new recipients', () => {
  test('positive: the account joins the collector\'s network with a hit naming the lump and the transfers', () => {
    const [n] = networkAlerts([collector(0.9), hopAccount('P', hopsOf('C', 2_100_000, THREE))], config);
    expect(n?.members?.map((m) => m.id)).toEqual(['C', 'P', 'P2']);
    const hit = n?.hits.find((h) => h.rule === 'fan_out');
    expect(hit?.strength).toBe(0);
    expect(hit?.transactionIds).toEqual(['tin', 'tout1', 'tout2', 'tout3']);
    expect(hit?.reason).toContain('account P: Paid on a lump: received 2100000 from C (tin) and paid 100 % of it on to 3 new recipients within 2 days');
    expect(hit?.reason).toContain('[A member collector\'s paymaster: it paid on money from account C');
  });

  test('boundary: three recipients read, two do not; the share exactly at the bar reads, a minor unit under does not', () => {
    expect([PAYMASTER_MIN_RECIPIENTS, PAYMASTER_HOP_MIN_SHARE, PAYMASTER_HOP_MAX_DAYS]).toEqual([3, 0.7, 3]);
    expect(lumpOf('P', hopsOf('C', 2_100_000, THREE))).toEqual(['account:C']);
    expect(lumpOf('P', hopsOf('C', 1_400_000, THREE.slice(0, 2)))).toEqual([]);
    // 70 % of 1,000,000 is 700,000: 300,000 + 200,000 + 200,000 at the bar, 199,999 for the last one under it.
    expect(lumpOf('P', hopsOf('C', 1_000_000, [[300_000, 1], [200_000, 1], [200_000, 1]]))).toEqual(['account:C']);
    expect(lumpOf('P', hopsOf('C', 1_000_000, [[300_000, 1], [200_000, 1], [199_999, 1]]))).toEqual([]);
    expect(members([collector(0.9), hopAccount('P', hopsOf('C', 1_000_000, [[300_000, 1], [200_000, 1], [200_000, 1]]))])).toEqual([['C', 'P', 'P2']]);
    expect(members([collector(0.9), hopAccount('P', hopsOf('C', 1_000_000, [[300_000, 1], [200_000, 1], [199_999, 1]]))])).toEqual([]);
    expect(members([collector(0.9), hopAccount('P', hopsOf('C', 1_400_000, THREE.slice(0, 2)))])).toEqual([]);
    // Paid on after the few days: a transfer a day late is not the lump's.
    expect(lumpOf('P', hopsOf('C', 2_100_000, [[700_000, 1], [700_000, 1], [700_000, PAYMASTER_HOP_MAX_DAYS + 1]]))).toEqual([]);
  });

  test('negative: a collector below VOUCH_MIN_STRENGTH, or one whose hits name the account as its payer, joins no one', () => {
    expect(members([collector(0.5), hopAccount('P', hopsOf('C', 2_100_000, THREE))])).toEqual([['C', 'P', 'P2']]);
    expect(members([collector(0.4999), hopAccount('P', hopsOf('C', 2_100_000, THREE))])).toEqual([]);
    expect(members([collector(0.9, ['S1', 'S2', 'P']), hopAccount('P', hopsOf('C', 2_100_000, THREE))])).toEqual([]);
    // The lump came from someone else than a member.
    expect(members([collector(0.9), hopAccount('P', hopsOf('Z', 2_100_000, THREE))])).toEqual([]);
  });

  test('the collector\'s own sub_collector hit names the account as the payee of its lumps: the account still reads as its paymaster', () => {
    const lumper = memberAlert('C', 45, [{ rule: 'funnel_account', strength: 0.9, related: ['S1', 'S2'] }, { rule: 'sub_collector', strength: 0.3, related: ['P'] }]);
    expect(members([lumper, hopAccount('P', hopsOf('C', 2_100_000, THREE))])).toEqual([['C', 'P', 'P2']]);
  });

  test('look-alikes: the collector\'s landlord or shop (paid, pays on to no one new), a relative paying a couple of bills, a payroll account', () => {
    // The landlord receives the rent and pays one new recipient.
    expect(members([collector(0.9), hopAccount('P', hopsOf('C', 2_100_000, [[1_500_000, 1]]))])).toEqual([]);
    // A relative receives money and pays two bills with most of it.
    expect(members([collector(0.9), hopAccount('P', hopsOf('C', 500_000, [[200_000, 1], [200_000, 2]]))])).toEqual([]);
    // A business (payroll) account paying the lump on to its staff is its trade.
    expect(lumpOf('B', hopsOf('C', 2_100_000, THREE))).toEqual([]);
    expect(members([collector(0.9), hopAccount('B', hopsOf('C', 2_100_000, THREE))])).toEqual([]);
  });

  test('deterministic: the hops in any order read the same', () => {
    const hops = hopsOf('C', 2_100_000, THREE);
    const a = networkAlerts([collector(0.9), hopAccount('P', hops)], config);
    const b = networkAlerts([collector(0.9), hopAccount('P', [...hops].reverse())], config);
    expect(a.map((n) => n.members?.map((m) => m.id))).toEqual([['C', 'P', 'P2']]);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
  test('negative: three transfers to one recipient are one recipient; hops back to the sender or to itself pay on nothing', () => {
    const one = hopsOf('C', 2_100_000, THREE).map((h) => ({ ...h, to: 'R1' }));
    expect(lumpOf('P', one)).toEqual([]);
    const back = hopsOf('C', 2_100_000, THREE).map((h, i) => (i === 0 ? { ...h, to: 'C' } : h));
    expect(lumpOf('P', back)).toEqual([]);
    const self = hopsOf('C', 2_100_000, THREE).map((h, i) => (i === 0 ? { ...h, to: 'P' } : h));
    expect(lumpOf('P', self)).toEqual([]);
    expect(lumpOf('P', hopsOf('C', 2_100_000, THREE))).toEqual(['account:C']);
  });
  test('boundary: transfers adding up to all of the lump read, a minor unit more does not (paid from the account\'s own money); fixed sums larger than the lump to ever new payees pay on nothing', () => {
    expect(PAYMASTER_HOP_MAX_SHARE).toBe(1);
    expect(lumpOf('P', hopsOf('C', 1_000_000, [[400_000, 1], [300_000, 1], [300_000, 2]]))).toEqual(['account:C']);
    expect(lumpOf('P', hopsOf('C', 1_000_000, [[400_000, 1], [300_000, 1], [300_001, 2]]))).toEqual([]);
    // A generic payer: 340.27 in, then 446.92 to a new payee each day.
    expect(lumpOf('P', hopsOf('C', 34_027, [[44_692, 0], [44_692, 1], [44_692, 2]]))).toEqual([]);
    expect(members([collector(0.9), hopAccount('P', hopsOf('C', 34_027, [[44_692, 0], [44_692, 1], [44_692, 2]]))])).toEqual([]);
  });
});

describe('a hop-read paymaster paying the lump on into the corridor: a recipient is its own corridor counterparty abroad', () => {
  /** The paymaster with its hops and a `corridor_flow` hit naming `named` as its corridor counterparties. */
  const abroad = (hops: readonly PaymasterHop[], named: readonly string[] = ['R1']) => {
    const a = hopAccount('P', hops);
    const [corridor] = memberAlert('P', 5, [{ rule: 'corridor_flow', strength: 0.3, related: named }]).hits;
    return { ...a, hits: [...a.hits, corridor] } as Alert;
  };
  // 60 % of 1,000,000.00 paid on: 400,000.00 to the boat owner abroad (R1), 100,000.00 to each of two more.
  const SIXTY = [[40_000_000, 1], [10_000_000, 1], [10_000_000, 2]] as const;
  const lump = 100_000_000;

  test('positive: 60 % of the lump paid on joins the collector, and its dispersal hit scores at PAYMASTER_HOP_CORRIDOR_STRENGTH', () => {
    const [n] = networkAlerts([collector(0.9), abroad(hopsOf('C', lump, SIXTY))], config);
    expect(n?.members?.map((m) => m.id)).toEqual(['C', 'P', 'P2']);
    const hit = n?.hits.find((h) => h.rule === 'fan_out');
    expect(PAYMASTER_HOP_CORRIDOR_STRENGTH).toBe(0.5);
    expect(hit?.strength).toBe(PAYMASTER_HOP_CORRIDOR_STRENGTH);
    expect(hit?.facts['corridorRecipients']).toBe(1);
    expect(hit?.reason).toContain('paid 60 % of it on to 3 new recipients within 2 days, 1 of them its corridor counterparties abroad');
    // The dispersal adds to the collector's score.
    expect(n?.score).toBeGreaterThan(networkAlerts([collector(0.9), hopAccount('P', hopsOf('C', 2_100_000, THREE))], config)[0]?.score ?? 100);
  });

  test('a lump paid on at 70 % or more into the corridor scores too; without a corridor recipient it still scores nothing', () => {
    const full = hopsOf('C', lump, [[40_000_000, 1], [20_000_000, 1], [20_000_000, 2]]);
    expect(networkAlerts([collector(0.9), abroad(full)], config)[0]?.hits.find((h) => h.rule === 'fan_out')?.strength).toBe(PAYMASTER_HOP_CORRIDOR_STRENGTH);
    expect(networkAlerts([collector(0.9), abroad(full, ['R9'])], config)[0]?.hits.find((h) => h.rule === 'fan_out')?.strength).toBe(0);
  });

  test('boundary: half of the lump reads, a minor unit under does not; 60 % without a corridor recipient does not', () => {
    expect(PAYMASTER_HOP_CORRIDOR_MIN_SHARE).toBe(0.5);
    expect(members([collector(0.9), abroad(hopsOf('C', lump, [[30_000_000, 1], [10_000_000, 1], [10_000_000, 2]]))])).toEqual([['C', 'P', 'P2']]);
    expect(members([collector(0.9), abroad(hopsOf('C', lump, [[30_000_000, 1], [10_000_000, 1], [9_999_999, 2]]))])).toEqual([]);
    expect(members([collector(0.9), abroad(hopsOf('C', lump, SIXTY), ['R9'])])).toEqual([]);
    expect(members([collector(0.9), hopAccount('P', hopsOf('C', lump, SIXTY))])).toEqual([]);
  });

  test('look-alike: a relative paying the household\'s bills at home from the collector\'s money is no corridor dispersal', () => {
    expect(members([collector(0.9), abroad(hopsOf('C', lump, [[30_000_000, 1], [20_000_000, 1], [10_000_000, 2]]), [])])).toEqual([]);
  });
});
