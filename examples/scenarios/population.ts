/**
 * Background population: the ordinary customers of the reporting bank and their money.
 *
 * - Employers (own business accounts or at other banks) pay monthly or fortnightly wages in
 *   early-morning batches; migrant wages vary with overtime.
 * - Locals: salaried employees, civil servants, self-employed hawkers and contractors, students,
 *   retirees and homemakers, linked as households (spouses share an address, adult children
 *   support parents).
 * - Migrant workers (BD, ID, NP, MM, IN, PK … by locale) living in dormitories shared with
 *   co-workers, remitting part of each wage home through the bank, a licensed remitter, or cash.
 * - Everyday flows: bills to billers, loan instalments, P2P transfers to friends, ATM cash,
 *   occasional CDM deposits, savings sweeps, festival peaks (Eid, Dashain, Deepavali, CNY).
 *
 * Scenario modules reserve personas from here (or create new ones with the same factories), so
 * network accounts live ordinary lives next to their illicit flows.
 */
import type { AccountType } from '../../src/schema/reference-data.js';
import type { Channel } from '../../src/schema/transaction.js';
import { foreign, type City } from './locale.js';
import { companyName, newFamilyKey, parentName, personName, phoneNumber, spouseName, type People } from './names.js';
import type { Rng } from './rng.js';
import { DAY, HOUR, type AccountRec, type PartyRec, type World } from './world.js';

export type PersonaKind = 'local' | 'civil_servant' | 'migrant' | 'refugee' | 'student' | 'retiree' | 'homemaker' | 'hawker' | 'contractor';

export interface RemitPlan {
  /** Share of each wage sent home. */
  share: number;
  via: 'bank' | 'msb' | 'cash';
  recipients: AccountRec[];
  /** Days after the wage credit. */
  lag: readonly [number, number];
  /** Probability of skipping a month. */
  skip: number;
  /** A fixed amount in the home currency the worker aims to send (converted each time). */
  target?: { currency: string; amount: number };
  /** The licensed remitter paid by transfer when `via` is 'msb'. */
  msb?: AccountRec;
}

export interface Persona {
  readonly kind: PersonaKind;
  readonly people: People;
  readonly party: PartyRec;
  readonly account: AccountRec;
  savings?: AccountRec;
  readonly city: City;
  /** Monthly net wage, major units (0 when none). */
  salary: number;
  employer?: Employer;
  wageCredits: Array<{ ts: number; amount: number }>;
  spouse?: Persona;
  /** Transfers household money to the spouse right after payday. */
  householdGiver?: boolean;
  parents?: AccountRec;
  parentSupport?: number;
  remit?: RemitPlan;
  /** Multiplier on everyday activity (cases set it low for mule-like accounts). */
  activity: number;
  /** Share of income free for everyday spending after case commitments. */
  spendShare: number;
  friends: AccountRec[];
  billers: Array<{ acc: AccountRec; base: number; fixed: boolean }>;
  loan?: { acc: AccountRec; amount: number; dom: number };
  readonly tags: Set<string>;
  reserved: boolean;
  /** Dormitory or shared-house address (migrants). */
  dorm?: string;
}

export interface Employer {
  readonly account: AccountRec;
  readonly name: string;
  readonly sector: string;
  readonly city: City;
  /** 'last' = last business day; a number = that day of month (of the next month when ≤ 10). */
  readonly payday: 'last' | number;
  readonly fortnightly: boolean;
  readonly batchHour: number;
  readonly workers: Persona[];
  readonly own: boolean;
  readonly migrantHeavy: boolean;
  /** Dormitory addresses for its migrant workers. */
  readonly dorms: string[];
}

export interface Ctx {
  readonly world: World;
  /** Own accounts requested / 3000. */
  readonly scale: number;
  readonly personas: Persona[];
  readonly employers: Employer[];
  readonly billers: Array<{ acc: AccountRec; kind: string }>;
  readonly statutory: AccountRec[];
  readonly businessPool: AccountRec[];
  msbs: AccountRec[];
  readonly gov: { payroll: AccountRec; pension: AccountRec; aid: AccountRec; studentLoan: AccountRec };
  /** Runs after payroll, before everyday life. */
  readonly afterPayroll: Array<() => void>;
  /** Runs at the very end (settlements that depend on everything else). */
  readonly finally: Array<() => void>;
}

const MIGRANT_SECTORS: Record<string, readonly string[]> = {
  bangladeshi: ['Construction', 'Plastic Industries', 'Glove Manufacturing', 'Furniture', 'Cleaning Services', 'Plantation'],
  indonesian: ['Plantation', 'Construction', 'Food Industries', 'Cleaning Services'],
  nepali: ['Security Services', 'Electronics Manufacturing', 'Glove Manufacturing', 'Restaurant'],
  burmese: ['Restaurant', 'Food Industries', 'Electronics Manufacturing', 'Seafood Processing'],
  rohingya: ['Construction', 'Seafood Processing', 'Recycling'],
  indian: ['Restaurant', 'Barber Services', 'Textile'],
  pakistani: ['Construction', 'Trading'],
  cambodian: ['Seafood Processing', 'Construction', 'Agriculture'],
  lao: ['Agriculture', 'Food Industries'],
  vietnamese: ['Agriculture', 'Food Industries'],
  filipino: ['Healthcare Services', 'Hospitality'],
  srilankan: ['Hospitality', 'Aged Care'],
  afghan: ['Transport', 'Recycling'],
};
const LOCAL_SECTORS = ['Engineering', 'Logistics', 'Trading', 'Electronics Manufacturing', 'Retail', 'Consulting', 'Healthcare Services', 'Hardware', 'Property', 'Education Services', 'Insurance Agency', 'Automotive'];
const LOCAL_OCCUPATIONS = ['clerk', 'engineer', 'teacher', 'technician', 'sales executive', 'nurse', 'accountant', 'driver', 'manager', 'administrative assistant', 'supervisor', 'programmer', 'mechanic', 'customer service officer'];
const MIGRANT_OCCUPATION: Record<string, string> = {
  Construction: 'construction worker', 'Plastic Industries': 'production operator', 'Glove Manufacturing': 'production operator', Furniture: 'furniture worker',
  'Cleaning Services': 'cleaner', Plantation: 'plantation worker', 'Food Industries': 'factory worker', 'Security Services': 'security guard',
  'Electronics Manufacturing': 'production operator', Restaurant: 'restaurant worker', 'Seafood Processing': 'seafood processing worker',
  Recycling: 'general worker', 'Barber Services': 'barber', Textile: 'tailor', Trading: 'general worker', Agriculture: 'farm worker',
  'Healthcare Services': 'caregiver', Hospitality: 'hotel worker', 'Aged Care': 'care worker', Transport: 'driver',
};

