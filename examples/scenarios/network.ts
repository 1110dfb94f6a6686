/**
 * Shared building blocks for injected cases: network-controlled accounts with thin cover lives,
 * walk-in depositors recorded as conductors, foreign beneficiaries in corridor countries, fee and
 * ransom amounts from RESEARCH §a.2, and vague payment references (RESEARCH MS-MEMO-01: the same
 * words lawful customers use).
 */
import { foreign, type City } from './locale.js';
import { companyName, newFamilyKey, personName, phoneNumber, type People } from './names.js';
import { newLocal, newMigrant, reserve, type Ctx, type Persona } from './population.js';
import type { Rng } from './rng.js';
import { DAY, HOUR, type AccountRec, type PartyRec, type World } from './world.js';

export type Strength = 'strong' | 'typical' | 'weak';

/** Picks a value by case strength. */
export function byStrength<T>(s: Strength, strong: T, typical: T, weak: T): T {
  return s === 'strong' ? strong : s === 'typical' ? typical : weak;
}

export const VAGUE_REFS = ['', '', '', 'family', 'personal', 'gift', 'bayar', 'payment', 'tq', 'help', 'urgent', 'loan', 'hutang', 'for brother', 'untuk adik', 'barang', 'business', 'ok'];

/**
 * A network-controlled personal account. Either an existing customer is recruited (their account
 * has years of ordinary history) or a new account is opened for the purpose.
 */
export function networkPersona(ctx: Ctx, rng: Rng, spec: {
  people?: People; city?: City; recruitShare?: number; openedDaysBefore?: readonly [number, number]; occupation?: string; migrant?: boolean; activity?: number;
}): Persona {
  const w = ctx.world;
  const recruit = rng.chance(spec.recruitShare ?? 0.4);
  if (recruit) {
    const p = reserve(ctx, rng, (q) => (spec.migrant === true ? q.kind === 'migrant' : q.kind === 'local' || q.kind === 'hawker' || q.kind === 'contractor')
      && (spec.people === undefined || q.people === spec.people) && (spec.city === undefined || q.city.state === spec.city.state)
      && (q.account.openedAt ?? 0) < w.start);
    if (p !== undefined) {
      p.activity *= spec.activity ?? 0.6;
      return p;
    }
  }
  const [a, b] = spec.openedDaysBefore ?? [-60, 400];
  const opened = w.start - rng.int(a, b) * DAY + rng.int(9, 16) * HOUR;
  const p = spec.migrant === true
    ? newMigrant(ctx, rng, { ...(spec.people === undefined ? {} : { people: spec.people }), ...(spec.city === undefined ? {} : { city: spec.city }), opened, remit: rng.chance(0.5) })
    : newLocal(ctx, rng, {
      ...(spec.people === undefined ? {} : { people: spec.people }), ...(spec.city === undefined ? {} : { city: spec.city }), opened,
      kind: 'local', employer: null, salary: rng.chance(0.5) ? 0 : w.round(w.fromMyr(rng.float(1200, 2600)), 10),
      occupation: spec.occupation ?? rng.pick(['self-employed', 'fisherman', 'lorry driver', 'general worker', 'trader', 'e-hailing driver', 'unemployed', 'student', 'housewife', 'boat operator']),
    });
  p.reserved = true;
  p.activity *= spec.activity ?? 0.5;
  return p;
}

/** A person who deposits cash but holds no account here (recorded as `conductor`). */
export function walkIn(ctx: Ctx, rng: Rng, spec: { people: People; city: City; familyKey?: string; address?: string; phone?: string; name?: string; gender?: 'm' | 'f' }): PartyRec {
  const w = ctx.world;
  return w.newPerson(rng, {
    people: spec.people, city: spec.city, ...(spec.familyKey === undefined ? {} : { familyKey: spec.familyKey }),
    ...(spec.address === undefined ? {} : { address: spec.address }), ...(spec.phone === undefined ? {} : { phone: spec.phone }),
    ...(spec.name === undefined ? {} : { name: spec.name }), ...(spec.gender === undefined ? {} : { gender: spec.gender }),
    refugee: spec.people === 'rohingya',
  });
}

/** An account abroad (bank or wallet) held by a named person or business. */
export function foreignAccount(ctx: Ctx, rng: Rng, country: string, spec: { people?: People; business?: string; wallet?: boolean } = {}): AccountRec {
  const w = ctx.world;
  const fc = foreign(country);
  const wallets = fc.institutions.filter((i) => i.wallet === true);
  const banks = fc.institutions.filter((i) => i.wallet !== true);
  const institution = spec.wallet === true && wallets.length > 0 ? rng.pick(wallets) : rng.pick(banks.length > 0 ? banks : fc.institutions);
  const name = spec.business !== undefined
    ? companyName(rng, country === 'ID' ? 'ID' : country === 'TH' ? 'TH' : 'XX', spec.business).replace(/ Sdn Bhd| Enterprise/, '')
    : personName(rng, spec.people ?? peopleOf(country), rng.chance(0.85) ? 'm' : 'f').full;
  return w.externalAccount({ country, name, institution });
}

