/**
 * Look-alike: a landlord letting beds or rooms to migrant workers (RESEARCH §c.5 "worker
 * dormitories … many customers share an address"). Several workers — some newly arrived, with
 * accounts opened weeks before their first payment — pay similar amounts to the same local
 * account every month after payday. To a repayment-series rule this is a collector with several
 * payers; what differs is the amount (a rent, 8–25 % of a wage), the shared address of the
 * payers (the rented house), and an ordinary landlord's outgoings.
 *
 * Variety: 6–20 tenants, per-bed or per-room rent, payment day habits, cash tenants, move-ins
 * during the window, rent increase, late payers.
 */
import { newLocal, newMigrant, reserve, type Ctx, type Persona } from './population.js';
import type { Rng } from './rng.js';
import { DAY, HOUR, type AccountRec } from './world.js';

export function landlord(ctx: Ctx, rng: Rng): void {
  const w = ctx.world;
  const city = w.pickCity(rng, true);
  const owner = reserve(ctx, rng, (p) => (p.kind === 'local' || p.kind === 'retiree' || p.kind === 'contractor') && p.city.state === city.state) ?? newLocal(ctx, rng, { city, kind: 'local' });
  owner.reserved = true;
  w.label(owner.account, 0, 'lookalike_landlord', 'landlord', '');
  const property = w.locale.street(<T>(xs: readonly T[]) => rng.pick(xs), (a, b) => rng.int(a, b), city);
  const nTenants = rng.int(6, 20);
  const perBed = w.round(w.fromMyr(rng.float(150, 450)), w.locale.roundStep * 5);
  const increaseDay = rng.chance(0.2) ? rng.int(30, w.days - 30) : Infinity;
  const people = rng.weighted(w.locale.migrants);
  const tenants: Array<{ p: Persona; rent: number; mode: 'transfer' | 'cash' | 'other'; dom: number; start: number; end: number; acc: AccountRec }> = [];
  for (let i = 0; i < nTenants; i++) {
    const moveIn = rng.chance(0.25) ? rng.int(5, w.days - 40) : -60;
    const opened = moveIn > 0 ? w.start + (moveIn - rng.int(3, 40)) * DAY + 10 * HOUR : undefined;
    const p = newMigrant(ctx, rng, { people: rng.chance(0.75) ? people : rng.weighted(w.locale.migrants), city, dorm: property, ...(opened === undefined ? {} : { opened }) });
    p.reserved = true;
    const mode = rng.weighted([['transfer', 0.75], ['cash', 0.15], ['other', 0.1]] as const);
    const acc = mode === 'other' ? w.otherBankPerson(rng) : p.account;
    w.label(p.account, 0, 'lookalike_landlord', 'tenant', '');
    tenants.push({ p, rent: perBed * (rng.chance(0.2) ? 2 : 1), mode, dom: rng.int(1, 7), start: Math.max(moveIn, 0), end: rng.chance(0.1) ? rng.int(60, w.days) : w.days, acc });
  }
  ctx.afterPayroll.push(() => {
    for (const t of tenants) {
      for (const ms of w.monthStarts()) {
        const day = ms + t.dom - 1;
        if (day < t.start || day >= t.end || day < 0) continue;
        const credit = t.p.wageCredits.find((c) => w.dayOf(c.ts) >= ms - 7 && w.dayOf(c.ts) <= ms + 7);
        let ts = credit !== undefined && rng.chance(0.6) ? credit.ts + rng.int(3, 72) * HOUR : w.timeOn(day, rng, 'online');
        if (rng.chance(0.1)) ts += rng.int(3, 12) * DAY;
        const rent = day >= increaseDay ? t.rent + w.fromMyr(50) : t.rent;
        if (t.mode === 'cash') w.deposit(owner.account, w.money(rent), ts, 'cdm', w.cdm(city, rng));
        else w.transfer(t.acc, owner.account, w.money(rent), ts, 'mobile', { reference: rng.pick(['sewa', 'rent', 'sewa bilik', 'room rent', '', 'bed', `sewa ${w.calendar(day).month + 1}`]) });
      }
    }
    // The landlord's own outgoings: mortgage, utilities for the house, repairs.
    const bank = rng.pick(w.locale.domesticBanks.filter((b) => b.wallet !== true));
    const mortgage = w.externalAccount({ country: w.locale.code, name: `${bank.name.toUpperCase()} HOUSING LOAN`, institution: bank });
    w.label(mortgage, 0, 'background', 'counterparty', '');
    const util = ctx.billers.find((b) => b.kind === 'utility');
    for (const ms of w.monthStarts()) {
      if (ms < 0 || ms >= w.days) continue;
      w.transfer(owner.account, mortgage, w.money(w.round(perBed * nTenants * rng.float(0.45, 0.6), 1)), w.timeOn(Math.min(w.days - 1, ms + 9), rng, 'batch'), 'online', { reference: 'HOUSING LOAN' });
      if (util !== undefined) w.transfer(owner.account, util.acc, w.money(Math.round(w.fromMyr(rng.float(200, 600)) * 100) / 100), w.timeOn(Math.min(w.days - 1, ms + rng.int(10, 20)), rng, 'online'), 'online', { reference: `BILL ${rng.digits(10)}` });
      if (rng.chance(0.3)) w.transfer(owner.account, rng.pick(ctx.businessPool), w.money(w.round(w.fromMyr(rng.float(200, 2500)), 10)), w.timeOn(Math.min(w.days - 1, ms + rng.int(0, 27)), rng, 'online'), 'online', { reference: rng.pick(['repair', 'plumbing', 'aircond service', 'paint']) });
    }
  });
}