export const MUSLIM_PEOPLES: ReadonlySet<People> = new Set(['malay', 'bangladeshi', 'rohingya', 'indonesian', 'pakistani', 'afghan']);

/** Festival dates that drive remittance and cash peaks (approximate, 2023–2027). */
const FESTIVALS: Record<string, readonly string[]> = {
  eid: ['2023-04-22', '2023-06-29', '2024-04-10', '2024-06-17', '2025-03-31', '2025-06-07', '2026-03-20', '2026-05-27', '2027-03-10'],
  cny: ['2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06'],
  deepavali: ['2023-11-12', '2024-10-31', '2025-10-20', '2026-11-08'],
  dashain: ['2023-10-24', '2024-10-12', '2025-10-02', '2026-10-21'],
  thingyan: ['2023-04-13', '2024-04-13', '2025-04-13', '2026-04-13', '2027-04-13'],
  christmas: ['2023-12-25', '2024-12-25', '2025-12-25', '2026-12-25'],
};
const PEOPLE_FESTIVAL: Partial<Record<People, readonly string[]>> = {
  malay: ['eid'], bangladeshi: ['eid'], rohingya: ['eid'], indonesian: ['eid'], pakistani: ['eid'], afghan: ['eid'],
  chinese: ['cny'], vietnamese: ['cny'], indian_my: ['deepavali'], indian: ['deepavali'], nepali: ['dashain'],
  burmese: ['thingyan'], thai: ['thingyan'], lao: ['thingyan'], cambodian: ['thingyan'], filipino: ['christmas'], anglo: ['christmas'], srilankan: ['thingyan'],
};

/** Day indices (in the window) of the festivals a people celebrates. */
export function festivalDays(world: World, people: People): number[] {
  const out: number[] = [];
  for (const f of PEOPLE_FESTIVAL[people] ?? []) {
    for (const d of FESTIVALS[f] ?? []) {
      const ms = Date.parse(`${d}T00:00:00Z`) - world.locale.offsetMinutes * 60_000;
      const day = Math.round((ms - world.start) / DAY);
      if (day > -20 && day < world.days + 20) out.push(day);
    }
  }
  return out;
}

// ───────────────────────────── factories ─────────────────────────────

export function newEmployer(ctx: Ctx, rng: Rng, spec: { migrantHeavy: boolean; sector?: string; city?: City; own?: boolean; payday?: 'last' | number; fortnightly?: boolean; name?: string }): Employer {
  const w = ctx.world;
  const sector = spec.sector ?? (spec.migrantHeavy ? rng.pick(Object.values(MIGRANT_SECTORS).flat()) : rng.pick(LOCAL_SECTORS));
  const city = spec.city ?? w.pickCity(rng, spec.migrantHeavy);
  const name = spec.name ?? companyName(rng, w.locale.code, sector);
  const own = spec.own ?? rng.chance(0.55);
  let account: AccountRec;
  if (own) {
    const party = w.newParty({
      name, country: w.locale.code, city, phone: phoneNumber(rng, w.locale.code),
      address: w.locale.street(<T>(xs: readonly T[]) => rng.pick(xs), (a, b) => rng.int(a, b), city),
      document: `REG ${rng.int(1990, 2022)}01${rng.digits(6)}`, occupation: sector.toLowerCase(), income: null,
    });
    account = w.newOwnAccount(party, 'business', w.start - rng.int(200, 6000) * DAY, city);
    w.label(account, 0, 'background', 'employer', '');
  } else {
    account = w.externalAccount({ country: w.locale.code, name: name.toUpperCase() });
    w.label(account, 0, 'background', 'employer', '');
  }
  const fortnightly = spec.fortnightly ?? (spec.migrantHeavy && rng.chance(0.15));
  const paydayOptions: Array<readonly ['last' | number, number]> = [['last', 4], [25, 2], [28, 1], [rng.int(1, 7), 3]];
  const payday = spec.payday ?? rng.weighted(paydayOptions);
  const dorms: string[] = [];
  const emp: Employer = { account, name, sector, city, payday, fortnightly, batchHour: rng.float(0.5, 7), workers: [], own, migrantHeavy: spec.migrantHeavy, dorms };
  if (spec.migrantHeavy) {
    const n = rng.int(1, 3);
    for (let i = 0; i < n; i++) {
      dorms.push(`${rng.pick(['Asrama Pekerja', 'Hostel Pekerja', 'Rumah Kongsi', 'Workers Quarters'])} ${name.split(' ').slice(0, 2).join(' ')}, Lot ${rng.int(100, 9999)}, Jalan ${rng.pick(['Perindustrian', 'Industri', 'Kilang', 'Ladang'])} ${rng.int(1, 9)}, ${city.postcode} ${city.name}, ${city.state}`);
    }
  }
  ctx.employers.push(emp);
  return emp;
}

function addPersona(ctx: Ctx, p: Omit<Persona, 'wageCredits' | 'friends' | 'billers' | 'tags' | 'reserved' | 'activity' | 'spendShare'> & Partial<Persona>): Persona {
  const persona: Persona = {
    wageCredits: [], friends: [], billers: [], tags: new Set(), reserved: false, activity: 1, spendShare: 1, ...p,
  } as Persona;
  ctx.personas.push(persona);
  if (persona.employer !== undefined) persona.employer.workers.push(persona);
  return persona;
}

/** Opening date of an ordinary account: years ago, a few opened during the window. */
function openedAt(world: World, rng: Rng, recentShare: number, minYearsAgo = 0): number {
  if (rng.chance(recentShare)) return world.start + rng.int(-120, Math.max(1, Math.floor(world.days * 0.7))) * DAY + rng.int(9, 16) * HOUR;
  const daysAgo = Math.max(60 + minYearsAgo * 365, Math.round(rng.lognormal(1400, 0.8)));
  return world.start - daysAgo * DAY + rng.int(9, 16) * HOUR;
}

