/**
 * Pass-through mule accounts (MS-PT-01, MS-CASH-02, MS-NEW-01; RESEARCH §d #1, #2; FinCEN 2023:
 * unexplained cash deposits followed by rapid wires to high-migrant-flow countries).
 *
 * A small network of mules — mostly new accounts of students, homemakers or the unemployed, some
 * recruited existing customers — receives cash (CDM or counter deposits, sometimes by a third
 * party) or transfers from several domestic payers, and within hours to two days sends almost all
 * of it abroad to the organiser's accounts in a corridor country, keeping a small commission.
 * A variant withdraws the money as cash in another town instead.
 *
 * Variety: 1–6 mules, 2–15 cycles each, dwell 1 h – 6 days, inflow form, retained share 1–8 %,
 * split outbound transfers, shared beneficiaries across mules.
 */
import { byStrength, domesticOther, foreignAccount, networkPersona, walkIn, type Strength } from './network.js';
import type { Ctx } from './population.js';
import type { Rng } from './rng.js';
import { HOUR, type AccountRec } from './world.js';

export function passThrough(ctx: Ctx, rng: Rng, strength: Strength): void {
  const w = ctx.world;
  const caseId = w.caseId('passthru');
  const corridor = w.locale.code === 'TH' ? ['MM', 'KH', 'LA'] : w.locale.code === 'ID' ? ['MY', 'BD', 'AF'] : w.locale.code === 'AU' ? ['ID', 'LK', 'AF'] : ['BD', 'MM', 'ID', 'TH', 'NP'];
  const country = rng.pick(corridor);
  const bens: AccountRec[] = [];
  for (let i = 0; i < rng.int(1, 3); i++) {
    const b = foreignAccount(ctx, rng, country, rng.chance(0.3) ? { business: rng.pick(['Trading', 'Enterprise', 'Import Export', 'Traders']) } : { wallet: rng.chance(0.3) });
    w.label(b, 1, 'pass_through', 'beneficiary', caseId);
    bens.push(b);
  }
  const nMules = byStrength(strength, rng.int(3, 6), rng.int(2, 4), rng.int(1, 2));
  const organiserCity = w.pickCity(rng);
  const depositors = Array.from({ length: rng.int(1, 4) }, () => walkIn(ctx, rng, { people: rng.weighted(w.locale.migrants), city: organiserCity }));
  // Mules recruited by the same organiser often give the organiser's phone or a shared address.
  const sharedPhone = rng.chance(0.4) ? (depositors[0]?.phone ?? undefined) : undefined;
  const sharedAddress = rng.chance(0.3) ? w.locale.street(<T>(xs: readonly T[]) => rng.pick(xs), (a, b) => rng.int(a, b), organiserCity) : undefined;
  for (let m = 0; m < nMules; m++) {
    const city = rng.chance(0.6) ? organiserCity : w.pickCity(rng);
    const mule = networkPersona(ctx, rng, {
      city, recruitShare: 0.25, activity: 0.25, openedDaysBefore: [-Math.floor(w.days * 0.5), 90],
      occupation: rng.pick(['student', 'housewife', 'unemployed', 'part-time worker', 'e-hailing driver', 'general worker']),
      ...(rng.chance(0.3) ? { migrant: true } : {}),
    });
    mule.spendShare = 0.3;
    if (sharedPhone !== undefined && rng.chance(0.7)) mule.party.phone = sharedPhone;
    if (sharedAddress !== undefined && rng.chance(0.7)) mule.party.address = sharedAddress;
    mule.party.income = w.round(w.fromMyr(rng.float(0, 1800)), 100);
    const acc = mule.account;
    w.label(acc, 1, 'pass_through', 'mule', caseId);
    const payers = Array.from({ length: rng.int(2, 6) }, () => {
      const p = domesticOther(ctx, rng, { people: rng.weighted(w.locale.migrants) });
      w.label(p, 0, 'pass_through', 'client', caseId);
      return p;
    });
    const cycles = byStrength(strength, rng.int(6, 15), rng.int(3, 8), rng.int(2, 3));
    const opened = w.dayOf(acc.openedAt ?? w.start);
    let day = Math.max(opened + rng.int(1, 20), rng.int(0, Math.floor(w.days * 0.5)));
    const form = rng.weighted([['cash', 0.55], ['transfers', 0.3], ['mixed', 0.15]] as const);
    const cashOut = rng.chance(0.2);
    const retain = rng.float(0.01, 0.08);
    for (let c = 0; c < cycles && day < w.days - 2; c++) {
      const total = w.fromMyr(rng.float(2_500, 20_000));
      let inTs = w.timeOn(day, rng, 'cdm');
      let received = 0;
      const pieces = rng.int(1, 4);
      for (let k = 0; k < pieces; k++) {
        const part = w.round(total / pieces * rng.float(0.8, 1.2), w.locale.roundStep * 10);
        const useCash = form === 'cash' || (form === 'mixed' && rng.chance(0.5));
        const byThird = rng.chance(0.5);
        const atCounter = useCash && byThird && rng.chance(0.6);
        const ts = atCounter ? w.timeOn(w.nextBusinessDay(day, city), rng, 'branch') : inTs + k * rng.int(5, 240) * 60_000;
        let ok: boolean;
        if (useCash) {
          ok = w.deposit(acc, w.money(Math.min(part, w.locale.cdmCap)), ts, atCounter ? 'branch' : 'cdm', atCounter ? w.branch(city) : w.cdm(city, rng), atCounter ? { conductor: rng.pick(depositors) } : {});
          if (ok) received += Math.min(part, w.locale.cdmCap);
        } else {
          ok = w.transfer(rng.pick(payers), acc, w.money(part), ts, 'online', { reference: rng.pick(['', 'bayar', 'family', 'ok', 'barang']) });
          if (ok) received += part;
        }
        inTs = Math.max(inTs, ts);
      }
      if (received <= 0) { day += rng.int(3, 12); continue; }
      const dwell = byStrength(strength, rng.float(1, 24), rng.float(2, 48), rng.float(40, 144));
      const outTs = inTs + Math.round(dwell * HOUR);
      const out = received * (1 - retain);
      if (cashOut) {
        const town = w.pickCity(rng, false, (x) => x.state !== city.state);
        let left = out;
        let t = outTs;
        while (left > w.fromMyr(100)) {
          const piece = Math.min(left, w.locale.atmCap);
          w.withdraw(acc, w.money(w.round(piece, w.locale.roundStep * 10)), t, 'atm', w.atm(town, rng));
          left -= piece;
          t += rng.int(2, 30) * 60_000;
        }
      } else {
        const splits = out > w.locale.threshold * 0.4 && rng.chance(0.5) ? rng.int(2, 3) : 1;
        const ben = rng.chance(0.8) ? bens[0] as AccountRec : rng.pick(bens);
        for (let k = 0; k < splits; k++) {
          w.transfer(acc, ben, w.money(Math.round(out / splits * 100) / 100), outTs + k * rng.int(10, 180) * 60_000, rng.chance(0.6) ? 'remitter' : 'online', { reference: rng.pick(['', 'family', 'support', 'personal', 'business', 'goods']) });
        }
      }
      if (rng.chance(0.5)) w.withdraw(acc, w.money(w.round(received * retain, w.locale.roundStep)), outTs + rng.int(1, 48) * HOUR, 'atm', w.atm(city, rng));
      day = w.dayOf(outTs) + byStrength(strength, rng.int(2, 8), rng.int(3, 14), rng.int(7, 25));
    }
  }
}