export function peopleOf(country: string): People {
  const map: Record<string, People> = { BD: 'bangladeshi', MM: 'rohingya', ID: 'indonesian', TH: 'thai', NP: 'nepali', IN: 'indian', PK: 'pakistani', LK: 'srilankan', AF: 'afghan', MY: 'malay', SA: 'bangladeshi', AE: 'bangladeshi', KH: 'cambodian', VN: 'vietnamese', AU: 'anglo' };
  return map[country] ?? 'bangladeshi';
}

/** A domestic account at another bank (person or business). */
export function domesticOther(ctx: Ctx, rng: Rng, spec: { people?: People; business?: string } = {}): AccountRec {
  const w = ctx.world;
  const name = spec.business !== undefined ? companyName(rng, w.locale.code, spec.business).toUpperCase()
    : personName(rng, spec.people ?? rng.weighted(w.locale.locals), rng.chance(0.8) ? 'm' : 'f').full;
  return w.externalAccount({ country: w.locale.code, name });
}

/** A family of 2–4 relatives linked by surname, address and/or phone (which links exist varies). */
export interface Family {
  readonly people: People;
  readonly key: string;
  readonly address: string;
  readonly phone: string;
  readonly city: City;
}

export function newFamily(ctx: Ctx, rng: Rng, people: People, city: City): Family {
  const w = ctx.world;
  return {
    people, key: newFamilyKey(rng, people), city,
    address: w.locale.street(<T>(xs: readonly T[]) => rng.pick(xs), (a, b) => rng.int(a, b), city),
    phone: phoneNumber(rng, w.locale.code),
  };
}

/** Fee amounts (local major units) for a corridor, from RESEARCH §a.2, with a party-size draw. */
export interface FeeBasis {
  readonly label: string;
  /** Per-person amount in local major units (adult), and child amount when the route has one. */
  readonly adult: number;
  readonly child?: number;
  /** Whether senders pay in the fee currency (converted amounts are not round locally). */
  readonly currency: string;
  readonly foreignAdult?: number;
  readonly foreignChild?: number;
}

export function feeBases(w: World, rng: Rng): FeeBasis[] {
  const myr = (x: number): number => w.fromMyr(x);
  const fx = (amount: number, cur: string): number => w.fromForeign(amount, cur, 0);
  const list: FeeBasis[] = [];
  const code = w.locale.code;
  if (code === 'MY' || code === 'TH' || code === 'ID') {
    list.push(
      { label: 'BD→MY BDT 170,000', adult: fx(170_000, 'BDT'), currency: 'BDT', foreignAdult: 170_000 },
      { label: 'Cox\'s Bazar→Aceh BDT 100,000 adult / 50,000 child', adult: fx(100_000, 'BDT'), child: fx(50_000, 'BDT'), currency: 'BDT', foreignAdult: 100_000, foreignChild: 50_000 },
      { label: 'land leg RM 2,200 adult / RM 1,000 child', adult: myr(2_200), child: myr(1_000), currency: w.locale.currency },
      { label: 'pay-on-arrival RM 4,000', adult: myr(4_000), currency: w.locale.currency },
      { label: 'full fare USD 2,000–2,500', adult: fx(rng.pick([2_000, 2_200, 2_500]), 'USD'), currency: 'USD', foreignAdult: rng.pick([2_000, 2_200, 2_500]) },
      { label: 'boarding RM 8,000–10,000', adult: myr(rng.pick([8_000, 9_000, 10_000])), currency: w.locale.currency },
    );
  }
  if (code === 'ID' || code === 'MY') list.push({ label: 'Aceh→MY IDR 5–10 million', adult: fx(rng.pick([5_000_000, 7_500_000, 10_000_000]), 'IDR'), currency: 'IDR', foreignAdult: 7_500_000 });
  if (code === 'TH') list.push({ label: 'Thailand passage THB 50,000', adult: fx(50_000, 'THB'), currency: 'THB', foreignAdult: 50_000 });
  if (code === 'AU') {
    list.push(
      { label: 'ID→AU A$4,500–10,000', adult: w.fromMyr(rng.pick([4_500, 6_000, 8_000, 10_000]) * 2.9), currency: 'AUD' },
      { label: 'LK→AU LKR 700,000–1,000,000', adult: fx(rng.pick([700_000, 850_000, 1_000_000]), 'LKR'), currency: 'LKR', foreignAdult: 850_000 },
      { label: 'USD 5,000–10,000', adult: fx(rng.pick([5_000, 7_500, 10_000]), 'USD'), currency: 'USD', foreignAdult: 7_500 },
    );
  }
  return list;
}

/** Party size for a fee payment (mostly single travellers, some families). */
export function partySize(rng: Rng): { adults: number; children: number } {
  const adults = rng.weighted([[1, 0.62], [2, 0.24], [3, 0.09], [4, 0.05]] as const);
  const children = rng.chance(0.25) ? rng.int(1, 3) : 0;
  return { adults, children };
}

/** Rounds like a person typing an amount: to 50/100 in local terms, or exact cents after FX. */
export function humanAmount(w: World, rng: Rng, major: number, converted: boolean): number {
  if (converted) return Math.round(major * 100) / 100;
  const step = w.locale.roundStep * rng.weighted([[1, 0.2], [5, 0.3], [10, 0.5]] as const);
  return w.round(major, step);
}

/** A time `hours` after `ts`, plus jitter. */
export function after(ts: number, rng: Rng, minH: number, maxH: number): number {
  return ts + Math.round(rng.float(minH, maxH) * HOUR);
}