/** A foreign family account (parent or spouse at home) for a migrant. */
export function homeFamilyAccount(ctx: Ctx, rng: Rng, people: People, familyKey: string, country: string): AccountRec {
  const w = ctx.world;
  const fc = foreign(country);
  const wallet = fc.institutions.filter((i) => i.wallet === true);
  const banks = fc.institutions.filter((i) => i.wallet !== true);
  const inst = wallet.length > 0 && rng.chance(people === 'bangladeshi' || people === 'rohingya' ? 0.45 : 0.2) ? rng.pick(wallet) : rng.pick(banks.length > 0 ? banks : fc.institutions);
  const rel = rng.chance(0.5) ? parentName(rng, people, familyKey, rng.chance(0.6) ? 'm' : 'f') : spouseName(rng, people, personName(rng, people, 'm', familyKey));
  const acc = w.externalAccount({ country, name: rel.full, institution: inst });
  w.label(acc, 0, 'lookalike_family_remittance', 'family_recipient', '');
  return acc;
}

export interface MigrantSpec {
  people?: People;
  employer?: Employer;
  city?: City;
  opened?: number;
  salary?: number;
  dorm?: string | null;
  age?: number;
  refugee?: boolean;
  remit?: boolean;
  gender?: 'm' | 'f';
  /** Family name key shared with relatives (applied as the community's naming custom allows). */
  familyKey?: string;
}

/** A migrant worker with an employer, a dormitory address and a family at home. */
export function newMigrant(ctx: Ctx, rng: Rng, spec: MigrantSpec = {}): Persona {
  const w = ctx.world;
  const people = spec.people ?? rng.weighted(w.locale.migrants);
  const refugee = spec.refugee ?? people === 'rohingya';
  let employer = spec.employer;
  if (employer === undefined && !refugee) {
    const fitting = ctx.employers.filter((e) => e.migrantHeavy && (MIGRANT_SECTORS[people] ?? []).includes(e.sector));
    employer = fitting.length > 0 && rng.chance(0.97) ? rng.pick(fitting) : newEmployer(ctx, rng, { migrantHeavy: true, sector: rng.pick(MIGRANT_SECTORS[people] ?? ['Construction']) });
  }
  const city = spec.city ?? employer?.city ?? w.pickCity(rng, true);
  const dorm = spec.dorm === null ? undefined : spec.dorm ?? (employer !== undefined && employer.dorms.length > 0 && rng.chance(0.75) ? rng.pick(employer.dorms) : undefined);
  const familyKey = spec.familyKey ?? newFamilyKey(rng, people);
  const gender = spec.gender ?? (rng.chance(people === 'indonesian' || people === 'filipino' ? 0.6 : 0.88) ? 'm' : 'f');
  const salary = spec.salary ?? (refugee ? 0 : Math.max(w.locale.wage.migrantMin, w.round(rng.lognormal(w.locale.wage.migrantMedian, 0.18), w.locale.roundStep)));
  const occupation = refugee ? rng.pick(['general worker', 'casual labourer', 'unemployed', 'market helper']) : MIGRANT_OCCUPATION[employer?.sector ?? ''] ?? 'general worker';
  const party = w.newPerson(rng, {
    people, gender, familyKey, city, ...(dorm === undefined ? {} : { address: dorm }), occupation,
    income: refugee ? (rng.chance(0.5) ? w.round(w.fromMyr(rng.int(600, 1200)), 100) : null) : (rng.chance(0.85) ? w.round(salary * rng.float(0.85, 1.15), 100) : null),
    age: spec.age ?? rng.int(20, 45), refugee,
  });
  const opened = spec.opened ?? openedAt(w, rng, 0.07);
  const account = w.newOwnAccount(party, 'personal', opened, city);
  const home = people === 'rohingya' ? (rng.chance(0.7) ? 'BD' : 'MM') : (foreign(PEOPLE_COUNTRY_OF(people)).country);
  const persona = addPersona(ctx, {
    kind: refugee ? 'refugee' : 'migrant', people, party, account, city, salary,
    ...(employer === undefined ? {} : { employer }), ...(dorm === undefined ? {} : { dorm }),
  });
  w.label(account, 0, 'background', refugee ? 'refugee' : 'migrant_worker', '');
  if (spec.remit !== false) {
    const recipients = [homeFamilyAccount(ctx, rng, people, familyKey, home)];
    if (rng.chance(0.25)) recipients.push(homeFamilyAccount(ctx, rng, people, familyKey, home));
    const via = rng.weighted([['bank', 0.45], ['msb', ctx.msbs.length > 0 ? 0.3 : 0], ['cash', 0.25]] as const);
    const plan: RemitPlan = {
      share: refugee ? rng.float(0.1, 0.3) : rng.float(0.25, 0.62), via, recipients,
      lag: rng.weighted([[[0, 1], 3], [[0, 4], 3], [[2, 9], 2]] as const), skip: rng.float(0.03, 0.2),
    };
    if (via === 'msb') plan.msb = rng.pick(ctx.msbs);
    if (rng.chance(0.35) && home !== w.locale.code) {
      const fc = foreign(home);
      const local = salary * plan.share;
      const target = w.toForeign(local, fc.currency);
      const step = 10 ** Math.max(2, Math.floor(Math.log10(Math.max(target, 10))) - 1);
      plan.target = { currency: fc.currency, amount: Math.max(step, Math.round(target / step) * step) };
    }
    persona.remit = plan;
    if (salary > 0 || refugee) w.label(account, 0, 'lookalike_migrant_worker', refugee ? 'refugee' : 'migrant_worker', '');
  }
  return persona;
}

function PEOPLE_COUNTRY_OF(people: People): string {
  const map: Partial<Record<People, string>> = { bangladeshi: 'BD', indonesian: 'ID', nepali: 'NP', burmese: 'MM', rohingya: 'BD', indian: 'IN', pakistani: 'PK', cambodian: 'KH', lao: 'LA', vietnamese: 'VN', filipino: 'PH', srilankan: 'LK', afghan: 'AF', thai: 'TH', chinese: 'SG', anglo: 'AU', malay: 'MY', indian_my: 'MY' };
  return map[people] ?? 'BD';
}

export interface LocalSpec {
  kind?: PersonaKind;
  people?: People;
  city?: City;
  familyKey?: string;
  name?: string;
  gender?: 'm' | 'f';
  address?: string;
  age?: number;
  occupation?: string;
  salary?: number;
  opened?: number;
  employer?: Employer | null;
}

