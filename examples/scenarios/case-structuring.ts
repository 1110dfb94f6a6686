/**
 * Structuring of cash (MS-STR-01..04; RESEARCH §c.1: real cases sit at 95–99 % of the threshold,
 * but structurers also go far lower — IDR 100 million against IDR 500 million, A$100–5,000;
 * §d #1, #2, #14, #15).
 *
 * Each case combines one or two variants:
 * - near_threshold: repeated cash deposits at 80–99.5 % of T (one per day where the threshold
 *   aggregates per day; sometimes two a day at different branches where it does not);
 * - split_sum: one person's pieces spread over own accounts and consecutive days, every
 *   regulatory unit below T, the sum above it;
 * - multi_branch: one conductor visits 3–5 branches/CDMs in a day;
 * - multi_conductor: 5–10 depositors from several states pay cash into one account;
 * - withdrawals: near-threshold withdrawals at several branches on one or consecutive days;
 * - far_below: small daily deposits (10–20 % of T) for weeks;
 * - transfer_avoidance: cash-funded international transfers kept under a transfer threshold
 *   (Australia, Thailand).
 * Proceeds go abroad to corridor countries or to other network accounts.
 */
import { byStrength, foreignAccount, networkPersona, walkIn, type Strength } from './network.js';
import type { Ctx, Persona } from './population.js';
import type { Rng } from './rng.js';
import { DAY, HOUR } from './world.js';
import type { City } from './locale.js';

type Variant = 'near_threshold' | 'split_sum' | 'multi_branch' | 'multi_conductor' | 'withdrawals' | 'far_below' | 'transfer_avoidance';

