/**
 * Look-alikes around wages (RESEARCH §c.5 "cash payroll for seasonal/agricultural labour"):
 *
 * - payroll bureau / licensed labour-outsourcing company: a few client companies fund the wage bill
 *   a day or two before payday, and the bureau pays dozens of workers the same night (fan-in then
 *   fan-out, pass-through ratio near 1, dwell under 48 h);
 * - cash-payroll employer (plantation, construction): withdraws cash just under — and sometimes
 *   over — the threshold before each payday, occasionally on two consecutive days, to pay workers
 *   who have no accounts.
 */
import { newEmployer, newMigrant, newLocal, ownBusiness, paydays, type Ctx } from './population.js';
import type { Rng } from './rng.js';
import { HOUR } from './world.js';
import { companyName } from './names.js';

export function payrollBureau(ctx: Ctx, rng: Rng): void {
  const w = ctx.world;
  const city = w.pickCity(rng, true, (c) => c.migrantWeight >= 3);
  const name = companyName(rng, w.locale.code, rng.pick(['HR Outsourcing', 'Manpower Services', 'Workforce Solutions', 'Payroll Services']));
  const emp = newEmployer(ctx, rng, { migrantHeavy: true, own: true, city, name, sector: 'Manpower Services', payday: rng.pick(['last', 7] as const), fortnightly: false });
  w.label(emp.account, 0, 'lookalike_payroll', 'payroll_bureau', '');
  const n = Math.max(12, Math.round(rng.int(25, 70) * Math.min(1, ctx.scale + 0.2)));
  for (let i = 0; i < n; i++) {
    const p = rng.chance(0.8) ? newMigrant(ctx, rng, { employer: emp }) : newLocal(ctx, rng, { employer: emp, kind: 'local' });
    p.reserved = true;
  }
  const clients = rng.sample(ctx.businessPool, rng.int(2, 5));
  ctx.afterPayroll.push(() => {
    for (const d of paydays(w, emp)) {
      const bill = emp.workers.reduce((s, p) => s + p.salary, 0) * rng.float(1.12, 1.3);
      let left = bill;
      clients.forEach((c, i) => {
        const part = i === clients.length - 1 ? left : bill / clients.length * rng.float(0.6, 1.4);
        left -= part;
        if (part <= 0) return;
        w.transfer(c, emp.account, w.money(Math.round(part * 100) / 100), w.timeOn(Math.max(0, d - rng.int(1, 2)), rng, 'business'), 'online', { reference: `MANPOWER INV ${rng.int(1000, 9999)}` });
      });
    }
  });
}

export function cashPayroll(ctx: Ctx, rng: Rng): void {
  const w = ctx.world;
  const city = w.pickCity(rng, true);
  const sector = rng.pick(['Plantation', 'Construction', 'Agriculture', 'Fishery']);
  const name = companyName(rng, w.locale.code, sector);
  const acc = ownBusiness(ctx, rng, { name, city, occupation: sector.toLowerCase(), income: w.round(w.fromMyr(rng.float(80_000, 300_000)), 1000) });
  w.label(acc, 0, 'lookalike_payroll', 'cash_payroll', '');
  const T = w.locale.threshold;
  const wageBill = T * rng.float(0.8, 2.2);
  const buyers = rng.sample(ctx.businessPool, rng.int(2, 4));
  const staff = w.newPerson(rng, { people: rng.weighted(w.locale.locals), city, occupation: 'site supervisor' });
  for (const ms of w.monthStarts()) {
    for (const half of [0, 15]) {
      const payDay = w.prevBusinessDay(ms + half + 14, city);
      if (payDay < 1 || payDay >= w.days) continue;
      // Revenue arrives from buyers (mill, main contractor) in the days before.
      w.transfer(rng.pick(buyers), acc, w.money(Math.round(wageBill / 2 * rng.float(1.4, 2.2) * 100) / 100), w.timeOn(Math.max(0, payDay - rng.int(2, 6)), rng, 'business'), 'online', { reference: rng.pick(['FFB', 'progress claim', 'INV', 'payment']) + ` ${rng.int(100, 999)}` });
      let need = wageBill / 2 * rng.float(0.85, 1.15);
      let d = w.prevBusinessDay(payDay - 1, city);
      while (need > T * 0.1 && d >= 0) {
        const amt = rng.chance(0.15) ? need : Math.min(need, T * rng.float(0.7, 0.99));
        w.withdraw(acc, w.money(w.round(amt, w.locale.roundStep * 10)), w.timeOn(d, rng, 'branch'), 'branch', w.branch(city), { conductor: staff, reference: 'WAGES' });
        need -= amt;
        d = w.prevBusinessDay(d - 1, city);
      }
    }
    // Fuel, fertiliser, spare parts.
    for (let k = 0; k < rng.int(2, 5); k++) {
      const day = ms + rng.int(0, 27);
      if (day < 0 || day >= w.days) continue;
      w.transfer(acc, rng.pick(ctx.businessPool), w.money(w.round(wageBill * rng.float(0.1, 0.4), 10)), w.timeOn(day, rng, 'business') + HOUR, 'online', { reference: `PO ${rng.int(1000, 9999)}` });
    }
  }
}