/** A local customer (salaried, civil servant, self-employed, student, retiree or homemaker). */
export function newLocal(ctx: Ctx, rng: Rng, spec: LocalSpec = {}): Persona {
  const w = ctx.world;
  const people = spec.people ?? rng.weighted(w.locale.locals);
  const kind = spec.kind ?? rng.weighted([['local', 0.56], ['civil_servant', 0.1], ['hawker', 0.06], ['contractor', 0.04], ['student', 0.09], ['retiree', 0.09], ['homemaker', 0.06]] as const);
  const city = spec.city ?? w.pickCity(rng);
  const age = spec.age ?? (kind === 'student' ? rng.int(18, 24) : kind === 'retiree' ? rng.int(60, 82) : rng.int(23, 58));
  let salary = spec.salary ?? 0;
  let employer: Employer | undefined;
  if (spec.salary === undefined) {
    if (kind === 'local') salary = w.round(rng.lognormal(w.locale.wage.localMedian, w.locale.wage.localSigma) * (0.75 + Math.min(age, 50) / 100), w.locale.roundStep / 10 || 1);
    if (kind === 'civil_servant') salary = w.round(rng.lognormal(w.locale.wage.localMedian * 1.05, 0.35), 1);
    if (kind === 'retiree') salary = rng.chance(0.55) ? w.round(rng.lognormal(w.locale.wage.localMedian * 0.55, 0.35), 1) : 0;
    if (kind === 'hawker' || kind === 'contractor') salary = w.round(rng.lognormal(w.locale.wage.localMedian * (kind === 'hawker' ? 0.9 : 1.4), 0.5), 1);
  }
  salary = Math.max(0, salary);
  if (kind === 'local' && spec.employer !== null) {
    employer = spec.employer ?? (ctx.employers.filter((e) => !e.migrantHeavy).length > 0 && rng.chance(0.97)
      ? rng.pick(ctx.employers.filter((e) => !e.migrantHeavy))
      : newEmployer(ctx, rng, { migrantHeavy: false }));
  }
  const occupation = spec.occupation ?? ({
    local: rng.pick(LOCAL_OCCUPATIONS), civil_servant: rng.pick(['civil servant', 'teacher', 'police officer', 'nurse', 'army officer']),
    hawker: rng.pick(['hawker', 'food stall operator', 'small trader', 'e-hailing driver']), contractor: rng.pick(['contractor', 'renovation contractor', 'freelancer', 'agent']),
    student: 'student', retiree: 'retiree', homemaker: 'housewife', migrant: 'worker', refugee: 'worker',
  } as Record<PersonaKind, string>)[kind];
  const party = w.newPerson(rng, {
    people, city, age, occupation,
    ...(spec.gender === undefined ? {} : { gender: spec.gender }),
    ...(spec.familyKey === undefined ? {} : { familyKey: spec.familyKey }),
    ...(spec.name === undefined ? {} : { name: spec.name }),
    ...(spec.address === undefined ? {} : { address: spec.address }),
    income: rng.chance(0.88) ? (salary > 0 ? w.round(salary * rng.float(0.9, 1.25), 100) : kind === 'student' ? w.round(w.fromMyr(rng.int(300, 900)), 50) : 0) : null,
  });
  const account = w.newOwnAccount(party, 'personal', spec.opened ?? openedAt(w, rng, kind === 'student' ? 0.08 : 0.03, kind === 'retiree' ? 5 : 0), city);
  const persona = addPersona(ctx, { kind, people, party, account, city, salary, ...(employer === undefined ? {} : { employer }) });
  w.label(account, 0, 'background', kind === 'local' ? 'employee' : kind, '');
  if (rng.chance(kind === 'student' ? 0.1 : 0.35)) {
    persona.savings = w.newOwnAccount(party, 'personal', Math.max(account.openedAt ?? w.start, w.start - rng.int(30, 3000) * DAY), city);
    w.label(persona.savings, 0, 'background', 'savings', '');
  }
  return persona;
}

// ───────────────────────────── building the population ─────────────────────────────

export function buildPopulation(ctx: Ctx, rng: Rng, personalTarget: number): void {
  const w = ctx.world;
  const nMigrantEmployers = Math.max(3, Math.round(personalTarget * w.locale.migrantShare / 28));
  const nLocalEmployers = Math.max(4, Math.round(personalTarget * (1 - w.locale.migrantShare) / 40));
  for (let i = 0; i < nMigrantEmployers; i++) newEmployer(ctx, rng, { migrantHeavy: true });
  for (let i = 0; i < nLocalEmployers; i++) newEmployer(ctx, rng, { migrantHeavy: false });

  const nMigrants = Math.round(personalTarget * (w.locale.migrantShare + w.locale.refugeeShare));
  for (let i = 0; i < nMigrants; i++) {
    const refugee = rng.chance(w.locale.refugeeShare / (w.locale.migrantShare + w.locale.refugeeShare));
    newMigrant(ctx, rng, refugee ? { refugee: true, people: w.locale.migrants.some(([p]) => p === 'rohingya') ? 'rohingya' : rng.weighted(w.locale.migrants) } : {});
  }
  // Co-workers from the same dormitory sometimes share a phone (kongsi handset) — lawful.
  for (const e of ctx.employers) {
    const inDorm = e.workers.filter((p) => p.dorm !== undefined);
    for (let i = 0; i + 1 < inDorm.length; i += 7) {
      if (rng.chance(0.3)) {
        const a = inDorm[i] as Persona;
        const b = inDorm[i + 1] as Persona;
        if (a.party.phone !== undefined) b.party.phone = a.party.phone;
      }
    }
  }

  let locals = personalTarget - nMigrants;
  while (locals > 0) {
    const p = newLocal(ctx, rng);
    locals--;
    // Households: spouse as a customer too (same address, sometimes same phone).
    if ((p.kind === 'local' || p.kind === 'civil_servant' || p.kind === 'hawker') && locals > 0 && rng.chance(0.22)) {
      const sn = spouseName(rng, p.people, { full: p.party.name, given: '', familyKey: p.party.familyKey ?? '', gender: rng.chance(0.5) ? 'm' : 'f' });
      const s = newLocal(ctx, rng, {
        people: p.people, city: p.city, name: sn.full, familyKey: sn.familyKey, ...(p.party.address === undefined ? {} : { address: p.party.address }),
        kind: rng.chance(0.4) ? 'homemaker' : 'local',
      });
      if (rng.chance(0.3) && p.party.phone !== undefined && s.party.phone !== undefined) s.party.phone = p.party.phone;
      p.spouse = s;
      s.spouse = p;
      if (s.kind === 'homemaker' || rng.chance(0.35)) p.householdGiver = true;
      locals--;
    }
    // Adult children supporting a retired parent who banks with us.
    if (p.kind === 'retiree' && locals > 1 && rng.chance(0.5)) {
      const key = p.people === 'malay' || p.people === 'indian_my' ? p.party.name.split(' ')[0] as string : p.party.familyKey ?? '';
      const kids = rng.int(1, 3);
      for (let k = 0; k < kids && locals > 0; k++) {
        const child = newLocal(ctx, rng, { people: p.people, familyKey: key, kind: rng.chance(0.8) ? 'local' : 'civil_servant', age: rng.int(28, 50) });
        child.parents = p.account;
        child.parentSupport = w.round(Math.max(100, child.salary * rng.float(0.05, 0.18)), 50);
        locals--;
      }
    }
  }
  // Remaining locals support a parent at another bank.
  for (const p of ctx.personas) {
    if ((p.kind === 'local' || p.kind === 'civil_servant') && p.parents === undefined && rng.chance(0.25)) {
      const par = parentName(rng, p.people, p.people === 'malay' || p.people === 'indian_my' ? (p.party.name.split(' ')[0] as string) : p.party.familyKey ?? '', rng.chance(0.5) ? 'm' : 'f');
      p.parents = w.externalAccount({ country: w.locale.code, name: par.full });
      w.label(p.parents, 0, 'background', 'counterparty', '');
      p.parentSupport = w.round(Math.max(100, p.salary * rng.float(0.04, 0.15)), 50);
    }
  }
  // Billers, loans, friends.
  for (const p of ctx.personas) assignHabits(ctx, p, rng);
}

