/**
 * Cash businesses (RESEARCH §c.5 "cash-intensive small businesses … daily deposits near but under
 * the threshold; larger Monday deposits after weekends").
 *
 * - Ordinary shops (background): takings of a few thousand banked daily or every few days at a
 *   CDM or the counter, card-acquirer settlements, suppliers, rent, owner drawings.
 * - Near-threshold look-alikes (gold shop, wholesale trader, petrol station, hardware): takings
 *   averaging 65–85 % of the threshold, banked by rotating staff at the counter; Mondays and
 *   pre-festival days cross the threshold (a lawful reportable deposit); some days are banked in
 *   two trips (morning float, evening takings) that together exceed it.
 */
import { ownBusiness, newLocal, type Ctx } from './population.js';
import type { Rng } from './rng.js';
import { HOUR, type AccountRec } from './world.js';
import { companyName } from './names.js';

function acquirer(ctx: Ctx): AccountRec {
  const w = ctx.world;
  const existing = w.accounts.find((a) => a.name === 'CARD MERCHANT SETTLEMENT');
  if (existing !== undefined) return existing;
  const acc = w.externalAccount({ country: w.locale.code, name: 'CARD MERCHANT SETTLEMENT', institution: w.locale.domesticBanks[0]! });
  w.label(acc, 0, 'background', 'counterparty', '');
  return acc;
}

export function cashBusiness(ctx: Ctx, rng: Rng, nearThreshold: boolean): void {
  const w = ctx.world;
  const T = w.locale.threshold;
  const kind = nearThreshold
    ? rng.pick(['Gold & Jewellery', 'Wholesale Market Trader', 'Petrol Station', 'Hardware', 'Supermarket', 'Money Changer Licensed'])
    : rng.pick(['Mini Market', 'Restaurant', 'Kedai Runcit', 'Pharmacy', 'Bakery', 'Car Wash', 'Phone Shop', 'Laundry']);
  const city = w.pickCity(rng);
  const owner = newLocal(ctx, rng, { city, kind: 'contractor', occupation: 'business owner' });
  owner.reserved = true;
  const acc = ownBusiness(ctx, rng, { name: companyName(rng, w.locale.code, kind), city, occupation: kind.toLowerCase(), income: null });
  w.label(acc, 0, nearThreshold ? 'lookalike_cash_business' : 'background', nearThreshold ? 'cash_business' : 'shop', '');
  const staff = Array.from({ length: nearThreshold ? rng.int(2, 3) : 1 }, () => w.newPerson(rng, { people: rng.weighted(w.locale.locals), city, occupation: 'cashier' }));
  const mean = nearThreshold ? T * rng.float(0.6, 0.82) : w.fromMyr(rng.lognormal(2_000, 0.6));
  const sd = mean * (nearThreshold ? rng.float(0.12, 0.2) : 0.35);
  const everyDays = nearThreshold ? 1 : rng.pick([1, 1, 2, 3]);
  const suppliers = rng.sample(ctx.businessPool, rng.int(2, 6));
  const acq = acquirer(ctx);
  const rentTo = w.otherBankPerson(rng);
  let carry = 0;
  for (let d = 0; d < w.days; d++) {
    const wd = w.weekday(d);
    carry += Math.max(0, rng.normal(mean, sd)) / everyDays * (wd === 0 || wd === 6 ? 1.2 : 1);
    if (w.isWeekend(d, city)) continue;
    if (everyDays > 1 && rng.next() > 1 / everyDays) continue;
    const deposits = nearThreshold && rng.chance(0.12) ? 2 : 1;
    for (let k = 0; k < deposits; k++) {
      const part = deposits === 1 ? carry : carry * (k === 0 ? rng.float(0.4, 0.6) : 1);
      const amt = w.round(part, w.locale.roundStep);
      const useCdm = !nearThreshold && amt <= w.locale.cdmCap && rng.chance(0.6);
      const ts = useCdm ? w.timeOn(d, rng, 'cdm') : w.at(d, k === 0 ? 10 : 15, rng.int(0, 59), rng.int(0, 59));
      w.deposit(acc, w.money(amt), ts, useCdm ? 'cdm' : 'branch', useCdm ? w.cdm(city, rng) : w.branch(city), useCdm ? {} : { conductor: rng.pick(staff) });
      carry -= part;
    }
    carry = Math.max(0, carry);
    if (rng.chance(0.7)) w.transfer(acq, acc, w.money(Math.round(mean * rng.float(0.1, 0.4) * 100) / 100), w.at(d, 4, rng.int(0, 59)), 'online', { reference: `MERCHANT SETTLEMENT ${rng.digits(8)}` });
  }
  for (const ms of w.monthStarts()) {
    if (ms + 27 < 0 || ms >= w.days) continue;
    for (let k = 0; k < rng.int(3, 8); k++) {
      const day = ms + rng.int(0, 27);
      if (day < 0 || day >= w.days) continue;
      w.transfer(acc, rng.pick(suppliers), w.money(Math.round(mean * rng.float(2, 6) * 100) / 100), w.timeOn(day, rng, 'business'), rng.chance(0.8) ? 'online' : 'cheque', { reference: `INV ${rng.int(1000, 99999)}` });
    }
    const rentDay = ms + 4;
    if (rentDay >= 0 && rentDay < w.days) w.transfer(acc, rentTo, w.money(w.round(mean * rng.float(1.5, 3), 10)), w.timeOn(rentDay, rng, 'online'), 'online', { reference: 'SEWA KEDAI' });
    const drawDay = ms + rng.int(20, 27);
    if (drawDay >= 0 && drawDay < w.days) w.transfer(acc, owner.account, w.money(w.round(mean * rng.float(2, 5), 10)), w.timeOn(drawDay, rng, 'online') + HOUR, 'online', { reference: rng.pick(['drawing', 'gaji', 'owner']) });
  }
}