export function structuring(ctx: Ctx, rng: Rng, strength: Strength, forced?: Variant): Variant[] {
  const w = ctx.world;
  const caseId = w.caseId('struct');
  const T = w.locale.threshold;
  const perTx = w.locale.thresholdUnit === 'per_transaction';
  const options: Array<readonly [Variant, number]> = [
    ['near_threshold', 3], ['split_sum', 2], ['multi_branch', 2], ['multi_conductor', 2], ['withdrawals', 1.5], ['far_below', 1.2],
    ['transfer_avoidance', w.locale.code === 'AU' || w.locale.code === 'TH' ? 1.5 : 0],
  ];
  const first = forced ?? rng.weighted(options);
  const variants: Variant[] = [first];
  if (rng.chance(0.35)) {
    const second = rng.weighted(options.filter(([v]) => v !== first));
    variants.push(second);
  }
  const city = w.pickCity(rng);
  const holder: Persona = networkPersona(ctx, rng, {
    city, recruitShare: 0.5, activity: 0.6,
    occupation: rng.pick(['trader', 'contractor', 'self-employed', 'company director', 'general worker', 'driver']),
  });
  const main = rng.chance(0.3)
    ? w.newOwnAccount(holder.party, 'business', w.start - rng.int(30, 900) * DAY, city, `${holder.party.name.split(' ')[0]} ${rng.pick(['Trading', 'Enterprise', 'Motor', 'Services', 'Import Export'])}`)
    : holder.account;
  w.label(main, 1, 'structuring', 'structurer', caseId);
  if (main !== holder.account) w.label(holder.account, 1, 'structuring', 'owner', caseId);
  const sink = foreignAccount(ctx, rng, w.locale.code === 'AU' ? rng.pick(['ID', 'LK', 'AF']) : w.locale.code === 'TH' ? 'MM' : rng.pick(['BD', 'TH', 'ID', 'MM']));
  w.label(sink, 1, 'structuring', 'beneficiary', caseId);
  const arrivals: Array<{ ts: number; amount: number }> = [];
  const dep = (...args: Parameters<typeof w.deposit>): boolean => {
    const ok = w.deposit(...args);
    if (ok) arrivals.push({ ts: args[2], amount: args[1] / 10 ** w.locale.exponent });
    return ok;
  };
  const busyDays = new Set<number>();
  const freeDay = (lo: number, hi: number, c: City): number => {
    for (let i = 0; i < 20; i++) {
      const d = w.nextBusinessDay(rng.int(lo, Math.max(lo, hi)), c);
      if (!busyDays.has(d) && d < w.days) { busyDays.add(d); return d; }
    }
    return Math.min(w.days - 1, w.nextBusinessDay(hi, c));
  };
  const opened = Math.max(0, w.dayOf(main.openedAt ?? w.start) + 1);
  const start = Math.max(opened, rng.int(0, Math.floor(w.days * 0.5)));

  for (const v of variants) {
    switch (v) {
      case 'near_threshold': {
        const k = byStrength(strength, rng.int(6, 12), rng.int(3, 6), 2);
        const span = rng.int(k * 2, Math.max(k * 3, 60));
        const lo = rng.chance(0.25) ? 0.8 : 0.9;
        for (let i = 0; i < k; i++) {
          const d = freeDay(start, Math.min(w.days - 1, start + span), city);
          const amt = w.round(T * rng.float(lo, 0.995), w.locale.roundStep * rng.pick([1, 5, 10]));
          const loc = rng.chance(0.7) ? city : w.pickCity(rng, false, (c) => c.state === city.state);
          dep(main, w.money(amt), w.timeOn(d, rng, 'branch'), 'branch', w.branch(loc), { conductor: holder.party });
          if (perTx && rng.chance(0.3)) {
            const amt2 = w.round(T * rng.float(0.9, 0.99), w.locale.roundStep * 5);
            const loc2 = w.pickCity(rng, false, (c) => c !== loc);
            dep(main, w.money(amt2), w.timeOn(d, rng, 'branch'), 'branch', w.branch(loc2), { conductor: holder.party });
          }
        }
        break;
      }
      case 'split_sum': {
        const others = [main];
        const nAcc = rng.int(1, 2);
        for (let i = 0; i < nAcc; i++) {
          const a = w.newOwnAccount(holder.party, 'personal', w.start - rng.int(10, 1500) * DAY, city);
          w.label(a, 1, 'structuring', 'structurer', caseId);
          others.push(a);
        }
        const episodes = byStrength(strength, rng.int(4, 8), rng.int(2, 4), rng.int(1, 2));
        for (let e = 0; e < episodes; e++) {
          const d0 = freeDay(start, w.days - 4, city);
          const totalTarget = T * rng.float(1.05, 2.2);
          let sum = 0;
          let day = d0;
          while (sum < totalTarget) {
            const acc = rng.pick(others);
            const piece = w.round(T * rng.float(0.2, 0.6), w.locale.roundStep * 10);
            const channel = rng.chance(0.5) ? 'cdm' : 'branch';
            const loc = w.pickCity(rng, false, (c) => c.state === city.state);
            if (dep(acc, w.money(Math.min(piece, channel === 'cdm' ? w.locale.cdmCap : piece)), w.timeOn(day, rng, channel === 'cdm' ? 'cdm' : 'branch'), channel, channel === 'cdm' ? w.cdm(loc, rng) : w.branch(loc), channel === 'branch' ? { conductor: holder.party } : {})) {
              sum += Math.min(piece, channel === 'cdm' ? w.locale.cdmCap : piece);
            } else break;
            if (rng.chance(0.4)) day = w.nextBusinessDay(day + 1, city);
          }
          for (const a of others.slice(1)) w.transfer(a, main, w.money(w.round(T * rng.float(0.2, 0.5), w.locale.roundStep * 10)), w.timeOn(Math.min(w.days - 1, day + rng.int(1, 3)), rng, 'online'), 'online');
        }
        break;
      }
      case 'multi_branch': {
        const days = byStrength(strength, rng.int(3, 6), rng.int(1, 3), 1);
        const metro = w.locale.cities.filter((c) => c.state === city.state);
        for (let i = 0; i < days; i++) {
          const d = freeDay(start, w.days - 1, city);
          const visits = rng.int(3, 5);
          let t = w.at(d, 9, rng.int(20, 59));
          for (let k = 0; k < visits; k++) {
            const loc = rng.pick(metro.length > 1 ? metro : w.locale.cities);
            const cdm = rng.chance(0.5);
            const piece = w.round(T * rng.float(0.15, 0.38), w.locale.roundStep * 10);
            dep(main, w.money(Math.min(piece, cdm ? w.locale.cdmCap : piece)), t, cdm ? 'cdm' : 'branch', cdm ? w.cdm(loc, rng) : `${w.branch(loc).slice(0, -1)}${k % 2 === 0 ? '1' : '2'}`, cdm ? {} : { conductor: holder.party });
            t += rng.int(25, 95) * 60_000;
          }
        }
        break;
      }
      case 'multi_conductor': {
        const n = byStrength(strength, rng.int(7, 10), rng.int(5, 7), rng.int(3, 4));
        const states = [...new Set(w.locale.cities.map((c) => c.state))].filter((s) => s !== city.state);
        const homes = rng.sample(states, byStrength(strength, 4, 3, 2));
        const d0 = Math.max(start, rng.int(0, w.days - 20));
        const safeHouse = rng.chance(0.3) ? w.locale.street(<T>(xs: readonly T[]) => rng.pick(xs), (a, b) => rng.int(a, b), city) : undefined;
        for (let i = 0; i < n; i++) {
          const st = homes[i % homes.length] as string;
          const c = rng.pick(w.locale.cities.filter((x) => x.state === st));
          const people = rng.weighted(rng.chance(0.5) ? w.locale.migrants : w.locale.locals);
          const conductor = walkIn(ctx, rng, { people, city: c, ...(safeHouse !== undefined && rng.chance(0.6) ? { address: safeHouse } : {}) });
          const nDep = rng.int(1, 3);
          for (let k = 0; k < nDep; k++) {
            const d = w.nextBusinessDay(Math.min(w.days - 1, d0 + rng.int(0, byStrength(strength, 7, 10, 14))), c);
            const piece = w.round(T * rng.float(0.1, 0.38), w.locale.roundStep * 10);
            dep(main, w.money(piece), w.timeOn(d, rng, 'branch'), 'branch', w.branch(c), { conductor });
          }
        }
        break;
      }
      case 'withdrawals': {
        // Funds arrive by transfer first (from other network accounts), then leave as cash.
        const feeder = networkPersona(ctx, rng, { recruitShare: 0.5, activity: 0.5 });
        w.label(feeder.account, 1, 'structuring', 'conductor', caseId);
        const episodes = byStrength(strength, rng.int(3, 5), rng.int(2, 3), 1);
        for (let e = 0; e < episodes; e++) {
          const d = freeDay(start, w.days - 3, city);
          const total = T * rng.float(1.5, 2.8);
          w.transfer(feeder.account, main, w.money(w.round(total, w.locale.roundStep * 10)), w.timeOn(d - 1 >= 0 ? d - 1 : d, rng, 'online'), 'online', { reference: rng.pick(['', 'modal', 'project', 'loan']) });
          const sameDay = rng.chance(0.5);
          const pieces = rng.int(2, 3);
          const metro = w.locale.cities.filter((c) => c.state === city.state);
          for (let k = 0; k < pieces; k++) {
            const loc = metro.length > 0 ? rng.pick(metro) : city;
            const dd = sameDay ? d : w.nextBusinessDay(d + k, city);
            w.withdraw(main, w.money(w.round(Math.min(total / pieces, T * rng.float(0.85, 0.99)), w.locale.roundStep * 10)), w.timeOn(dd, rng, 'branch') + k * HOUR, 'branch', w.branch(loc), { conductor: holder.party });
          }
        }
        break;
      }
      case 'far_below': {
        const days = byStrength(strength, rng.int(15, 30), rng.int(8, 15), rng.int(4, 7));
        let d = start;
        for (let i = 0; i < days && d < w.days; i++) {
          const amt = w.round(T * rng.float(0.1, 0.2), w.locale.roundStep * 10);
          const cdm = rng.chance(0.6);
          dep(main, w.money(Math.min(amt, cdm ? w.locale.cdmCap : amt)), w.timeOn(d, rng, cdm ? 'cdm' : 'branch'), cdm ? 'cdm' : 'branch', cdm ? w.cdm(city, rng) : w.branch(city), cdm ? {} : { conductor: holder.party });
          d = w.nextBusinessDay(d + rng.int(1, 2), city);
        }
        break;
      }
      case 'transfer_avoidance': {
        const R = T; // cash-funded international transfers (AU A$10,000; TH THB 100,000 would be lower, we use T as the line)
        const k = byStrength(strength, rng.int(6, 10), rng.int(3, 5), 2);
        for (let i = 0; i < k; i++) {
          const d = freeDay(start, w.days - 1, city);
          const amt = w.round(R * rng.float(0.85, 0.99), w.locale.roundStep);
          w.deposit(main, w.money(amt), w.timeOn(d, rng, 'branch'), 'branch', w.branch(city), { conductor: holder.party });
          w.transfer(main, sink, w.money(amt), w.timeOn(d, rng, 'branch') + 2 * HOUR, 'remitter', { reference: rng.pick(['gift', 'personal', 'family', '']) });
        }
        break;
      }
    }
  }
  // Proceeds move on after they arrive: abroad in lumps once enough has accumulated.
  arrivals.sort((a, b) => a.ts - b.ts);
  let pot = 0;
  let goal = T * rng.float(0.8, 2);
  for (const a of arrivals) {
    pot += a.amount;
    if (pot < goal) continue;
    const out = pot * rng.float(0.85, 0.98);
    const ts = a.ts + Math.round(rng.float(2, 7 * 24) * HOUR);
    w.transfer(main, sink, w.money(w.round(out, w.locale.roundStep * 10)), ts, rng.chance(0.5) ? 'remitter' : 'online', { reference: rng.pick(['', 'payment', 'goods', 'invoice', 'family']) });
    pot -= out;
    goal = T * rng.float(0.8, 2);
  }
  return variants;
}
