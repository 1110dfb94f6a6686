import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { networkAlerts } from '../../src/engine/network.js';
import { dispersalIndex, PAYMASTER_MIN_RECIPIENTS, PAYMASTER_MIN_STRENGTH, paymastersOf } from '../../src/engine/paymasters.js';
import { VOUCH_MIN_STRENGTH } from '../../src/engine/vouched-payers.js';
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
  { account: 'X', party: 'HX', type: 'msb' },
];
const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [funnelAccount(), fanOut(), feeMatch()], accounts: ACCOUNTS, minScore: 0 });

/** A funnel collector naming its senders at `strength` (score 45). */
const collector = (strength: number, senders: string[] = ['S1', 'S2', 'S3'], extra: { rule: string; strength: number; related?: string[] }[] = []) =>
  memberAlert('C', 45, [{ rule: 'funnel_account', strength, related: senders }, ...extra]);
/** An account (score 12, below a member's) whose fan-out pays one lump from `source` on to `recipients` recipients. */
const paymaster = (id: string, strength: number, source: string | undefined, recipients = 5) =>
  memberAlert(id, 12, [{
    rule: 'fan_out', strength,
    facts: { burstPayments: 1, recipients, outShare: 0.99, ...(source === undefined ? {} : { lumpSource: source }) },
    related: ['R1', 'R2', 'R3', ...(source === undefined ? [] : [source])],
  }]);
const net = (alerts: Alert[]) => networkAlerts(alerts, config).map((n) => ({ members: n.members?.map((m) => m.id), score: n.score }));
const found = (group: Alert[], others: Alert[]) => {
  const all = [...group, ...others];
  return paymastersOf(group, dispersalIndex(all, config.context.accounts), all, { familyOf: config.familyOf, accounts: config.context.accounts })
    .map((p) => `${(all[p.index] as Alert).entity.id}<${p.source}`);
};

describe('a member collector\'s paymaster: an account whose own fan-out pays on a lump from the collector', () => {
  test('positive: the paymaster joins the collector\'s network with its hit, which says why; its holder\'s other account follows', () => {
    const [n] = networkAlerts([collector(0.9), paymaster('P', 0.38, 'C')], config);
    expect(n?.members?.map((m) => m.id)).toEqual(['C', 'P', 'P2']);
    expect(n?.score).toBeGreaterThanOrEqual(45);
    const hit = n?.hits.find((h) => h.rule === 'fan_out');
    expect(hit?.reason).toBe('account P: fan_out pattern. [A member collector\'s paymaster: it paid on money from account C, a member whose own hits do not name it as a payer.]');
    expect(hit?.transactionIds).toEqual(['t-P-fan_out']);
  });

  test('boundary: fan_out at the bar and the collector\'s hit at VOUCH_MIN_STRENGTH confirm; a minor unit below either does not', () => {
    expect([PAYMASTER_MIN_STRENGTH, VOUCH_MIN_STRENGTH, PAYMASTER_MIN_RECIPIENTS]).toEqual([0.35, 0.5, 3]);
    expect(found([collector(0.5)], [paymaster('P', 0.35, 'C')])).toEqual(['P<account:C']);
    expect(found([collector(0.4999)], [paymaster('P', 0.35, 'C')])).toEqual([]);
    expect(found([collector(0.5)], [paymaster('P', 0.3499, 'C')])).toEqual([]);
    expect(net([collector(0.9), paymaster('P', 0.3499, 'C')])).toEqual([]);
  });

  test('below the bar only for want of history: a fan-out discounted for history_unseen alone still reads; any other discount does not', () => {
    const discounted = (discount: string, strength = 0.26) => memberAlert('P', 0, [{
      rule: 'fan_out', strength, facts: { burstPayments: 1, recipients: 5, lumpSource: 'C', discount }, related: ['C', 'R1', 'R2', 'R3'],
    }]);
    expect(found([collector(0.9)], [discounted('history_unseen')])).toEqual(['P<account:C']);
    expect(found([collector(0.9)], [discounted('steady_inflows')])).toEqual([]);
    expect(found([collector(0.9)], [discounted('steady_inflows,history_unseen')])).toEqual([]);
    expect(found([collector(0.9)], [discounted('history_unseen', 0)])).toEqual([]);
  });

  test('boundary: three recipients are a dispersal, two are not', () => {
    expect(found([collector(0.9)], [paymaster('P', 0.6, 'C', 3)])).toEqual(['P<account:C']);
    expect(found([collector(0.9)], [paymaster('P', 0.6, 'C', 2)])).toEqual([]);
  });

  test('negative: a lump from someone else, or a fan-out that names the collector only among its recipients, joins nobody', () => {
    expect(net([collector(0.9), paymaster('P', 0.6, 'Z')])).toEqual([]);
    // A two-payment burst names no source: the collector in `related` is a recipient.
    const paidTheCollector = memberAlert('P', 12, [{ rule: 'fan_out', strength: 0.6, facts: { burstPayments: 3, recipients: 4 }, related: ['C', 'R1', 'R2', 'R3'] }]);
    expect(net([collector(0.9), paidTheCollector])).toEqual([]);
  });

  test('look-alike: the collector\'s own payer (a relative or a trader it names) paid a lump back is not its paymaster', () => {
    expect(found([collector(0.9, ['P', 'S2', 'S3'])], [paymaster('P', 0.6, 'C')])).toEqual([]);
    expect(net([collector(0.9, ['P', 'S2', 'S3']), paymaster('P', 0.6, 'C')])).toEqual([]);
  });

  test('the collector\'s own sub_collector hit names the paymaster as the payee of its lumps: it is still its paymaster; any other hit naming it rules it out', () => {
    expect(found([collector(0.9, ['S1', 'S2', 'S3'], [{ rule: 'sub_collector', strength: 0.3, related: ['P'] }])], [paymaster('P', 0.6, 'C')])).toEqual(['P<account:C']);
    expect(found([collector(0.9, ['S1', 'S2', 'S3'], [{ rule: 'fan_out', strength: 0.3, related: ['P'] }])], [paymaster('P', 0.6, 'C')])).toEqual([]);
  });

  test('look-alike: a business paying out (a payroll, a supplier run) or a licensed remitter is never a paymaster', () => {
    expect(found([collector(0.9)], [paymaster('B', 0.9, 'C')])).toEqual([]);
    expect(found([collector(0.9)], [paymaster('X', 0.9, 'C')])).toEqual([]);
  });

  test('look-alike: a member naming money only by a context hit (fee-sized sums) is not a collector whose lump is paid on', () => {
    const feeOnly = memberAlert('C', 45, [{ rule: 'fee_match', strength: 0.9, related: ['S1'] }]);
    expect(found([feeOnly], [paymaster('P', 0.6, 'C')])).toEqual([]);
  });

  test('a paymaster already in the collector\'s component raises the network though its hits add no score', () => {
    const strong = memberAlert('P', 30, [{ rule: 'fan_out', strength: 0.6, facts: { burstPayments: 1, recipients: 5, lumpSource: 'C' }, related: ['C', 'R1', 'R2', 'R3'] }]);
    const big = memberAlert('C', 90, [{ rule: 'funnel_account', strength: 0.95, related: ['S1'] }, { rule: 'fan_out', strength: 0.9, related: ['Q1'] }]);
    expect(net([big, strong]).map((n) => n.members)).toEqual([['C', 'P', 'P2']]);
  });
});
