/**
 * Corridor collector with fan-out (MS-FUN-02, MS-FAN-01, MS-AMT-02; RESEARCH §d #5, #6, #12).
 *
 * A collector in a transit/landing area receives fee-sized payments for travellers — from
 * origin-country families (often through a hundi operator's domestic account), diaspora relatives
 * abroad (SA, AE) and diaspora customers at home — in one or more waves ahead of a departure, then
 * within days pays the boat owner, fuel, crew and the camp coordinator, partly in cash at
 * hotspot branches, sometimes through a paymaster account.
 *
 * Variety: number of senders (6–60), waves (1–3), fee basis and party sizes, instalments, sender
 * channels, fan-out delay (hours to 5 days), share dispersed (55–95 %), destinations and whether
 * a paymaster is used. Weak cases have few senders and slow, partial dispersal.
 */
import { byStrength, domesticOther, feeBases, foreignAccount, humanAmount, networkPersona, partySize, walkIn, type Strength, VAGUE_REFS } from './network.js';
import { newMigrant, reserve, type Ctx } from './population.js';
import type { Rng } from './rng.js';
import { DAY, HOUR, type AccountRec } from './world.js';
import type { People } from './names.js';

export function corridorCollector(ctx: Ctx, rng: Rng, strength: Strength): void {
  const w = ctx.world;
  const caseId = w.caseId('corridor');
  const hotspots = w.hotspots();
  const city = rng.pick(hotspots.length > 0 ? hotspots : w.locale.cities);
  const migrantPeoples = w.locale.migrants.map(([p]) => p);
  const community: People = migrantPeoples.includes('rohingya') && rng.chance(0.6) ? 'rohingya' : migrantPeoples.includes('bangladeshi') ? 'bangladeshi' : rng.pick(migrantPeoples);
  const variant = rng.weighted([['local', 0.45], ['community', 0.35], ['front', 0.2]] as const);
  let collector: AccountRec;
  if (variant === 'front') {
    const p = networkPersona(ctx, rng, { city, recruitShare: 0, activity: 0.3 });
    collector = p.account;
    const front = w.newOwnAccount(p.party, 'business', w.start - rng.int(20, 500) * DAY, city, `${p.party.name.split(' ')[0]} ${rng.pick(['Travel & Tours', 'Trading', 'Marine Supplies', 'Enterprise', 'Fishery'])}`);
    collector = front;
    w.label(p.account, 1, 'corridor_collector', 'owner', caseId);
  } else {
    collector = networkPersona(ctx, rng, { city, migrant: variant === 'community', ...(variant === 'community' ? { people: community } : {}), recruitShare: 0.35, activity: 0.5 }).account;
  }
  w.label(collector, 1, 'corridor_collector', 'collector', caseId);

  const fees = feeBases(w, rng);
  const fee = rng.pick(fees);
  const nSenders = byStrength(strength, rng.int(25, 60), rng.int(12, 28), rng.int(6, 10));
  const nWaves = byStrength(strength, rng.int(1, 3), rng.int(1, 2), 1);
  const firstDay = rng.int(5, Math.max(6, w.days - 12 - nWaves * 32));
  const hawaladars: AccountRec[] = [];
  const nHawala = rng.chance(0.5) ? rng.int(1, 3) : 0;
  for (let i = 0; i < nHawala; i++) {
    const h = rng.chance(0.6) ? domesticOther(ctx, rng, { people: community === 'rohingya' ? 'bangladeshi' : community })
      : domesticOther(ctx, rng, { business: rng.pick(['Telecom', 'Grocery', 'Trading', 'Mobile']) });
    w.label(h, 1, 'unlicensed_remitter', 'hawaladar', caseId);
    hawaladars.push(h);
  }
  const originCountry = community === 'rohingya' ? rng.pick(['BD', 'BD', 'MM']) : community === 'bangladeshi' ? 'BD' : w.locale.code === 'AU' ? rng.pick(['LK', 'AF']) : 'BD';

  let senderIdx = 0;
  let day = firstDay;
  const paymaster = rng.chance(0.3) ? networkPersona(ctx, rng, { city: w.pickCity(rng, false, (c) => c.hotspot === true), recruitShare: 0.5, activity: 0.4 }).account : undefined;
  if (paymaster !== undefined) w.label(paymaster, 1, 'fan_out', 'paymaster', caseId);

  for (let wave = 0; wave < nWaves; wave++) {
    const span = Math.max(3, Math.min(rng.int(5, 20), w.days - day - 6));
    const inWave = wave === nWaves - 1 ? nSenders - senderIdx : Math.round(nSenders / nWaves * rng.float(0.7, 1.3));
    let waveTotal = 0;
    let lastTs = w.at(day, 0);
    const hawalaBatch: number[] = [];
    for (let i = 0; i < inWave; i++, senderIdx++) {
      const party = partySize(rng);
      const perAdult = fee.adult * rng.float(0.95, 1.06);
      let total = party.adults * perAdult + party.children * (fee.child ?? fee.adult * 0.5);
      total = Math.max(total, w.fromMyr(300));
      const instalments = rng.chance(0.2) ? 2 : 1;
      const route = rng.weighted([
        ['hawala', hawaladars.length > 0 ? 0.3 : 0], ['origin', 0.12], ['diaspora_abroad', 0.15], ['diaspora_own', 0.2], ['diaspora_other', 0.15], ['cash', byStrength(strength, 0.08, 0.1, 0.25)],
      ] as const);
      let sender: AccountRec | undefined;
      let conductor;
      let converted = false;
      let channel: 'remitter' | 'online' | 'mobile' | 'cdm' | 'branch' = 'mobile';
      if (route === 'origin') {
        sender = foreignAccount(ctx, rng, originCountry, { people: community });
        converted = true;
        channel = 'remitter';
      } else if (route === 'diaspora_abroad') {
        sender = foreignAccount(ctx, rng, rng.pick(['SA', 'SA', 'AE', ...(w.locale.code === 'MY' ? [] : ['MY'])]), { people: community === 'rohingya' ? 'rohingya' : community });
        converted = true;
        channel = 'remitter';
      } else if (route === 'diaspora_own') {
        const p = reserve(ctx, rng, (q) => (q.kind === 'migrant' || q.kind === 'refugee') && q.people === community) ?? newMigrant(ctx, rng, { people: community });
        p.reserved = true;
        sender = p.account;
        channel = rng.chance(0.7) ? 'mobile' : 'online';
      } else if (route === 'diaspora_other') {
        sender = domesticOther(ctx, rng, { people: community });
        channel = 'online';
      } else if (route === 'cash') {
        conductor = walkIn(ctx, rng, { people: community, city: w.pickCity(rng, true) });
        channel = rng.chance(0.6) ? 'cdm' : 'branch';
      }
      if (sender !== undefined && !hawaladars.includes(sender)) w.label(sender, 0, 'corridor_collector', 'client', caseId);
      for (let k = 0; k < instalments; k++) {
        const part = instalments === 1 ? total : k === 0 ? total * rng.float(0.3, 0.6) : total - total * 0.45;
        const dayI = Math.min(w.days - 1, day + Math.floor((i / Math.max(1, inWave)) * span) + rng.int(0, 2) + k * rng.int(2, 6));
        const ts = w.timeOn(dayI, rng, channel === 'branch' ? 'branch' : channel === 'cdm' ? 'cdm' : 'online');
        if (route === 'hawala') {
          hawalaBatch.push(part);
          continue;
        }
        const amount = humanAmount(w, rng, converted ? part * rng.float(0.99, 1.01) : part, converted);
        let ok = false;
        if (route === 'cash') {
          // CDM deposits are capped per transaction: large fees go in several bundles, minutes apart.
          const pieces = channel === 'cdm' ? Math.max(1, Math.ceil(amount / (w.locale.cdmCap * rng.float(0.5, 1)))) : 1;
          const loc = channel === 'cdm' ? w.cdm(rng.chance(0.6) ? city : w.pickCity(rng, true), rng) : w.branch(w.pickCity(rng, true));
          let left = amount;
          for (let k = 0; k < pieces; k++) {
            const r = k === pieces - 1 ? left : w.round(amount / pieces, w.locale.roundStep * 5);
            if (r <= 0) break;
            ok = w.deposit(collector, w.money(r), ts + k * rng.int(60, 600) * 1000, channel, loc, channel === 'branch' && conductor !== undefined ? { conductor } : {}) || ok;
            left -= r;
          }
        } else {
          ok = w.transfer(sender as AccountRec, collector, w.money(amount), ts, channel, { reference: rng.pick([...VAGUE_REFS, 'tiket', 'ticket', 'for travel', 'jalan', `${party.adults} orang`]) });
        }
        if (ok) {
          waveTotal += amount;
          lastTs = Math.max(lastTs, ts);
        }
      }
    }
    // Hawaladars settle their clients' fees in a few lump sums (sums of fee multiples).
    for (const h of hawaladars) {
      let lump = 0;
      const mine = hawalaBatch.splice(0, Math.ceil(hawalaBatch.length / Math.max(1, hawaladars.length)));
      for (let i = 0; i < mine.length; i++) {
        lump += mine[i] as number;
        if (rng.chance(0.35) || i === mine.length - 1) {
          const ts = w.timeOn(Math.min(w.days - 1, day + rng.int(0, span)), rng, 'online');
          const amt = w.round(lump, w.locale.roundStep * 10);
          if (w.transfer(h, collector, w.money(amt), ts, 'online', { reference: rng.pick(['', 'settle', 'bayar', 'stock', 'ok']) })) {
            waveTotal += amt;
            lastTs = Math.max(lastTs, ts);
          }
          lump = 0;
        }
      }
    }
    // Fan-out: boat, fuel, crew, coordinator, cash — within hours to days of the last payment.
    const disperse = waveTotal * byStrength(strength, rng.float(0.8, 0.95), rng.float(0.7, 0.92), rng.float(0.55, 0.8));
    const payer = paymaster ?? collector;
    let t0 = lastTs + Math.round(byStrength(strength, rng.float(2, 30), rng.float(6, 72), rng.float(48, 120)) * HOUR);
    if (paymaster !== undefined) {
      w.transfer(collector, paymaster, w.money(w.round(disperse, w.locale.roundStep * 10)), t0, 'online', { reference: rng.pick(['', 'modal', 'business', 'stock']) });
      t0 += Math.round(rng.float(1, 20) * HOUR);
    }
    const legs: Array<[string, number]> = [];
    const transit = w.locale.code === 'TH' ? ['MM', 'MY'] : w.locale.code === 'ID' ? ['MY', 'BD'] : w.locale.code === 'AU' ? ['ID'] : ['TH', 'ID'];
    legs.push([`boat:${rng.pick(transit)}`, rng.float(0.3, 0.45)]);
    if (rng.chance(0.6)) legs.push(['fuel', rng.float(0.08, 0.15)]);
    const crew = rng.int(1, 4);
    for (let c = 0; c < crew; c++) legs.push(['crew', rng.float(0.03, 0.08)]);
    if (rng.chance(0.7)) legs.push([`coordinator:${originCountry}`, rng.float(0.08, 0.18)]);
    const cashLegs = rng.int(1, 3);
    for (let c = 0; c < cashLegs; c++) legs.push(['cash', rng.float(0.05, 0.15)]);
    const wsum = legs.reduce((s, [, x]) => s + x, 0);
    for (const [kind, weight] of legs) {
      let amount = disperse * weight / wsum;
      const ts = t0 + Math.round(rng.float(0, byStrength(strength, 24, 60, 96)) * HOUR);
      if (kind === 'cash') {
        const loc = rng.pick(hotspots.length > 0 ? hotspots : [city]);
        amount = Math.min(amount, w.locale.threshold * rng.float(0.6, 0.98));
        w.withdraw(payer, w.money(w.round(amount, w.locale.roundStep * 10)), w.timeOn(w.nextBusinessDay(w.dayOf(ts), loc), rng, 'branch'), 'branch', w.branch(loc));
        continue;
      }
      let to: AccountRec;
      let channel: 'online' | 'remitter' = 'online';
      if (kind.startsWith('boat:')) {
        const country = kind.slice(5);
        to = foreignAccount(ctx, rng, country, rng.chance(0.5) ? { business: rng.pick(['Fishery', 'Marine', 'Perikanan', 'Boat Services']) } : {});
        w.label(to, 1, 'fan_out', 'boat_owner', caseId);
        channel = 'remitter';
        // Large legs are split below a round figure, a day apart.
        const parts = amount > w.fromMyr(20_000) ? rng.int(2, 3) : 1;
        for (let k = 0; k < parts; k++) {
          w.transfer(payer, to, w.money(w.round(amount / parts * rng.float(0.92, 1.08), w.locale.roundStep * 10)), ts + k * rng.int(18, 30) * HOUR, channel, { reference: rng.pick(['', 'payment', 'boat repair', 'engine', 'barang']) });
        }
        continue;
      } else if (kind === 'fuel') {
        to = domesticOther(ctx, rng, { business: rng.pick(['Marine Supplies', 'Petroleum Trading', 'Diesel Supply', 'Fishery Supplies']) });
        w.label(to, 1, 'fan_out', 'supplier', caseId);
      } else if (kind.startsWith('coordinator:')) {
        to = foreignAccount(ctx, rng, kind.slice(12), { people: community, wallet: rng.chance(0.5) });
        w.label(to, 1, 'fan_out', 'coordinator', caseId);
        channel = 'remitter';
      } else {
        to = rng.chance(0.5) ? domesticOther(ctx, rng, { people: rng.weighted(w.locale.locals) }) : foreignAccount(ctx, rng, rng.pick(transit));
        if (to.country !== w.locale.code) channel = 'remitter';
        w.label(to, 1, 'fan_out', 'crew', caseId);
      }
      w.transfer(payer, to, w.money(w.round(amount, w.locale.roundStep)), ts, channel, { reference: rng.pick(['', 'gaji', 'upah', 'payment', 'minyak', 'belanja']) });
    }
    day = Math.min(w.dayOf(lastTs) + rng.int(8, 25), w.days - 12);
  }
}
