/**
 * Look-alike: a licensed travel agency serving migrant communities (RESEARCH §c.5 "legitimate
 * travel agencies and transport firms: bulk tickets, many customers, one phone/address"; FATF
 * 2022 notes such firms are also used as fronts). Many unrelated customers pay fare-sized amounts,
 * sometimes multiples for a family group, peaking before Eid and Dashain; the agency settles with
 * airlines weekly. Fee-like amounts from many senders — the shape of a corridor collector.
 */
import { domesticOther } from './network.js';
import { festivalDays, newMigrant, ownBusiness, reserve, type Ctx } from './population.js';
import type { Rng } from './rng.js';
import { HOUR, type AccountRec } from './world.js';
import { companyName } from './names.js';

export function travelAgency(ctx: Ctx, rng: Rng): void {
  const w = ctx.world;
  const city = w.pickCity(rng, true, (c) => c.migrantWeight >= 4);
  const acc = ownBusiness(ctx, rng, { name: companyName(rng, w.locale.code, rng.pick(['Travel & Tours', 'Air Travels', 'Holidays'])), city, occupation: 'licensed travel agency', income: w.round(w.fromMyr(rng.float(150_000, 600_000)), 1000) });
  w.label(acc, 0, 'lookalike_travel_agency', 'agency', '');
  const airlines: AccountRec[] = ['AIRASIA BERHAD', 'MALAYSIA AIRLINES BERHAD', 'BIMAN BANGLADESH AIRLINES', 'BATIK AIR MALAYSIA', 'IATA BSP MALAYSIA'].map((n) => {
    const a = w.externalAccount({ country: w.locale.code, name: n });
    w.label(a, 0, 'background', 'counterparty', '');
    return a;
  });
  const people = rng.weighted(w.locale.migrants);
  const peaks = festivalDays(w, people);
  const fare = w.fromMyr(rng.pick([850, 1100, 1300, 1600, 2100]));
  const perDay = rng.float(0.6, 2.2) * Math.min(1, 0.35 + ctx.scale);
  let weekTotal = 0;
  for (let d = 0; d < w.days; d++) {
    const near = peaks.some((f) => f - d >= 0 && f - d <= 30);
    const n = rng.poisson(perDay * (near ? 3 : 1));
    for (let i = 0; i < n; i++) {
      const pax = rng.weighted([[1, 0.7], [2, 0.18], [3, 0.07], [4, 0.05]] as const);
      const amt = w.round(fare * pax * rng.float(0.85, 1.25), w.locale.roundStep);
      const customer = rng.chance(0.5)
        ? (reserve(ctx, rng, (p) => p.kind === 'migrant' && p.people === people) ?? newMigrant(ctx, rng, { people })).account
        : domesticOther(ctx, rng, { people });
      if (rng.chance(0.15)) w.deposit(acc, w.money(amt), w.timeOn(d, rng, 'branch'), 'branch', w.branch(city));
      else w.transfer(customer, acc, w.money(amt), w.timeOn(d, rng, 'online'), 'mobile', { reference: rng.pick(['tiket', 'ticket', 'air ticket', `PNR ${rng.letters(6)}`, 'booking', '']) });
      weekTotal += amt;
    }
    if (w.weekday(d) === 3 && weekTotal > 0) {
      const parts = rng.int(1, 3);
      for (let k = 0; k < parts; k++) w.transfer(acc, rng.pick(airlines), w.money(Math.round(weekTotal * 0.9 / parts * 100) / 100), w.timeOn(d, rng, 'business') + k * HOUR, 'online', { reference: `BSP SETTLEMENT ${w.date(d).replace(/-/g, '')}` });
      weekTotal = 0;
    }
  }
}