function assignHabits(ctx: Ctx, p: Persona, rng: Rng): void {
  const w = ctx.world;
  const migrant = p.kind === 'migrant' || p.kind === 'refugee';
  const nBills = migrant ? (rng.chance(0.3) ? 1 : 0) : rng.weighted([[0, 0.15], [1, 0.4], [2, 0.3], [3, 0.15]] as const);
  const pool = migrant ? ctx.billers.filter((b) => b.kind === 'telco') : ctx.billers.filter((b) => b.kind !== 'epf');
  for (const b of rng.sample(pool, nBills)) {
    const base = w.fromMyr(({ utility: rng.float(50, 300), telco: rng.float(30, 160), tv: rng.float(50, 180), insurance: rng.float(100, 500), tax: rng.float(100, 900), council: rng.float(40, 200), loan: rng.float(100, 300), epf: 0 } as Record<string, number>)[b.kind] ?? 50);
    p.billers.push({ acc: b.acc, base, fixed: b.kind === 'telco' || b.kind === 'tv' || b.kind === 'insurance' || b.kind === 'loan' });
  }
  if (!migrant && p.salary > 0 && rng.chance(0.45)) {
    const bank = rng.pick(w.locale.domesticBanks.filter((b) => b.wallet !== true));
    const loanAcc = w.externalAccount({ country: w.locale.code, name: `${bank.name.toUpperCase()} ${rng.pick(['LOAN', 'HIRE PURCHASE', 'CAR LOAN', 'PERSONAL LOAN'])}`, institution: bank });
    w.label(loanAcc, 0, 'background', 'counterparty', '');
    p.loan = { acc: loanAcc, amount: w.round(p.salary * rng.float(0.1, 0.35), 1), dom: rng.int(1, 28) };
  }
  const nFriends = migrant ? rng.int(1, 5) : rng.int(2, 8);
  const same = ctx.personas.filter((q) => q !== p && q.people === p.people && q.city.state === p.city.state);
  for (let i = 0; i < nFriends; i++) {
    if (same.length > 0 && rng.chance(migrant ? 0.75 : 0.5)) p.friends.push(rng.pick(same).account);
    else p.friends.push(w.otherBankPerson(rng));
  }
  p.activity = rng.lognormal(1, 0.35);
}

// ───────────────────────────── payroll ─────────────────────────────

/** Paydays of an employer within (and just before) the window, as day indices. */
export function paydays(world: World, e: Employer): number[] {
  const out: number[] = [];
  for (const ms of world.monthStarts()) {
    const { daysInMonth } = world.calendar(ms);
    if (e.fortnightly) {
      out.push(world.prevBusinessDay(ms + 6, e.city), world.prevBusinessDay(ms + 20, e.city));
      continue;
    }
    if (e.payday === 'last') out.push(world.prevBusinessDay(ms + daysInMonth - 1, e.city));
    else out.push(world.prevBusinessDay(ms + Math.min(e.payday, daysInMonth) - 1, e.city));
  }
  return out.filter((d) => d >= -20 && d < world.days);
}

export function runPayroll(ctx: Ctx, rng: Rng): void {
  const w = ctx.world;
  for (const e of ctx.employers) {
    const days = paydays(w, e);
    for (const day of days) {
      let k = 0;
      for (const p of e.workers) {
        if (p.salary <= 0) continue;
        const migrant = p.kind === 'migrant';
        let amount = e.fortnightly ? p.salary / 2 : p.salary;
        if (migrant) amount *= rng.chance(0.08) ? rng.float(0.55, 0.85) : 1 + rng.float(0, 0.32);
        else amount *= 1 + (rng.chance(0.2) ? rng.float(0, 0.12) : 0);
        const ts = w.at(day, 0, 0, Math.floor(e.batchHour * 3600) + k * rng.int(1, 3));
        k++;
        const minor = w.money(amount);
        const ref = rng.weighted([[`SALARY ${monthName(w, day)}`, 3], [`GAJI ${monthName(w, day, true)}`, w.locale.code === 'MY' ? 3 : 0], ['PAYROLL', 2], ['', 1]] as const);
        if (w.transfer(e.account, p.account, minor, ts, 'online', { reference: ref })) p.wageCredits.push({ ts, amount: minor });
      }
    }
  }
  // Civil servants and pensioners are paid by the state.
  for (const p of ctx.personas) {
    if (p.kind !== 'civil_servant' && !(p.kind === 'retiree' && p.salary > 0)) continue;
    const payer = p.kind === 'civil_servant' ? ctx.gov.payroll : ctx.gov.pension;
    for (const ms of w.monthStarts()) {
      const day = w.prevBusinessDay(ms + (p.kind === 'civil_servant' ? 22 : 26));
      const ts = w.at(day, 2, 0, rng.int(0, 3600));
      const minor = w.money(p.salary * (1 + (rng.chance(0.1) ? rng.float(0, 0.05) : 0)));
      if (w.transfer(payer, p.account, minor, ts, 'online', { reference: p.kind === 'civil_servant' ? 'GAJI KERAJAAN' : 'PENCEN' })) p.wageCredits.push({ ts, amount: minor });
    }
  }
  for (const p of ctx.personas) p.wageCredits.sort((a, b) => a.ts - b.ts);
}

