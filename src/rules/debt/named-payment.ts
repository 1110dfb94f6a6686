import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, hitOf, moneyRange } from '../_lib.js';
import { BILL_REF, DEBT_REF, LENDER_NAME, RENT_REF, accountType, addressedAsKin, isFamily, ownRef } from '../_payments.js';
import { recentRun } from '../_series.js';
import { guardFacts, scanGuard } from '../scan-guard.js';
import type { DebtRepaymentSettings } from './debt-repayment.js';

/**
 * Strength of a payer's debt-named payments that make no series (see {@link namedPaymentSide}):
 * evidence for the network stage, next to nothing on its own (55 × 0.05 ≈ 3 points). Below the
 * scoring's faint-overlap floor (0.2), so a wage-diversion reading of the same transfers outweighs
 * it, and below every link and member bar of the network stage: it joins a payer to a case only
 * where the payee is already vouched for as a debt collector (`namedPaymentPayers` in
 * vouched-payers.ts).
 * @internal
 */
export const NAMED_PAYMENT_STRENGTH = 0.05;

/**
 * MS-DEBT-01 in the payer's own words, too short for a series: one or two transfers (or more at
 * no period) from a newly opened personal account whose references name a debt ("installment",
 * "kisti", "hutang", "loan"), to one personal payee (or one of unknown type) that is not the
 * payer's household nor a lender, biller or landlord by name or reference, nor addressed as a
 * relative or paid for a household's keep (`addressedAsKin`: "ibu", "for home"), and that paid
 * this account nothing in the window (money lent both ways is a friendship's). The newest payment
 * must name the debt, and the first payment to the payee in the run must fall within
 * `startWithinDays` of the account's opening (a newly arrived worker). The hit names the payee in
 * `related` at {@link NAMED_PAYMENT_STRENGTH} (`facts.namedPayments`): a debt's first or last
 * instalments, which the network stage reads only where the payee collects from others (issue 14:
 * payers of one or two instalments to a collector that their fellow payers' series name were never
 * members of its case). A friend's "loan" repaid, or family support, names no collector.
 * @internal
 * @example const hits = namedPaymentSide(window, context, settings, rule, newest(window));
 */
export function namedPaymentSide(window: EntityWindow, context: RuleContext, o: DebtRepaymentSettings, rule: Rule, last: WindowEvent): RuleHit[] {
  if (last.kind !== 'transfer' || last.direction !== 'out') return [];
  const ref = last.tx.reference ?? '';
  if (!DEBT_REF.test(ref) || RENT_REF.test(ref) || BILL_REF.test(ref)) return [];
  const account = window.account;
  const opened = account?.openedAt;
  if (account === undefined || opened === undefined || (account.type !== undefined && account.type !== 'personal')) return [];
  const payee = last.counterparty;
  if (payee === undefined || last.ts - opened > (o.windowDays + o.startWithinDays) * DAY_MS) return [];
  const payeeType = accountType(context, payee);
  if (payeeType !== undefined && payeeType !== 'personal') return [];
  if (LENDER_NAME.test(last.counterpartyName ?? '')) return [];
  const link = context.identity.familyLink(ownRef(window, last), { account: payee, name: last.counterpartyName });
  if (isFamily(link) && link !== 'family_name') return [];
  const guard = scanGuard(o.maxScan);
  // Money lent both ways (the payee paid this account too) is a friendship's, not a collector's.
  let lent = false;
  const pays = recentRun(window, last.ts - o.windowDays * DAY_MS, o.windowDays * DAY_MS, guard, (e) => {
    if (e.counterparty !== payee) return false;
    if (e.direction === 'in') lent = true;
    return e.direction === 'out' && e.kind === 'transfer';
  });
  if (lent) return [];
  const first = pays[0] as WindowEvent;
  if (first.ts < opened || first.ts - opened > o.startWithinDays * DAY_MS) return [];
  const refs = pays.map((e) => e.tx.reference ?? '');
  if (refs.some((r) => RENT_REF.test(r) || BILL_REF.test(r) || addressedAsKin(r))) return [];
  const named = refs.filter((r) => DEBT_REF.test(r)).length;
  const amounts = pays.map((e) => e.amount);
  const startDays = Math.round((first.ts - opened) / DAY_MS);
  const reason =
    `Possible debt instalments: ${pays.length === 1 ? '1 payment' : `${pays.length} payments`} of ${moneyRange(context.jurisdiction, Math.min(...amounts), Math.max(...amounts))} ` +
    `to one payee, ${named} of them named as a debt in the reference, the first ${startDays} days after this account was opened (too few or too irregular for a series; evidence for the payee's case only).`;
  const facts = { namedPayments: named, payments: pays.length, startDays, totalMinor: amounts.reduce((s, a) => s + a, 0) };
  return [{ ...hitOf(rule, window, pays, NAMED_PAYMENT_STRENGTH, reason, guardFacts(facts, guard), 'named_payment'), related: [{ kind: 'account', id: payee }] }];
}
