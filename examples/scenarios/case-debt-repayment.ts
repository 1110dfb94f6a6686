/**
 * Debt-financed smuggling: post-arrival instalment repayment (MS-DEBT-01, MS-TP-01; RESEARCH
 * §a.2 "free boarding with repayment from Malaysian wages", "MYR 4,000 pay-on-arrival",
 * recruitment debts of BDT 200,000–500,000 repaid over ~18 months; §d #10, #17).
 *
 * Several newly arrived workers (accounts opened shortly before the series) pay the same collector
 * every month (or fortnight, or week) soon after each wage credit, 30–60 % of the wage, until the
 * debt is cleared. The collector is a domestic agent (own account or another bank), a pair of
 * linked accounts, or a non-family account in the origin country reached through the remittance
 * channel. Payers still send smaller amounts to their own families.
 *
 * Variety: 2–12 payers, frequency, start lag after opening (0–60 days), share of wage, fixed amount
 * in local or home currency (FX makes local amounts drift), missed and late payments, payment by
 * cash at a CDM after an ATM withdrawal (the link is visible only through timing and place),
 * debt sizes that end some series inside the window.
 */
import { byStrength, domesticOther, foreignAccount, networkPersona, type Strength } from './network.js';
import { newMigrant, type Ctx, type Persona } from './population.js';
import type { People } from './names.js';
import type { Rng } from './rng.js';
import { DAY, HOUR, type AccountRec } from './world.js';