function monthName(w: World, day: number, malay = false): string {
  const m = w.calendar(day).month;
  return (malay ? ['JAN', 'FEB', 'MAC', 'APR', 'MEI', 'JUN', 'JUL', 'OGO', 'SEP', 'OKT', 'NOV', 'DIS'] : ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'])[m] as string;
}

// ───────────────────────────── everyday life ─────────────────────────────

const P2P_REFS = ['', '', '', 'makan', 'tq', 'duit', 'lunch', 'bayar balik', 'hutang', 'pinjam', 'sewa', 'barang', 'thanks', 'grab', 'share', 'kopi', 'topup', 'belanja', 'tiket', 'minyak'];

/** Everyday flows of one persona across the window. */
export function live(ctx: Ctx, p: Persona, rng: Rng): void {
  const w = ctx.world;
  const acc = p.account;
  const from = Math.max(0, w.dayOf(acc.openedAt ?? w.start) + 1);
  if (from >= w.days) return;
  const act = p.activity;
  const monthly = incomeEstimate(w, p);
  const spend = monthly * Math.max(0.1, p.spendShare);
  const festivals = festivalDays(w, p.people);
  const nearFestival = (day: number): boolean => festivals.some((f) => f - day >= 0 && f - day <= 12);
  const digital = p.kind === 'migrant' || p.kind === 'refugee' ? 0.55 : p.kind === 'retiree' ? 0.35 : 0.92;
  const ch = (): Channel => (rng.chance(digital) ? (rng.chance(0.7) ? 'mobile' : 'online') : rng.chance(0.6) ? 'branch' : 'online');
  const startsTs = w.monthStarts();
  const waged = p.wageCredits.length > 0;

  for (const ms of startsTs) {
    const { daysInMonth } = w.calendar(ms);
    const lo = Math.max(ms, from);
    const hi = Math.min(ms + daysInMonth, w.days);
    if (hi <= lo) continue;
    const frac = (hi - lo) / daysInMonth;
    const anchor = waged ? p.wageCredits.find((c) => w.dayOf(c.ts) >= ms && w.dayOf(c.ts) < ms + daysInMonth) : undefined;
    const payday = anchor === undefined ? ms + rng.int(0, 5) : w.dayOf(anchor.ts);
    const anchorTs = anchor?.ts ?? w.at(payday, 8);

    // Household money to the spouse, right after payday (same address: lawful).
    if (p.householdGiver === true && p.spouse !== undefined && anchor !== undefined) {
      const share = rng.float(0.3, 0.6);
      w.transfer(acc, p.spouse.account, w.money(w.round(anchor.amount / 10 ** w.locale.exponent * share, w.locale.roundStep)), anchorTs + rng.int(1, 14) * HOUR, 'mobile', { reference: rng.pick(['belanja rumah', 'household', 'duit dapur', '', 'bulanan']) });
    }
    // Savings sweep to own second account.
    if (p.savings !== undefined && rng.chance(0.75)) {
      w.transfer(acc, p.savings, w.money(w.round(spend * rng.float(0.05, 0.2), w.locale.roundStep)), anchorTs + rng.int(2, 60) * HOUR, 'online', { reference: rng.pick(['savings', 'simpanan', '']) });
      if (rng.chance(0.15)) w.transfer(p.savings, acc, w.money(w.round(spend * rng.float(0.05, 0.3), w.locale.roundStep)), w.timeOn(rng.int(lo, hi - 1), rng, 'online'), 'online');
    }
    // Parent support.
    if (p.parents !== undefined && p.parentSupport !== undefined && rng.chance(0.9)) {
      const amt = p.parentSupport * (nearFestival(payday) ? rng.float(1.5, 3) : 1);
      w.transfer(acc, p.parents, w.money(amt), anchorTs + rng.int(1, 120) * HOUR, ch(), { reference: rng.pick(['untuk mak', 'for amma', 'belanja abah', 'family', '', 'parents', 'mak ayah']) });
    }
    // Bills and loan.
    for (const b of p.billers) {
      if (rng.chance(0.08)) continue;
      const amt = b.fixed ? b.base : b.base * rng.float(0.7, 1.35);
      w.transfer(acc, b.acc, w.money(Math.round(amt * 100) / 100), w.timeOn(Math.min(hi - 1, Math.max(lo, payday + rng.int(0, 12))), rng, 'online'), rng.chance(0.6) ? 'mobile' : 'online', { reference: `BILL ${rng.digits(10)}` });
    }
    if (p.loan !== undefined) {
      const day = Math.min(hi - 1, Math.max(lo, ms + p.loan.dom - 1));
      w.transfer(acc, p.loan.acc, w.money(p.loan.amount), w.timeOn(day, rng, 'batch'), 'online', { reference: 'INSTALMENT' });
    }
    // Remittance home (migrants) — the look-alike of a repayment series.
    if (p.remit !== undefined && rng.chance(1 - p.remit.skip)) remitOnce(ctx, p, rng, anchorTs, anchor?.amount, nearFestival(payday));
    // Students get an allowance; homemakers get household money via the spouse.
    if (p.kind === 'student' && rng.chance(0.9)) {
      const parent = p.parents ?? w.otherBankPerson(rng);
      p.parents = parent;
      w.transfer(parent, acc, w.money(w.round(w.fromMyr(rng.float(200, 800)), w.locale.roundStep)), w.timeOn(Math.max(lo, Math.min(hi - 1, ms + rng.int(0, 6))), rng, 'online'), 'mobile', { reference: rng.pick(['duit belanja', 'allowance', 'pocket money', '']) });
    }
    // Self-employed income: hawkers get many small QR payments; contractors a few large ones.
    if (p.kind === 'hawker') hawkerMonth(ctx, p, rng, lo, hi, monthly);
    if (p.kind === 'contractor') {
      const n = Math.max(1, rng.poisson(2.5 * frac));
      for (let i = 0; i < n; i++) {
        const payer = rng.chance(0.7) ? rng.pick(ctx.businessPool) : w.otherBankPerson(rng);
        w.transfer(payer, acc, w.money(Math.round(monthly / n * rng.float(0.6, 1.4) * 100) / 100), w.timeOn(rng.int(lo, hi - 1), rng, 'business'), 'online', { reference: rng.pick(['INV', 'progress payment', 'payment', '']) + (rng.chance(0.5) ? ` ${rng.int(100, 999)}` : '') });
      }
    }
    if (p.kind === 'refugee') {
      // Informal day labour paid in cash, deposited at a CDM.
      const n = rng.poisson(2.2 * frac);
      for (let i = 0; i < n; i++) {
        const day = rng.int(lo, hi - 1);
        w.deposit(acc, w.money(w.round(w.fromMyr(rng.float(100, 700)), w.locale.roundStep)), w.timeOn(day, rng, 'cdm'), 'cdm', w.cdm(p.city, rng));
      }
    }
    // P2P.
    const nP2P = rng.poisson((p.kind === 'migrant' ? 1.1 : p.kind === 'retiree' ? 0.5 : 2.1) * act * frac);
    for (let i = 0; i < nP2P; i++) {
      if (p.friends.length === 0) break;
      const to = rng.pick(p.friends);
      const amt = w.round(Math.max(w.fromMyr(5), rng.lognormal(spend * 0.025, 0.9)), rng.chance(0.6) ? w.locale.roundStep : w.locale.roundStep / 10);
      w.transfer(acc, to, w.money(amt), w.timeOn(rng.int(lo, hi - 1), rng, 'online'), 'mobile', { reference: rng.pick(P2P_REFS) });
    }
    // ATM withdrawals, mostly after payday.
    const cashShare = p.kind === 'migrant' || p.kind === 'refugee' ? 0.35 : p.kind === 'retiree' ? 0.35 : 0.14;
    const cash = spend * cashShare * (nearFestival(payday) ? 1.6 : 1);
    const nAtm = Math.max(0, rng.poisson((p.kind === 'migrant' ? 1.4 : 1.8) * Math.min(1.5, act) * frac));
    for (let i = 0; i < nAtm; i++) {
      const day = Math.min(hi - 1, Math.max(lo, rng.chance(0.55) ? payday + rng.int(0, 3) : rng.int(lo, hi - 1)));
      const note = w.locale.roundStep * 5;
      const amt = Math.min(w.locale.atmCap, w.round(Math.max(note, cash / Math.max(1, nAtm) * rng.float(0.5, 1.5)), note));
      const city = rng.chance(0.9) ? p.city : w.pickCity(rng);
      w.withdraw(acc, w.money(amt), w.timeOn(day, rng, 'atm'), 'atm', w.atm(city, rng));
    }
    // Rare lawful large cash: a car sold, wedding gifts, savings from home brought to the bank —
    // near or above the reporting threshold, once.
    if (p.kind !== 'refugee' && rng.chance(0.0009 * frac * 6)) {
      const big = w.round(w.locale.threshold * Math.min(3, rng.lognormal(0.85, 0.35)), w.locale.roundStep * 10);
      w.deposit(acc, w.money(big), w.timeOn(w.nextBusinessDay(rng.int(lo, hi - 1), p.city), rng, 'branch'), 'branch', w.branch(p.city), { conductor: p.party, reference: rng.pick(['jual kereta', 'wedding', 'simpanan', '', 'sale of land']) });
    }
    // Occasional cash deposit (CDM).
    if (rng.chance(p.kind === 'hawker' ? 0 : 0.12 * frac)) {
      w.deposit(acc, w.money(w.round(w.fromMyr(rng.lognormal(500, 0.8)), w.locale.roundStep)), w.timeOn(rng.int(lo, hi - 1), rng, 'cdm'), 'cdm', w.cdm(p.city, rng));
    }
  }
}

/** Rough monthly inflow of a persona, major units. */
export function incomeEstimate(w: World, p: Persona): number {
  if (p.salary > 0) return p.salary;
  if (p.kind === 'student') return w.fromMyr(500);
  if (p.kind === 'homemaker') return w.fromMyr(900);
  if (p.kind === 'refugee') return w.fromMyr(800);
  return w.fromMyr(600);
}

function remitOnce(ctx: Ctx, p: Persona, rng: Rng, anchorTs: number, wageMinor: number | undefined, festival: boolean): void {
  const w = ctx.world;
  const plan = p.remit as RemitPlan;
  const base = wageMinor === undefined ? incomeEstimate(w, p) : wageMinor / 10 ** w.locale.exponent;
  const boost = festival ? rng.float(1.3, 2.0) : 1;
  let local: number;
  if (plan.target !== undefined && !festival) local = w.fromForeign(plan.target.amount, plan.target.currency, rng.float(0.005, 0.02));
  else local = w.round(base * plan.share * boost * rng.float(0.85, 1.12), w.locale.roundStep * (rng.chance(0.5) ? 5 : 1));
  local = Math.min(local, base * 0.9 + w.fromMyr(200));
  const ts = anchorTs + rng.int(plan.lag[0], plan.lag[1]) * DAY + rng.int(1, 12) * HOUR;
  const to = plan.recipients.length > 1 && rng.chance(0.35) ? plan.recipients[1] as AccountRec : plan.recipients[0] as AccountRec;
  const ref = rng.pick(['family', 'family support', 'for home', '', '', 'abba', 'amma', 'bapak', 'ibu', 'gift', 'personal', 'home']);
  if (plan.via === 'bank') {
    w.transfer(p.account, to, w.money(local), ts, rng.chance(0.7) ? 'remitter' : 'online', { reference: ref });
  } else if (plan.via === 'msb' && plan.msb !== undefined) {
    w.transfer(p.account, plan.msb, w.money(local), ts, 'mobile', { reference: `REMIT ${rng.letters(2)}${rng.digits(8)}` });
  } else {
    // Withdraws cash and pays a remitter over the counter (not visible to the bank).
    w.withdraw(p.account, w.money(Math.min(w.locale.atmCap, w.round(local, w.locale.roundStep * 5))), ts, 'atm', w.atm(p.city, rng));
  }
}

function hawkerMonth(ctx: Ctx, p: Persona, rng: Rng, lo: number, hi: number, monthly: number): void {
  const w = ctx.world;
  const n = rng.poisson(18 * (hi - lo) / 30);
  const customers = ctx.personas.length;
  for (let i = 0; i < n; i++) {
    const payer = rng.chance(0.55) || customers < 2 ? w.otherBankPerson(rng) : (rng.pick(ctx.personas) as Persona).account;
    if (payer === p.account) continue;
    const day = rng.int(lo, hi - 1);
    w.transfer(payer, p.account, w.money(Math.max(1, Math.round(w.fromMyr(rng.lognormal(18, 0.6)) * 100) / 100)), w.timeOn(day, rng, 'business'), 'mobile', { reference: rng.pick(['DuitNow QR', 'QR', '', 'makan']) });
  }
  // Cash takings deposited at a CDM once or twice a week.
  const weeks = Math.max(1, Math.round((hi - lo) / 7));
  for (let k = 0; k < weeks; k++) {
    if (!rng.chance(0.75)) continue;
    const day = Math.min(hi - 1, lo + k * 7 + rng.int(0, 6));
    w.deposit(p.account, w.money(w.round(monthly / 4 * rng.float(0.5, 1.2), w.locale.roundStep)), w.timeOn(day, rng, 'cdm'), 'cdm', w.cdm(p.city, rng));
  }
  // Suppliers.
  const ns = rng.int(1, 4);
  for (let k = 0; k < ns; k++) {
    w.transfer(p.account, rng.pick(ctx.businessPool), w.money(Math.round(monthly / ns * rng.float(0.3, 0.6) * 100) / 100), w.timeOn(rng.int(lo, hi - 1), rng, 'business'), 'online', { reference: rng.pick(['stok', 'supplier', 'barang', '']) });
  }
}

/** Employer business activity: revenue from clients, suppliers, statutory contributions, petty cash. */
export function employerLife(ctx: Ctx, e: Employer, rng: Rng): void {
  if (!e.own) return;
  const w = ctx.world;
  const payroll = e.workers.reduce((s, p) => s + p.salary, 0);
  if (payroll <= 0 && e.workers.length === 0) return;
  const revenue = Math.max(w.fromMyr(20_000), payroll * rng.float(1.8, 3.5));
  const clients = rng.sample(ctx.businessPool, rng.int(2, 8));
  const suppliers = rng.sample(ctx.businessPool, rng.int(2, 8));
  for (const ms of w.monthStarts()) {
    const { daysInMonth } = w.calendar(ms);
    const lo = Math.max(0, ms);
    const hi = Math.min(w.days, ms + daysInMonth);
    if (hi <= lo) continue;
    const frac = (hi - lo) / daysInMonth;
    const nIn = Math.max(1, rng.poisson(6 * frac));
    for (let i = 0; i < nIn; i++) {
      const day = w.nextBusinessDay(rng.int(lo, hi - 1), e.city);
      w.transfer(rng.pick(clients), e.account, w.money(Math.round(revenue * frac / nIn * rng.float(0.5, 1.5) * 100) / 100), w.timeOn(day, rng, 'business'), rng.chance(0.8) ? 'online' : 'cheque', { reference: `INV ${rng.int(1000, 9999)}` });
    }
    const nOut = Math.max(1, rng.poisson(5 * frac));
    for (let i = 0; i < nOut; i++) {
      const day = w.nextBusinessDay(rng.int(lo, hi - 1), e.city);
      w.transfer(e.account, rng.pick(suppliers), w.money(Math.round(revenue * 0.45 * frac / nOut * rng.float(0.5, 1.5) * 100) / 100), w.timeOn(day, rng, 'business'), 'online', { reference: `PO ${rng.int(1000, 9999)}` });
    }
    if (payroll > 0 && ctx.statutory.length > 0 && hi - lo > 14) {
      for (const s of ctx.statutory) {
        const day = w.nextBusinessDay(Math.min(hi - 1, ms + 12 + rng.int(0, 2)), e.city);
        w.transfer(e.account, s, w.money(Math.round(payroll * rng.float(0.05, 0.13) * 100) / 100), w.timeOn(day, rng, 'business'), 'online', { reference: `CONTRIBUTION ${monthName(w, ms)}` });
      }
    }
    if (rng.chance(0.6)) {
      const day = w.nextBusinessDay(rng.int(lo, hi - 1), e.city);
      w.withdraw(e.account, w.money(w.round(w.fromMyr(rng.float(500, 4000)), w.locale.roundStep * 10)), w.timeOn(day, rng, 'branch'), 'branch', w.branch(e.city), { reference: 'petty cash' });
    }
  }
}

/** A business counterparty at another bank. */
export function businessCounterparty(ctx: Ctx, rng: Rng, label = true): AccountRec {
  const w = ctx.world;
  const acc = w.externalAccount({ country: w.locale.code, name: companyName(rng, w.locale.code, rng.pick(['Trading', 'Supplies', 'Logistics', 'Hardware', 'Engineering', 'Services', 'Food', 'Packaging'])).toUpperCase() });
  if (label) w.label(acc, 0, 'background', 'counterparty', '');
  return acc;
}

/** Creates an own business account for a named business with a party. */
export function ownBusiness(ctx: Ctx, rng: Rng, spec: { name: string; city: City; type?: AccountType; occupation: string; income?: number | null; opened?: number; phone?: string; address?: string }): AccountRec {
  const w = ctx.world;
  const party = w.newParty({
    name: spec.name, country: w.locale.code, city: spec.city, phone: spec.phone ?? null,
    address: spec.address ?? w.locale.street(<T>(xs: readonly T[]) => rng.pick(xs), (a, b) => rng.int(a, b), spec.city),
    document: `REG ${rng.int(1990, 2023)}01${rng.digits(6)}`, occupation: spec.occupation, income: spec.income ?? null,
  });
  return w.newOwnAccount(party, spec.type ?? 'business', spec.opened ?? w.start - rng.int(300, 5000) * DAY, spec.city);
}

/** Takes an unreserved persona matching `filter` (or undefined). */
export function reserve(ctx: Ctx, rng: Rng, filter: (p: Persona) => boolean): Persona | undefined {
  const candidates = ctx.personas.filter((p) => !p.reserved && filter(p));
  if (candidates.length === 0) return undefined;
  const p = rng.pick(candidates);
  p.reserved = true;
  return p;
}
