/**
 * Ransom / extortion collection (MS-DEBT-03, MS-TP-01, MS-CASH-01; RESEARCH §d #3 Wang Kelian:
 * RM 4,000 deposit, RM 5,800 in two CDM deposits, RM 6,500 release price; §d #9 BDT 210,000 paid
 * then a further BDT 150,000 demanded).
 *
 * A collector account receives, within a few weeks, escalating payments from several families:
 * each family's 2–4 relatives (diaspora customers here, relatives at other banks, walk-in
 * depositors at the counter, anonymous CDM deposits, or relatives abroad) pay a first demand and
 * then more. The collector empties the account within days in cash near the border or by transfer
 * to the camp operator abroad. Families are victims: label 0, role victim_family.
 *
 * Variety: 2–9 families, relatives per family and which identifiers link them (surname only where
 * the naming culture has one, shared address, shared phone), payment channels, escalation steps,
 * CDM splitting, campaign length, cash-out timing.
 */
import { byStrength, foreignAccount, networkPersona, newFamily, walkIn, type Strength } from './network.js';
import { newMigrant, type Ctx } from './population.js';
import { personName, type People } from './names.js';
import type { Rng } from './rng.js';
import { HOUR, type AccountRec } from './world.js';

export function ransom(ctx: Ctx, rng: Rng, strength: Strength): void {
  const w = ctx.world;
  const caseId = w.caseId('ransom');
  const hotspots = w.hotspots();
  const city = rng.pick(hotspots.length > 0 ? hotspots : w.locale.cities);
  const collectorP = networkPersona(ctx, rng, {
    city, recruitShare: 0.3, activity: 0.4, openedDaysBefore: [-30, 300],
    occupation: rng.pick(['fisherman', 'lorry driver', 'self-employed', 'farmer', 'general worker', 'boat operator']),
  });
  const collector = collectorP.account;
  w.label(collector, 1, 'ransom_collector', 'collector', caseId);
  const peoples: People[] = (['rohingya', 'bangladeshi', 'burmese', 'afghan', 'srilankan'] as People[]).filter((p) => w.locale.migrants.some(([m]) => m === p));
  const people: People = peoples.length > 0 ? rng.pick(peoples) : rng.weighted(w.locale.migrants);
  const nFamilies = byStrength(strength, rng.int(5, 9), rng.int(3, 5), 2);
  const campaignStart = rng.int(Math.max(2, w.dayOf(collector.openedAt ?? w.start) + 2), Math.max(3, w.days - 40));
  const campaignLen = byStrength(strength, rng.int(14, 30), rng.int(18, 30), rng.int(20, 40));
  const release = w.fromMyr(rng.pick([4_000, 5_000, 5_800, 6_500, 8_000]));
  const camp = foreignAccount(ctx, rng, w.locale.code === 'TH' ? 'MY' : w.locale.code === 'AU' ? 'ID' : 'TH');
  w.label(camp, 1, 'ransom_collector', 'beneficiary', caseId);
  const received: number[] = [];

  for (let f = 0; f < nFamilies; f++) {
    const fam = newFamily(ctx, rng, people, w.pickCity(rng, true));
    const shareAddress = rng.chance(0.6);
    const sharePhone = rng.chance(0.4);
    const nRel = byStrength(strength, rng.int(2, 4), rng.int(2, 3), rng.int(1, 2));
    const captives = rng.weighted([[1, 0.75], [2, 0.25]] as const);
    const demand = release * captives * rng.float(0.9, 1.15);
    const steps = rng.weighted([[2, 0.5], [3, 0.35], [4, 0.15]] as const);
    const firstShare = rng.float(0.35, 0.65);
    const amounts: number[] = [demand * firstShare];
    for (let s = 1; s < steps; s++) amounts.push(demand * (1 - firstShare) / (steps - 1) * rng.float(0.9, 1.5));
    const famStart = campaignStart + rng.int(0, Math.max(1, campaignLen - 10));
    const relatives = Array.from({ length: nRel }, () => {
      const route = rng.weighted([['own', 0.3], ['other', 0.2], ['counter', 0.15], ['cdm', 0.25], ['abroad', 0.1]] as const);
      const gender = rng.chance(0.6) ? 'm' : 'f';
      const spec = {
        people, city: fam.city, familyKey: fam.key, gender,
        ...(shareAddress ? { address: fam.address } : {}), ...(sharePhone ? { phone: fam.phone } : {}),
      } as const;
      let account: AccountRec | undefined;
      let party;
      if (route === 'own') {
        const p = newMigrant(ctx, rng, { people, city: fam.city, ...(shareAddress ? { dorm: fam.address } : {}), gender, familyKey: fam.key, remit: rng.chance(0.6) });
        p.reserved = true;
        if (sharePhone) p.party.phone = fam.phone;
        account = p.account;
      } else if (route === 'other') {
        // Relatives at other banks: the only link is the name the sender bank passes on.
        account = w.externalAccount({ country: w.locale.code, name: personName(rng, people, gender, fam.key).full });
      } else if (route === 'abroad') {
        account = foreignAccount(ctx, rng, people === 'afghan' ? 'AF' : people === 'srilankan' ? 'LK' : 'BD', { people });
      } else {
        party = walkIn(ctx, rng, spec);
      }
      if (account !== undefined) w.label(account, 0, 'ransom_victim', 'victim_family', caseId);
      return { route, account, party };
    });
    let day = famStart;
    amounts.forEach((amt, i) => {
      const rel = relatives[i % relatives.length] as (typeof relatives)[number];
      day = Math.min(w.days - 1, day + (i === 0 ? 0 : rng.int(1, byStrength(strength, 5, 6, 9))));
      const total = w.round(amt, rel.route === 'abroad' ? 1 : w.locale.roundStep * 10);
      if (rel.route === 'cdm' || rel.route === 'counter') {
        // CDMs take limited notes per deposit: split into two or three bundles minutes apart.
        const pieces = rel.route === 'cdm' ? Math.max(1, Math.ceil(total / (w.locale.cdmCap * rng.float(0.3, 0.6)))) : 1;
        let t = w.timeOn(day, rng, rel.route === 'cdm' ? 'cdm' : 'branch');
        const loc = rel.route === 'cdm' ? w.cdm(rng.chance(0.5) ? fam.city : city, rng) : w.branch(fam.city);
        for (let k = 0; k < pieces; k++) {
          const piece = w.round(total / pieces, w.locale.roundStep * 10);
          if (w.deposit(collector, w.money(piece), t, rel.route === 'cdm' ? 'cdm' : 'branch', loc, {
            ...(rel.party !== undefined && rel.route === 'counter' ? { conductor: rel.party } : {}),
            ...(rel.route === 'cdm' && rng.chance(0.3) ? { reference: fam.phone.replace(/^\+\d{2}/, '0') } : {}),
          })) received.push(piece);
          t += rng.int(1, 6) * 60_000;
        }
      } else if (rel.account !== undefined) {
        const converted = rel.route === 'abroad';
        const value = converted ? w.fromForeign(w.toForeign(total, 'BDT'), 'BDT', rng.float(0.005, 0.02)) : total;
        if (w.transfer(rel.account, collector, w.money(Math.round(value * 100) / 100), w.timeOn(day, rng, 'online'), converted ? 'remitter' : rng.chance(0.7) ? 'mobile' : 'online', {
          reference: rng.pick(['', '', 'urgent', 'tolong', 'help', 'family', 'for brother', 'adik', 'release', 'bayar']),
        })) received.push(value);
      }
    });
  }
  // Cash-out near the border within 1–3 days of each lump, and transfers to the camp operator.
  const total = received.reduce((s, x) => s + x, 0);
  if (total <= 0) return;
  const outStart = campaignStart + Math.min(campaignLen, rng.int(3, 10));
  let left = total * rng.float(0.8, 0.97);
  let d = outStart;
  while (left > w.fromMyr(300) && d < w.days) {
    const r = rng.next();
    if (r < 0.5) {
      const town = rng.pick(hotspots.length > 0 ? hotspots : [city]);
      const amt = Math.min(left, w.locale.threshold * rng.float(0.2, 0.9));
      w.withdraw(collector, w.money(w.round(amt, w.locale.roundStep * 10)), w.timeOn(w.nextBusinessDay(d, town), rng, 'branch'), 'branch', w.branch(town));
      left -= amt;
    } else if (r < 0.75) {
      const amt = Math.min(left, w.locale.atmCap);
      w.withdraw(collector, w.money(w.round(amt, w.locale.roundStep * 5)), w.timeOn(d, rng, 'atm'), 'atm', w.atm(rng.pick(hotspots.length > 0 ? hotspots : [city]), rng));
      left -= amt;
    } else {
      const amt = Math.min(left, w.fromMyr(rng.float(3_000, 15_000)));
      w.transfer(collector, camp, w.money(w.round(amt, w.locale.roundStep * 10)), w.timeOn(d, rng, 'online') + HOUR, 'remitter', { reference: rng.pick(['', 'barang', 'payment']) });
      left -= amt;
    }
    d += rng.int(0, 3);
  }
}
