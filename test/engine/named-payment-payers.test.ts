import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { networkAlerts } from '../../src/engine/network.js';
import { VOUCH_MIN_STRENGTH, namedPaymentPayers, paymentNamers, vouchedCollectors } from '../../src/engine/vouched-payers.js';
import { debtRepayment } from '../../src/rules/debt/debt-repayment.js';
import { NAMED_PAYMENT_STRENGTH } from '../../src/rules/debt/named-payment.js';
import type { Alert } from '../../src/scoring/alert.js';
import type { Account } from '../../src/schema/reference-data.js';
import { MY_LIKE } from '../helpers/builders.js';
import { memberAlert } from '../helpers/member-alert.js';

// A newly arrived payer's one or two debt-named payments to a collector its fellow payers' series
// (or the collector's own hit) vouch for make it a member of the collector's case (issue 14).

const ACCOUNTS: Account[] = ['K', 'F', 'P1', 'P2', 'P3', 'P4', 'Q'].map((id) => ({ account: id, party: `H-${id}`, type: 'personal' }));
const config = resolveConfig({ jurisdiction: MY_LIKE, rules: [debtRepayment()], accounts: ACCOUNTS, minScore: 0 });
/** A payer's own regular series to `payee` (the payer variant), with a debt reference unless `plain`. */
const series = (id: string, strength: number, payee = 'K', plain = false) =>
  memberAlert(id, Math.round(strength * 55), [{ rule: 'debt_repayment', strength, related: [payee], facts: (plain ? { periodDays: 30 } : { periodDays: 30, debtReference: true }) as Record<string, number> }]);
/** A payer's debt-named payments to `payee`, with its shared identifier (score 4 in all). */
const namer = (id: string, payee = 'K', strength = NAMED_PAYMENT_STRENGTH) =>
  memberAlert(id, 4, [{ rule: 'debt_repayment', strength, related: [payee], facts: { namedPayments: 1, payments: 1 } }, { rule: 'shared_identifier', strength: 0.2 }]);
/** The collector's own hit (the collector variant, counting payer families) at `strength`. */
const collector = (strength: number, related: string[] = ['P1', 'P2'], facts: Record<string, number | string> = { payerClusters: 3 }) =>
  memberAlert('K', Math.round(strength * 55), [{ rule: 'debt_repayment', strength, related, facts }]);
const membersWith = (alerts: Alert[], id: string) => networkAlerts(alerts, config).find((n) => n.members?.some((m) => m.id === id))?.members?.map((m) => m.id);
const holder = (a: { entity: { kind: string; id: string } }) => `${a.entity.kind}:${a.entity.id}`;

describe('debt-named payments to a vouched collector make their payer a member (MS-DEBT-01, issue 14)', () => {
  test('positive: two payers\' own series name K; a third who paid K one "instalment" joins their case, adding no score', () => {
    const without = networkAlerts([series('P1', 0.85), series('P2', 0.75)], config);
    const alerts = networkAlerts([series('P1', 0.85), series('P2', 0.75), namer('P3')], config);
    expect(alerts.map((n) => n.members?.map((m) => m.id))).toEqual([['K', 'P1', 'P2', 'P3']]);
    expect(alerts[0]?.score).toBe(without[0]?.score);
  });

  test('positive: the collector\'s own hit vouches for it; one sole payer\'s debt series does too', () => {
    expect(membersWith([collector(0.75), series('P1', 0.85), namer('P3')], 'P3')).toEqual(['K', 'P1', 'P2', 'P3']);
    expect(membersWith([series('P1', 0.85), namer('P3')], 'P3')).toEqual(['K', 'P1', 'P3']);
  });

  test('positive: two holders\' plain series (no debt words) name K; one such series alone does not vouch', () => {
    const known = new Set(['account:P1', 'account:P2']);
    expect(vouchedCollectors([series('P1', 0.6, 'K', true), series('P2', 0.6, 'K', true)], holder)).toEqual(new Set(['account:K']));
    expect(namedPaymentPayers([series('P1', 0.6, 'K', true), series('P2', 0.6, 'K', true)], known, paymentNamers([namer('P3')]), holder).map((m) => m.id)).toEqual(['P3']);
    expect(namedPaymentPayers([series('P1', 0.6, 'K', true)], known, paymentNamers([namer('P3')]), holder)).toEqual([]);
  });

  test('negative: a payer already a member is not listed again', () => {
    expect(namedPaymentPayers([collector(0.75)], new Set(['account:K', 'account:P3']), paymentNamers([namer('P3')]), holder)).toEqual([]);
  });

  test('negative: debt-named payments to another payee, or a payee vouched by nobody, join nothing', () => {
    expect(membersWith([series('P1', 0.85), series('P2', 0.75), namer('P3', 'Q')], 'P3')).toBeUndefined();
    expect(membersWith([namer('P3'), namer('P4')], 'P3')).toBeUndefined();
    expect(namedPaymentPayers([series('P1', 0.85)], new Set(['account:P1']), paymentNamers([namer('P3', 'Q')]), holder)).toEqual([]);
  });

  test('boundary: the collector\'s hit vouches at VOUCH_MIN_STRENGTH (0.5), not just below; a named-payment hit of strength 0 names no one', () => {
    expect(VOUCH_MIN_STRENGTH).toBe(0.5);
    const known = new Set(['account:K']);
    expect(namedPaymentPayers([collector(0.5)], known, paymentNamers([namer('P3')]), holder).map((m) => m.id)).toEqual(['P3']);
    expect(namedPaymentPayers([collector(0.4999)], known, paymentNamers([namer('P3')]), holder)).toEqual([]);
    expect(namedPaymentPayers([collector(0.5)], known, paymentNamers([namer('P3', 'K', 0)]), holder)).toEqual([]);
  });

  test('look-alike: a savings-group organiser (collector hit discounted to 0.2) and a relative paid by one family remitter (a plain series) vouch for no one', () => {
    const rosca = collector(0.2, ['P1', 'P2'], { payerClusters: 3, discount: 'rotating_savings_payout' });
    expect(vouchedCollectors([rosca], holder)).toEqual(new Set());
    expect(membersWith([rosca, namer('P3')], 'P3')).toBeUndefined();
    // One family remittance series of 0.55 without a debt reference names its payee for no one else.
    expect(vouchedCollectors([series('P1', 0.55, 'F', true)], holder)).toEqual(new Set());
    expect(membersWith([series('P1', 0.55, 'F', true), namer('P3', 'F')], 'P3')).toBeUndefined();
  });
});
