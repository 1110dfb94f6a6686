/**
 * Wage diversion / controlled earnings (MS-DEBT-02; FinCEN 2014/2020, AUSTRAC forced-servitude
 * guide: victims hand over most of their earnings; several workers' wages flow to one account).
 *
 * A labour contractor pays a crew of migrant workers who share a dormitory. Within hours of each
 * payroll credit most of each wage (50–90 %) goes to the same "agent": by mobile transfer made
 * from the agent-held phones (same minutes across workers), or as an ATM withdrawal conducted by
 * the agent with the worker's card. The agent forwards the money abroad or withdraws it.
 *
 * Variety: 3–14 workers, share taken, delay (0.3–20 h), transfer vs card-withdrawal form, an
 * employer that is itself part of the scheme (pays little) or a lawful one, partial compliance.
 */
import { byStrength, domesticOther, foreignAccount, networkPersona, type Strength } from './network.js';
import { newEmployer, newMigrant, type Ctx, type Persona } from './population.js';
import type { Rng } from './rng.js';
import { HOUR } from './world.js';

export function wageDiversion(ctx: Ctx, rng: Rng, strength: Strength): void {
  const w = ctx.world;
  const caseId = w.caseId('wage');
  const people = rng.weighted(w.locale.migrants.filter(([p]) => p !== 'rohingya'));
  const employer = newEmployer(ctx, rng, { migrantHeavy: true, own: rng.chance(0.6), sector: rng.pick(['Construction', 'Cleaning Services', 'Plantation', 'Seafood Processing', 'Manpower Services']), fortnightly: rng.chance(0.2) });
  const agentP = networkPersona(ctx, rng, { migrant: rng.chance(0.5), people, city: employer.city, recruitShare: 0.4, activity: 0.7 });
  const agent = agentP.account;
  w.label(agent, 1, 'wage_diversion', 'collector', caseId);
  if (employer.own && rng.chance(0.3)) w.label(employer.account, 1, 'wage_diversion', 'employer', caseId);
  const n = byStrength(strength, rng.int(7, 14), rng.int(4, 8), rng.int(3, 4));
  const form = rng.weighted([['transfer', 0.6], ['card', 0.25], ['mixed', 0.15]] as const);
  const dorm = employer.dorms[0];
  const workers: Persona[] = [];
  const lowPay = rng.chance(0.3);
  for (let i = 0; i < n; i++) {
    const wk = newMigrant(ctx, rng, { people, employer, ...(dorm === undefined ? {} : { dorm }), ...(lowPay ? { salary: w.round(w.locale.wage.migrantMin * rng.float(0.9, 1.05), 10) } : {}), remit: rng.chance(0.4) });
    wk.reserved = true;
    wk.activity *= 0.4;
    wk.spendShare = 0.2;
    if (wk.remit !== undefined) wk.remit.share *= 0.4;
    if (rng.chance(0.4) && agentP.party.phone !== undefined) wk.party.phone = agentP.party.phone;
    w.label(wk.account, 1, 'wage_diversion', 'worker', caseId);
    workers.push(wk);
  }
  const shareLo = byStrength(strength, 0.65, 0.55, 0.45);
  const compliance = byStrength(strength, 0.97, 0.9, 0.7);
  const boss = rng.chance(0.5) ? foreignAccount(ctx, rng, w.locale.code === 'TH' ? 'MM' : 'BD', { people }) : domesticOther(ctx, rng, { people });
  w.label(boss, 1, 'wage_diversion', 'beneficiary', caseId);

  const counterWithdrawal = rng.chance(0.35);
  const atmLoc = w.atm(employer.city, rng);
  ctx.afterPayroll.push(() => {
    let collected = 0;
    const sessionDelay = new Map<number, number>();
    for (const wk of workers) {
      for (const c of wk.wageCredits) {
        if (!rng.chance(compliance)) continue;
        const dayKey = w.dayOf(c.ts);
        if (!sessionDelay.has(dayKey)) sessionDelay.set(dayKey, byStrength(strength, rng.float(0.3, 6), rng.float(1, 14), rng.float(4, 20)));
        const ts = c.ts + Math.round(((sessionDelay.get(dayKey) as number) + rng.float(0, 0.4)) * HOUR);
        const share = rng.float(shareLo, 0.92);
        const wage = c.amount / 10 ** w.locale.exponent;
        const amt = w.round(wage * share, w.locale.roundStep);
        const card = form === 'card' || (form === 'mixed' && rng.chance(0.5));
        if (card) {
          // The agent holds the cards: one ATM, minutes apart across the crew; or a counter
          // withdrawal with an authorisation letter, where the bank records the agent as conductor.
          if (counterWithdrawal) {
            w.withdraw(wk.account, w.money(amt), w.timeOn(w.nextBusinessDay(w.dayOf(ts), wk.city), rng, 'branch'), 'branch', w.branch(wk.city), { conductor: agentP.party });
          } else {
            let left = amt;
            let t = ts;
            while (left > 0) {
              const piece = Math.min(left, w.locale.atmCap);
              w.withdraw(wk.account, w.money(piece), t, 'atm', atmLoc);
              left -= piece;
              t += rng.int(1, 4) * 60_000;
            }
          }
        } else {
          w.transfer(wk.account, agent, w.money(amt), ts, 'mobile', { reference: rng.pick(['', '', 'sewa', 'makan', 'hostel', 'potongan', 'bayar', 'agent']) });
          collected += amt;
        }
      }
    }
    // Forward most of it.
    const months = Math.max(1, Math.round(w.days / 30));
    for (let m = 0; m < months; m++) {
      const amt = collected / months * rng.float(0.6, 0.9);
      if (amt < w.fromMyr(200)) continue;
      const day = Math.min(w.days - 1, m * 30 + rng.int(3, 12));
      w.transfer(agent, boss, w.money(w.round(amt, w.locale.roundStep * 10)), w.timeOn(day, rng, 'online'), boss.country === w.locale.code ? 'online' : 'remitter', { reference: rng.pick(['', 'family', 'business']) });
    }
  });
}
