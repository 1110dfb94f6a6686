/**
 * Institutions every customer deals with: billers (listed in accounts.csv as known business or
 * government counterparties: they receive from thousands of unrelated payers), statutory funds,
 * government payers (civil-service payroll, pensions, cash aid, student loans), a pool of
 * business counterparties at other banks, and a municipal council that banks here.
 */
import { businessCounterparty, type Ctx } from './population.js';
import type { Rng } from './rng.js';
import { DAY, type World } from './world.js';

export function createContext(world: World, scale: number, rng: Rng): Ctx {
  const w = world;
  const gov = (name: string) => {
    const acc = w.externalAccount({ country: w.locale.code, name, institution: w.locale.domesticBanks[0]! });
    w.label(acc, 0, 'background', 'government', '');
    return acc;
  };
  const names = ({
    MY: ['JABATAN AKAUNTAN NEGARA MALAYSIA', 'KUMPULAN WANG PERSARAAN', 'KEMENTERIAN KEWANGAN - SUMBANGAN TUNAI RAHMAH', 'PERBADANAN TABUNG PENDIDIKAN TINGGI NASIONAL'],
    ID: ['KEMENTERIAN KEUANGAN RI', 'PT TASPEN', 'KEMENSOS - BANTUAN LANGSUNG TUNAI', 'LPDP'],
    TH: ['COMPTROLLER GENERAL DEPARTMENT', 'GOVERNMENT PENSION FUND', 'STATE WELFARE CARD', 'STUDENT LOAN FUND'],
    AU: ['DEPARTMENT OF FINANCE PAYROLL', 'COMMONWEALTH SUPERANNUATION', 'SERVICES AUSTRALIA', 'STUDY ASSIST'],
  } as Record<string, string[]>)[w.locale.code] ?? ['GOVERNMENT PAYROLL', 'PENSION FUND', 'SOCIAL ASSISTANCE', 'STUDENT LOANS'];
  const ctx: Ctx = {
    world: w, scale, personas: [], employers: [], billers: [], statutory: [], businessPool: [], msbs: [],
    gov: { payroll: gov(names[0]!), pension: gov(names[1]!), aid: gov(names[2]!), studentLoan: gov(names[3]!) },
    afterPayroll: [], finally: [],
  };
  for (const [name, kind] of w.locale.billers) {
    const party = w.newParty({ name, country: w.locale.code, occupation: `${kind} provider`, document: `REG ${rng.int(1950, 2010)}01${rng.digits(6)}` });
    const acc = w.externalAccount({ country: w.locale.code, name: name.toUpperCase(), listedParty: party, type: kind === 'tax' || kind === 'council' ? 'government' : 'business' });
    w.label(acc, 0, 'background', 'biller', '');
    ctx.billers.push({ acc, kind });
  }
  const statutoryNames = ({ MY: ['KUMPULAN WANG SIMPANAN PEKERJA', 'PERTUBUHAN KESELAMATAN SOSIAL'], ID: ['BPJS KETENAGAKERJAAN'], TH: ['SOCIAL SECURITY OFFICE'], AU: ['AUSTRALIAN TAXATION OFFICE PAYG'] } as Record<string, string[]>)[w.locale.code] ?? [];
  for (const name of statutoryNames) {
    const party = w.newParty({ name, country: w.locale.code, occupation: 'statutory fund' });
    const acc = w.externalAccount({ country: w.locale.code, name, listedParty: party, type: 'government' });
    w.label(acc, 0, 'background', 'biller', '');
    ctx.statutory.push(acc);
  }
  const nBiz = Math.max(20, Math.round(120 * scale));
  for (let i = 0; i < nBiz; i++) ctx.businessPool.push(businessCounterparty(ctx, rng));
  return ctx;
}

/** A municipal council banking here: assessment tax from many residents, payments to contractors. */
export function municipalCouncil(ctx: Ctx, rng: Rng): void {
  const w = ctx.world;
  const city = w.pickCity(rng);
  const name = ({ MY: `Majlis Perbandaran ${city.name}`, ID: `Pemerintah Kota ${city.name}`, TH: `${city.name} Municipality`, AU: `City of ${city.name}` } as Record<string, string>)[w.locale.code] ?? `${city.name} Council`;
  const party = w.newParty({ name, country: w.locale.code, city, occupation: 'local government', document: `GOV ${rng.digits(6)}` });
  const acc = w.newOwnAccount(party, 'government', w.start - rng.int(3000, 9000) * DAY, city);
  w.label(acc, 0, 'background', 'government', '');
  const residents = ctx.personas.filter((p) => p.city.state === city.state && p.kind !== 'migrant' && p.kind !== 'refugee');
  for (const p of residents) {
    if (!rng.chance(0.35)) continue;
    // Assessment tax is due twice a year (end of Feb and end of Aug in Malaysia).
    for (const due of [w.monthStarts().find((d) => w.calendar(d).month === 1), w.monthStarts().find((d) => w.calendar(d).month === 7)]) {
      if (due === undefined) continue;
      const day = Math.min(w.days - 1, Math.max(0, due + rng.int(-20, 27)));
      w.transfer(p.account, acc, w.money(w.round(w.fromMyr(rng.float(150, 900)), 1)), w.timeOn(day, rng, 'online'), 'online', { reference: `CUKAI TAKSIRAN ${rng.digits(8)}` });
    }
  }
  for (let m = 0; m < Math.ceil(w.days / 30); m++) {
    for (let k = 0; k < rng.int(2, 5); k++) {
      w.transfer(acc, rng.pick(ctx.businessPool), w.money(w.round(w.fromMyr(rng.float(5_000, 80_000)), 1)), w.timeOn(w.nextBusinessDay(Math.min(w.days - 1, m * 30 + rng.int(0, 29)), city), rng, 'business'), 'online', { reference: `LO ${rng.digits(6)}` });
    }
  }
}

/** Government cash aid paid on a few dates to lower-income customers (a lawful fan-out). */
export function cashAid(ctx: Ctx, rng: Rng): void {
  const w = ctx.world;
  const eligible = ctx.personas.filter((p) => (p.kind === 'retiree' || p.kind === 'homemaker' || p.kind === 'hawker' || (p.kind === 'local' && p.salary < w.locale.wage.localMedian * 0.7)) && rng.chance(0.5));
  const dates = [rng.int(5, 40), rng.int(60, 120)].filter((d) => d < w.days);
  for (const d of dates) {
    const day = w.nextBusinessDay(d);
    let k = 0;
    for (const p of eligible) {
      w.transfer(ctx.gov.aid, p.account, w.money(w.round(w.fromMyr(rng.pick([100, 200, 300, 500])), 1)), w.at(day, 1, 0, k++ * 2), 'online', { reference: 'BANTUAN TUNAI' });
    }
  }
}
