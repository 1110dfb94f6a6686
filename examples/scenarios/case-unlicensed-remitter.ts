/**
 * Unlicensed remitter / hundi operator (MS-HAW-01; RESEARCH §d #13 Rohingya-run MFS agent moving
 * Tk 50 lakh in months; AUSTRAC underground-banking case: business accounts used for unregistered
 * remittance; FATF 2022: hawala is the usual cross-border channel for smuggling money).
 *
 * A non-MSB account — a grocery, phone shop or a personal account of a community member — takes
 * payments from many migrant workers around paydays (transfers and CDM cash), and within a week
 * moves almost everything on: cash withdrawals, round transfers to a trading company abroad
 * (hawala settlement), payments to a domestic wholesaler (trade-based offsetting).
 *
 * Variety: 12–80 payers a month, account type, share of cash inflows, settlement mix and delay
 * (1–7 days), retained margin. Payers are lawful customers using a cheaper channel: label 0,
 * role client.
 */
import { byStrength, domesticOther, foreignAccount, networkPersona, type Strength } from './network.js';
import { newMigrant, reserve, type Ctx, type Persona } from './population.js';
import type { Rng } from './rng.js';
import { DAY, HOUR, type AccountRec } from './world.js';

export function unlicensedRemitter(ctx: Ctx, rng: Rng, strength: Strength): void {
  const w = ctx.world;
  const caseId = w.caseId('hundi');
  const people = rng.weighted(w.locale.migrants.filter(([p]) => p !== 'rohingya').length > 0 ? w.locale.migrants.filter(([p]) => p !== 'rohingya') : w.locale.migrants);
  const home = people === 'bangladeshi' ? 'BD' : people === 'nepali' ? 'NP' : people === 'indonesian' ? 'ID' : people === 'burmese' ? 'MM' : people === 'indian' ? 'IN' : people === 'pakistani' ? 'PK' : people === 'cambodian' ? 'KH' : 'BD';
  const owner = networkPersona(ctx, rng, { migrant: true, people, recruitShare: 0.5, activity: 0.6, city: w.pickCity(rng, true) });
  const asShop = rng.chance(0.55);
  const acc = asShop
    ? w.newOwnAccount(owner.party, 'business', w.start - rng.int(60, 2000) * DAY, owner.city, `${rng.pick(['Shapla', 'Padma', 'Sonar Bangla', 'Himalaya', 'Everest', 'Nusantara', 'Golden', 'Bismillah'])} ${rng.pick(['Telecom', 'Mini Market', 'Grocery', 'Trading', 'Mobile Centre'])}`)
    : owner.account;
  w.label(acc, 1, 'unlicensed_remitter', 'remitter', caseId);
  if (acc !== owner.account) w.label(owner.account, 1, 'unlicensed_remitter', 'owner', caseId);
  const perMonth = byStrength(strength, rng.int(40, 80), rng.int(20, 40), rng.int(12, 18));
  const clientPool: AccountRec[] = [];
  const clientPersonas: Persona[] = [];
  for (let i = 0; i < Math.round(perMonth * 1.4); i++) {
    if (rng.chance(0.45)) {
      const p = reserve(ctx, rng, (q) => q.kind === 'migrant' && q.people === people) ?? newMigrant(ctx, rng, { people });
      p.reserved = true;
      if (p.remit !== undefined) p.remit.share *= 0.3;
      clientPersonas.push(p);
      clientPool.push(p.account);
    } else {
      clientPool.push(domesticOther(ctx, rng, { people }));
    }
  }
  for (const c of clientPool) w.label(c, 0, 'unlicensed_remitter', 'client', caseId);
  const traders = [foreignAccount(ctx, rng, home, { business: rng.pick(['Traders', 'Enterprise', 'Import', 'Telecom']) })];
  if (rng.chance(0.5)) traders.push(foreignAccount(ctx, rng, rng.pick(['AE', home]), { business: 'General Trading' }));
  for (const t of traders) w.label(t, 1, 'unlicensed_remitter', 'beneficiary', caseId);
  const wholesaler = domesticOther(ctx, rng, { business: rng.pick(['Rice Wholesale', 'Gold Trading', 'Mobile Distribution', 'Import Export']) });
  w.label(wholesaler, 1, 'unlicensed_remitter', 'settlement', caseId);
  const cashShare = rng.float(0.1, 0.45);
  const delayDays = byStrength(strength, rng.float(0.5, 3), rng.float(1, 5), rng.float(3, 7));
  const margin = rng.float(0.01, 0.04);

  ctx.afterPayroll.push(() => {
    const inflows: Array<{ ts: number; amount: number }> = [];
    const first = Math.max(0, w.dayOf(acc.openedAt ?? w.start) + 1);
    for (const ms of w.monthStarts()) {
      const n = rng.poisson(perMonth);
      for (let i = 0; i < n; i++) {
        // Clustered around the end/start of the month, when wages arrive.
        const off = rng.weighted([[rng.int(-6, 6), 0.7], [rng.int(7, 22), 0.3]] as const);
        const d = ms + off;
        if (d < first || d >= w.days) continue;
        const amt = w.round(w.fromMyr(rng.lognormal(700, 0.45)), w.locale.roundStep * (rng.chance(0.6) ? 5 : 1));
        let ok: boolean;
        let ts: number;
        if (rng.chance(cashShare)) {
          ts = w.timeOn(d, rng, 'cdm');
          ok = w.deposit(acc, w.money(Math.min(amt, w.locale.cdmCap)), ts, 'cdm', w.cdm(owner.city, rng));
        } else {
          const from = rng.pick(clientPool);
          const persona = clientPersonas.find((p) => p.account === from);
          const credit = persona?.wageCredits.find((c) => Math.abs(w.dayOf(c.ts) - d) <= 4);
          ts = credit !== undefined ? credit.ts + rng.int(2, 40) * HOUR : w.timeOn(d, rng, 'online');
          ok = w.transfer(from, acc, w.money(amt), ts, 'mobile', { reference: rng.pick(['', '', 'bari', 'taka', 'home', 'family', 'send', 'ok', `${rng.int(10, 60)}000`]) });
        }
        if (ok) inflows.push({ ts, amount: amt });
      }
    }
    inflows.sort((a, b) => a.ts - b.ts);
    // Settle in batches: when the pot exceeds a batch size or the delay elapses.
    let pot = 0;
    let since = inflows[0]?.ts ?? 0;
    for (const f of inflows) {
      pot += f.amount;
      if (f.ts - since < delayDays * DAY && pot < w.fromMyr(30_000)) continue;
      const out = pot * (1 - margin);
      const t = f.ts + rng.int(1, 20) * HOUR;
      const r = rng.next();
      if (r < 0.45) {
        w.transfer(acc, rng.pick(traders), w.money(w.round(out, w.locale.roundStep * 100)), t, rng.chance(0.5) ? 'online' : 'remitter', { reference: rng.pick(['INV', 'goods', 'payment', 'import']) + ` ${rng.int(100, 999)}` });
      } else if (r < 0.7) {
        w.transfer(acc, wholesaler, w.money(w.round(out, w.locale.roundStep * 10)), t, 'online', { reference: rng.pick(['stock', 'INV', 'barang']) });
      } else {
        let left = out;
        let tt = w.timeOn(w.nextBusinessDay(w.dayOf(t), owner.city), rng, 'branch');
        while (left > w.fromMyr(100)) {
          const piece = Math.min(left, w.locale.threshold * rng.float(0.3, 0.8));
          w.withdraw(acc, w.money(w.round(piece, w.locale.roundStep * 10)), tt, 'branch', w.branch(owner.city), { conductor: owner.party });
          left -= piece;
          tt += rng.int(1, 3) * DAY;
        }
      }
      pot = 0;
      since = f.ts;
    }
  });
}
