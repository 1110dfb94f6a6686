/**
 * Look-alike: licensed money-service businesses (type `msb`). Many unrelated migrant workers pay
 * them (a funnel by construction), their outlets bank the day's cash — sometimes above the
 * threshold, often at several branches the same day — and they settle with correspondents abroad
 * in large round amounts the next business day (fan-out to corridor countries). All lawful:
 * RESEARCH §c.5 "licensed remitters".
 */
import { foreignAccount } from './network.js';
import { ownBusiness, type Ctx } from './population.js';
import type { Rng } from './rng.js';
import type { AccountRec } from './world.js';

const NAMES = ['Bayu Express Remittance', 'Sejahtera Money Transfer', 'Tidal Remit', 'Suria Exchange & Remittance', 'Kembara Transfer', 'Cahaya Money Express'];

export function createMsbs(ctx: Ctx, rng: Rng, n: number): void {
  const w = ctx.world;
  for (let i = 0; i < n; i++) {
    const city = w.pickCity(rng, true, (c) => c.migrantWeight >= 4);
    const name = `${NAMES[i % NAMES.length]} ${w.locale.code === 'MY' ? 'Sdn Bhd' : w.locale.code === 'AU' ? 'Pty Ltd' : 'Ltd'}`;
    const acc = ownBusiness(ctx, rng, { name, city, type: 'msb', occupation: 'licensed remittance service provider', income: w.round(w.fromMyr(rng.float(2e6, 8e6)), 1000) });
    w.label(acc, 0, 'lookalike_msb', 'msb', '');
    ctx.msbs.push(acc);
    const staff = Array.from({ length: rng.int(2, 4) }, () => w.newPerson(rng, { people: rng.weighted(w.locale.locals), city, occupation: 'remittance officer' }));
    const outlets = [city, ...Array.from({ length: rng.int(1, ctx.scale < 0.5 ? 2 : 4) }, () => w.pickCity(rng, true))];
    const volume = Math.min(1, 0.35 + ctx.scale);
    const allCorridors = w.locale.migrants.map(([p, weight]) => [({ bangladeshi: 'BD', indonesian: 'ID', nepali: 'NP', burmese: 'MM', rohingya: 'MM', indian: 'IN', pakistani: 'PK', cambodian: 'KH', lao: 'LA', vietnamese: 'VN', filipino: 'PH', srilankan: 'LK', afghan: 'AF' } as Record<string, string>)[p] ?? 'BD', weight] as const);
    // Small worlds: settle only the main corridors.
    const corridors = [...allCorridors].sort((a, b) => b[1] - a[1]).slice(0, Math.max(2, Math.round(allCorridors.length * volume)));
    const correspondents = new Map<string, AccountRec>();
    for (const [country] of corridors) {
      if (correspondents.has(country)) continue;
      const c = foreignAccount(ctx, rng, country, { business: 'Exchange House' });
      w.label(c, 0, 'lookalike_msb', 'correspondent', '');
      correspondents.set(country, c);
    }
    const daily = w.fromMyr(rng.float(15_000, 60_000));
    // Outlet cash banked daily; then next-business-day settlement of everything received.
    ctx.finally.push(() => {
      const inByDay = new Map<number, number>();
      for (const tx of w.txs) {
        if (tx.to === acc) inByDay.set(w.dayOf(tx.ts), (inByDay.get(w.dayOf(tx.ts)) ?? 0) + tx.amount);
      }
      for (let d = 0; d < w.days; d++) {
        if (w.isWeekend(d, city)) continue;
        const nOutlets = rng.int(1, outlets.length);
        for (let k = 0; k < nOutlets; k++) {
          const loc = outlets[k] as typeof city;
          const amt = w.round(daily / nOutlets * rng.lognormal(1, 0.35), w.locale.roundStep * 10);
          const ts = w.timeOn(d, rng, 'branch');
          if (w.deposit(acc, w.money(amt), ts, 'branch', w.branch(loc), { conductor: rng.pick(staff), reference: `OUTLET ${loc.code} TAKINGS` })) {
            inByDay.set(d, (inByDay.get(d) ?? 0) + w.money(amt));
          }
        }
      }
      for (let d = 1; d < w.days; d++) {
        if (w.isWeekend(d, city)) continue;
        let pot = 0;
        for (let p = d - 1; p >= 0 && (p === d - 1 || w.isWeekend(p, city)); p--) pot += inByDay.get(p) ?? 0;
        if (pot <= 0) continue;
        const totalW = corridors.reduce((s, [, x]) => s + x, 0);
        for (const [country, weight] of corridors) {
          const share = Math.floor(pot * weight / totalW * rng.float(0.9, 1.0));
          const major = w.round(share / 10 ** w.locale.exponent, w.locale.roundStep * 100);
          if (major <= 0) continue;
          w.transfer(acc, correspondents.get(country) as AccountRec, w.money(major), w.timeOn(d, rng, 'business'), 'online', { reference: `SETTLEMENT ${w.date(d).replace(/-/g, '')} ${country}` });
        }
      }
    });
  }
}