export function debtRepayment(ctx: Ctx, rng: Rng, strength: Strength): void {
  const w = ctx.world;
  const caseId = w.caseId('debt');
  const migrantPeoples = w.locale.migrants.map(([p]) => p);
  const people: People = rng.pick(migrantPeoples.filter((p) => p !== 'rohingya').length > 0 ? migrantPeoples.filter((p) => p !== 'rohingya') : migrantPeoples);
  const home = people === 'bangladeshi' ? 'BD' : people === 'nepali' ? 'NP' : people === 'indonesian' ? 'ID' : people === 'burmese' ? 'MM' : people === 'indian' ? 'IN' : people === 'pakistani' ? 'PK' : people === 'cambodian' ? 'KH' : people === 'lao' ? 'LA' : people === 'srilankan' ? 'LK' : people === 'afghan' ? 'AF' : people === 'filipino' ? 'PH' : people === 'vietnamese' ? 'VN' : 'BD';
  const form = rng.weighted([['domestic_own', 0.35], ['domestic_other', 0.2], ['pair', 0.15], ['abroad', 0.3]] as const);
  const collectors: AccountRec[] = [];
  if (form === 'abroad') {
    const c = foreignAccount(ctx, rng, home, { people, wallet: rng.chance(0.4) });
    collectors.push(c);
  } else if (form === 'domestic_other') {
    collectors.push(domesticOther(ctx, rng, rng.chance(0.5) ? { people } : { business: rng.pick(['Manpower', 'Recruitment Agency', 'Labour Supply', 'Services']) }));
  } else {
    const agent = networkPersona(ctx, rng, { migrant: rng.chance(0.5), people, recruitShare: 0.5, activity: 0.7 });
    collectors.push(agent.account);
    if (form === 'pair') {
      const partner = networkPersona(ctx, rng, { recruitShare: 0.2, activity: 0.5, city: agent.city });
      if (agent.party.phone !== undefined && rng.chance(0.6)) partner.party.phone = agent.party.phone;
      collectors.push(partner.account);
    }
  }
  for (const c of collectors) w.label(c, 1, 'debt_repayment_collector', 'collector', caseId);

  const nPayers = byStrength(strength, rng.int(6, 12), rng.int(3, 7), rng.int(2, 3));
  const employerShared = rng.chance(0.5);
  let sharedEmployer: Persona['employer'];
  const freq = rng.weighted([[30, 0.65], [14, 0.25], [7, 0.1]] as const);
  const currencyFixed = form === 'abroad' && rng.chance(0.6);
  const outflowsForwardAbroad = form !== 'abroad' && rng.chance(0.6);
  let collectedByPrimary = 0;

  for (let i = 0; i < nPayers; i++) {
    const opened = w.start + rng.int(-130, Math.floor(w.days * 0.45)) * DAY + rng.int(9, 16) * HOUR;
    const worker = newMigrant(ctx, rng, { people, opened, ...(employerShared && sharedEmployer !== undefined ? { employer: sharedEmployer } : {}) });
    if (employerShared && sharedEmployer === undefined && worker.employer !== undefined) sharedEmployer = worker.employer;
    worker.reserved = true;
    const share = byStrength(strength, rng.float(0.35, 0.6), rng.float(0.3, 0.55), rng.float(0.25, 0.45));
    if (worker.remit !== undefined) worker.remit.share = Math.max(0.05, worker.remit.share - share) * rng.float(0.5, 0.9);
    worker.spendShare = Math.max(0.15, 1 - share - (worker.remit?.share ?? 0));
    w.label(worker.account, 1, 'debt_repayment_payer', 'payer', caseId);
    const debt = w.fromMyr(rng.pick([4_000, 6_000, 8_000, 10_000, 13_000, 16_000, 19_000]));
    const target = collectors.length > 1 && rng.chance(0.5) ? collectors[1] as AccountRec : collectors[0] as AccountRec;
    const startLag = rng.int(0, byStrength(strength, 30, 45, 60));
    const payCash = form !== 'abroad' && rng.chance(byStrength(strength, 0.1, 0.2, 0.35));
    const lateP = byStrength(strength, 0.05, 0.12, 0.25);
    const missP = byStrength(strength, 0.02, 0.06, 0.15);
    // Schedule against the worker's own wage credits, once payroll has run.
    ctx.afterPayroll.push(() => {
      const credits = worker.wageCredits.filter((c) => c.ts >= (worker.account.openedAt ?? 0) + startLag * DAY);
      const monthlyWage = worker.salary;
      const instalment = w.round(monthlyWage * share * (freq / 30), w.locale.roundStep * (rng.chance(0.6) ? 5 : 1));
      const homeCurrencyAmount = currencyFixed ? Math.round(w.toForeign(instalment, currencyOf(home)) / 500) * 500 : 0;
      let paid = 0;
      let lastTs = -Infinity;
      let nextDue = credits[0]?.ts ?? Infinity;
      const schedule: number[] = [];
      for (let t = nextDue; t < w.end; t += freq * DAY) schedule.push(t);
      for (const due of schedule) {
        if (paid >= debt) break;
        if (rng.chance(missP)) continue;
        // Pay shortly after the latest wage credit at or before the due date.
        const credit = [...credits].reverse().find((c) => c.ts <= due + 3 * DAY) ?? credits[0];
        if (credit === undefined) break;
        let ts = Math.max(credit.ts, due) + Math.round(rng.float(1, 30) * HOUR);
        if (rng.chance(lateP)) ts += rng.int(2, 9) * DAY;
        if (ts <= lastTs + 3 * DAY) ts = lastTs + freq * DAY * 0.8;
        const amount = currencyFixed ? w.fromForeign(homeCurrencyAmount, currencyOf(home), rng.float(0.005, 0.02)) : instalment * (rng.chance(0.15) ? rng.float(0.6, 1.3) : 1);
        const minor = w.money(currencyFixed ? Math.round(amount * 100) / 100 : w.round(amount, w.locale.roundStep));
        let ok: boolean;
        if (payCash && target.own && rng.chance(0.7)) {
          // ATM withdrawal, then a CDM deposit into the collector minutes later at the same branch.
          const loc = worker.city;
          ok = w.withdraw(worker.account, minor, ts, 'atm', w.atm(loc, rng));
          if (ok) w.deposit(target, minor + (rng.chance(0.3) ? w.money(w.fromMyr(rng.int(1, 5) * 10)) : 0), ts + rng.int(3, 40) * 60_000, 'cdm', w.cdm(loc, rng));
        } else {
          ok = w.transfer(worker.account, target, minor, ts, form === 'abroad' ? 'remitter' : rng.chance(0.8) ? 'mobile' : 'online', { reference: rng.pick(['', '', 'bayar', 'hutang', 'loan', 'installment', 'family', 'ansuran', 'kisti', 'personal']) });
        }
        if (ok) {
          paid += minor / 10 ** w.locale.exponent;
          lastTs = ts;
          if (target === collectors[0]) collectedByPrimary += minor / 10 ** w.locale.exponent;
        }
      }
    });
  }
  // A domestic collector forwards collections abroad or withdraws cash, monthly.
  if (form !== 'abroad') {
    ctx.afterPayroll.push(() => {
      const primary = collectors[0] as AccountRec;
      if (!primary.own && form === 'domestic_other') return;
      const months = Math.max(1, Math.floor(w.days / 30));
      const boss = foreignAccount(ctx, rng, home, { people });
      w.label(boss, 1, 'debt_repayment_collector', 'beneficiary', caseId);
      for (let m = 1; m <= months; m++) {
        const amt = collectedByPrimary / months * rng.float(0.7, 1);
        if (amt < w.fromMyr(100)) continue;
        const day = Math.min(w.days - 1, m * 30 - rng.int(0, 5));
        if (outflowsForwardAbroad) w.transfer(primary, boss, w.money(w.round(amt, w.locale.roundStep * 10)), w.timeOn(day, rng, 'online'), 'remitter', { reference: rng.pick(['', 'family', 'business']) });
        else w.withdraw(primary, w.money(Math.min(w.round(amt, w.locale.roundStep * 10), w.locale.threshold * 0.95)), w.timeOn(w.nextBusinessDay(day), rng, 'branch'), 'branch', w.branch(primary.city ?? w.locale.cities[0]!));
      }
    });
  }
}

function currencyOf(country: string): string {
  return ({ BD: 'BDT', NP: 'NPR', ID: 'IDR', MM: 'MMK', IN: 'INR', PK: 'PKR', KH: 'USD', LA: 'LAK', LK: 'LKR', AF: 'AFN', PH: 'PHP', VN: 'VND' } as Record<string, string>)[country] ?? 'USD';
}
