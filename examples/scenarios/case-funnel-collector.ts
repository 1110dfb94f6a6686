/**
 * Domestic funnel / collection account (MS-FUN-01, MS-PT-01, MS-CASH-01; RESEARCH §d #16, the
 * FinCEN trend-analysis example: hundreds of small P2P credits from 30+ senders in several
 * states, nightly sweeps, cash withdrawals near the border, a "tanda"/"kutu" cover story).
 *
 * Senders are spread over several states and pay repeatedly; part of the flow comes through one or
 * two sub-collectors. The collector sweeps balances to a second account of the same holder and
 * withdraws cash at branches and ATMs in border towns. Unlike a rotating savings group, nobody
 * ever receives a pot back.
 */
import { byStrength, domesticOther, foreignAccount, networkPersona, type Strength } from './network.js';
import { newMigrant, reserve, type Ctx } from './population.js';
import type { Rng } from './rng.js';
import { DAY, HOUR, type AccountRec } from './world.js';

export function funnelCollector(ctx: Ctx, rng: Rng, strength: Strength): void {
  const w = ctx.world;
  const caseId = w.caseId('funnel');
  const borderTowns = w.hotspots();
  const home = w.pickCity(rng);
  const holder = networkPersona(ctx, rng, { city: home, recruitShare: 0.3, activity: 0.4, openedDaysBefore: [-20, 200] });
  const collector = holder.account;
  w.label(collector, 1, 'funnel_collector', 'collector', caseId);
  const sweep = rng.chance(0.6) ? w.newOwnAccount(holder.party, 'personal', Math.max(collector.openedAt ?? w.start, w.start - rng.int(0, 200) * DAY), home) : undefined;
  if (sweep !== undefined) w.label(sweep, 1, 'funnel_collector', 'sweep', caseId);

  const nSenders = byStrength(strength, rng.int(30, 60), rng.int(14, 30), rng.int(7, 12));
  const startDay = Math.max(w.dayOf(collector.openedAt ?? w.start) + 2, rng.int(0, Math.floor(w.days * 0.4)));
  const duration = Math.min(w.days - startDay - 1, rng.int(45, 150));
  if (duration < 10) return;
  const unit = w.fromMyr(rng.pick([200, 300, 400, 500, 800, 1000]));
  const coverRef = rng.pick(['kutu', 'tanda', 'arisan', 'kutu bulan', 'simpanan']);
  const subs: AccountRec[] = [];
  const nSubs = byStrength(strength, rng.int(1, 2), rng.int(0, 2), 0);
  for (let i = 0; i < nSubs; i++) {
    const s = networkPersona(ctx, rng, { city: w.pickCity(rng, true), recruitShare: 0.5, activity: 0.6, migrant: rng.chance(0.6) }).account;
    w.label(s, 1, 'funnel_collector', 'sub_collector', caseId);
    if (s.party !== undefined && rng.chance(0.3) && holder.party.phone !== undefined) s.party.phone = holder.party.phone;
    subs.push(s);
  }

  const credits: Array<{ ts: number; amount: number }> = [];
  for (let i = 0; i < nSenders; i++) {
    const viaSub = subs.length > 0 && rng.chance(0.35) ? rng.pick(subs) : undefined;
    const target = viaSub ?? collector;
    let sender: AccountRec;
    if (rng.chance(0.45)) {
      const p = reserve(ctx, rng, (q) => q.kind === 'migrant' && q.city.state !== home.state) ?? newMigrant(ctx, rng);
      sender = p.account;
    } else {
      sender = domesticOther(ctx, rng, { people: rng.weighted(w.locale.migrants) });
    }
    w.label(sender, 0, 'funnel_collector', 'client', caseId);
    const nPay = rng.int(1, byStrength(strength, 14, 8, 4));
    const first = startDay + rng.int(0, Math.max(1, duration - 5));
    for (let k = 0; k < nPay; k++) {
      const day = Math.min(w.days - 1, first + k * rng.int(5, 20));
      const amt = w.round(unit * rng.float(0.5, 2.2), w.locale.roundStep * (rng.chance(0.7) ? 5 : 1));
      const ts = w.timeOn(day, rng, 'online');
      if (w.transfer(sender, target, w.money(amt), ts, rng.chance(0.8) ? 'mobile' : 'online', { reference: rng.chance(0.35) ? coverRef : rng.pick(['', '', 'bayar', 'ok', 'tq', 'duit']) })) {
        if (target === collector) credits.push({ ts, amount: amt });
      }
    }
  }
  // Sub-collectors forward weekly.
  for (const s of subs) {
    for (let d = startDay + 7; d < startDay + duration; d += rng.int(5, 9)) {
      const amt = w.round(unit * rng.float(3, 9), w.locale.roundStep * 10);
      const ts = w.timeOn(d, rng, 'online');
      if (w.transfer(s, collector, w.money(amt), ts, 'online', { reference: rng.pick(['', coverRef, 'hantar']) })) credits.push({ ts, amount: amt });
    }
  }
  // Outflows: nightly sweeps and border cash withdrawals, some transfers to the neighbouring country.
  credits.sort((a, b) => a.ts - b.ts);
  let pending = 0;
  let lastDay = -1;
  for (const c of credits) {
    pending += c.amount;
    const d = w.dayOf(c.ts);
    if (d === lastDay) continue;
    lastDay = d;
    if (pending < unit * 2) continue;
    const r = rng.next();
    if (sweep !== undefined && r < 0.45) {
      w.transfer(collector, sweep, w.money(w.round(pending * rng.float(0.85, 1), w.locale.roundStep)), w.at(d, 23, rng.int(0, 50), rng.int(0, 59)), 'online');
      pending = 0;
    } else if (r < 0.85) {
      const town = rng.pick(borderTowns.length > 0 ? borderTowns : [home]);
      const out = Math.min(pending, w.locale.threshold * rng.float(0.08, 0.36));
      const day = Math.min(w.days - 1, d + rng.int(0, 2));
      const atBranch = out > w.locale.atmCap || rng.chance(0.4);
      w.withdraw(sweep !== undefined && rng.chance(0.5) ? sweep : collector, w.money(w.round(out, w.locale.roundStep * 10)), w.timeOn(atBranch ? w.nextBusinessDay(day, town) : day, rng, atBranch ? 'branch' : 'atm'), atBranch ? 'branch' : 'atm', atBranch ? w.branch(town) : w.atm(town, rng));
      pending -= out;
    } else {
      const to = foreignAccount(ctx, rng, w.locale.code === 'TH' ? 'MM' : w.locale.code === 'AU' ? 'ID' : rng.pick(['TH', 'ID', 'BD']));
      w.label(to, 1, 'funnel_collector', 'beneficiary', caseId);
      w.transfer(collector, to, w.money(w.round(pending * 0.9, w.locale.roundStep * 10)), w.timeOn(Math.min(w.days - 1, d + 1), rng, 'online') + HOUR, 'remitter', { reference: rng.pick(['', 'family', 'barang']) });
      pending *= 0.1;
    }
  }
}
