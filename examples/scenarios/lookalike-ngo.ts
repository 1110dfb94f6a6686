/**
 * Look-alike: a registered NGO serving refugees (RESEARCH §c.5 "humanitarian cash assistance and
 * NGO collections"): many small equal donations on standing instructions, Ramadan and appeal
 * spikes, foreign grants, then monthly equal cash assistance to dozens of refugee beneficiaries
 * (Rohingya and other names, e-wallets), rent for a learning centre and staff salaries.
 */
import { domesticOther, foreignAccount } from './network.js';
import { ownBusiness, type Ctx } from './population.js';
import type { Rng } from './rng.js';
import { HOUR, type AccountRec } from './world.js';
import { personName, type People } from './names.js';

const NGO_NAMES = ['Persatuan Kebajikan Harapan Pelarian', 'Yayasan Ihsan Bersama', 'Refugee Learning Centre Association', 'Pertubuhan Bantuan Kemanusiaan Insan', 'Community Care Relief Society'];

export function ngo(ctx: Ctx, rng: Rng, index: number): void {
  const w = ctx.world;
  const city = w.pickCity(rng, true, (c) => c.migrantWeight >= 3);
  const acc = ownBusiness(ctx, rng, { name: NGO_NAMES[index % NGO_NAMES.length] as string, city, type: 'ngo', occupation: 'registered charity', income: w.round(w.fromMyr(rng.float(20_000, 150_000)), 1000) });
  w.label(acc, 0, 'lookalike_ngo', 'ngo', '');
  const volume = Math.min(1, 0.35 + ctx.scale);
  const donors = rng.sample(ctx.personas.filter((p) => p.kind !== 'refugee'), Math.round(rng.int(20, 70) * volume)).map((p) => ({ acc: p.account, amt: w.fromMyr(rng.pick([20, 30, 50, 50, 100, 100, 200])), dom: rng.int(1, 5) }));
  const refugees: People[] = (['rohingya', 'afghan', 'burmese'] as People[]);
  const beneficiaries: AccountRec[] = [];
  const nb = Math.max(8, Math.round(rng.int(15, 60) * volume));
  const ownRefugees = ctx.personas.filter((p) => p.kind === 'refugee');
  for (let i = 0; i < nb; i++) {
    if (ownRefugees.length > 0 && rng.chance(0.3)) {
      beneficiaries.push(rng.pick(ownRefugees).account);
      continue;
    }
    const b = w.externalAccount({ country: w.locale.code, name: personName(rng, rng.pick(refugees), rng.chance(0.6) ? 'f' : 'm').full, institution: w.locale.domesticBanks.find((x) => x.wallet === true) ?? w.locale.domesticBanks[0]! });
    w.label(b, 0, 'lookalike_ngo', 'beneficiary', '');
    beneficiaries.push(b);
  }
  const grantor = foreignAccount(ctx, rng, rng.pick(['AU', 'SG', 'AE']), { business: 'Foundation' });
  w.label(grantor, 0, 'lookalike_ngo', 'grantor', '');
  const landlord = domesticOther(ctx, rng, {});
  w.label(landlord, 0, 'background', 'counterparty', '');
  const stipend = w.round(w.fromMyr(rng.pick([150, 200, 250, 300, 400])), w.locale.roundStep);
  const staff = Array.from({ length: rng.int(3, 8) }, () => {
    const s = w.otherBankPerson(rng);
    return { acc: s, pay: w.round(w.fromMyr(rng.float(1800, 3500)), 10) };
  });
  for (const ms of w.monthStarts()) {
    for (const d of donors) {
      const day = ms + d.dom - 1;
      if (day < 0 || day >= w.days) continue;
      w.transfer(d.acc, acc, w.money(d.amt), w.at(day, 3, rng.int(0, 59), rng.int(0, 59)), 'online', { reference: rng.pick(['derma', 'donation', 'sumbangan bulanan', 'sadaqah', '']) });
    }
    if (ms >= 0 && ms < w.days && rng.chance(0.35)) {
      w.transfer(grantor, acc, w.money(w.round(w.fromMyr(rng.float(30_000, 120_000)), 100)), w.timeOn(ms + rng.int(3, 20), rng, 'business'), 'online', { reference: `GRANT ${rng.letters(3)}-${rng.int(2024, 2026)}` });
    }
    const payDay = w.nextBusinessDay(ms + 9, city);
    if (payDay >= 0 && payDay < w.days) {
      let k = 0;
      for (const b of beneficiaries) {
        if (!rng.chance(0.93)) continue;
        w.transfer(acc, b, w.money(stipend), w.at(payDay, 10, 0, k++ * rng.int(5, 40)), 'online', { reference: rng.pick(['BANTUAN TUNAI', 'CASH ASSISTANCE', 'CVA']) });
      }
      w.transfer(acc, landlord, w.money(w.round(w.fromMyr(rng.float(2500, 6000)), 100)), w.timeOn(payDay, rng, 'business') + HOUR, 'online', { reference: 'RENT LEARNING CENTRE' });
      for (const s of staff) w.transfer(acc, s.acc, w.money(s.pay), w.at(w.prevBusinessDay(Math.min(w.days - 1, ms + 27), city), 9, rng.int(0, 59)), 'online', { reference: 'SALARY' });
    }
  }
  // Ramadan appeal: a burst of one-off donations from many people in two weeks.
  const appealDay = rng.int(0, Math.max(1, w.days - 20));
  const appealDonors = rng.sample(ctx.personas, Math.round(rng.int(30, 90) * volume));
  for (const p of appealDonors) {
    w.transfer(p.account, acc, w.money(w.round(w.fromMyr(rng.lognormal(60, 0.8)), 1)), w.timeOn(appealDay + rng.int(0, 14), rng, 'online'), 'mobile', { reference: rng.pick(['Ramadan appeal', 'infaq', 'food pack', 'derma', '']) });
  }
}
