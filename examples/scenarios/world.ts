/**
 * The reporting bank's world: its customers (parties and accounts), the counterparties its
 * customers deal with (other banks, foreign banks and wallets), its branches, ATMs and
 * cash-deposit machines, and every movement of value it sees. Scenario modules add people and
 * transactions through this API; `index.ts` turns the result into the canonical CSV files.
 *
 * Identifiers are random (account numbers, party ids) and transaction ids are assigned after
 * sorting by time, so nothing in an id reveals which module created the row.
 */
import type { AccountType } from '../../src/schema/reference-data.js';
import type { Channel, TransactionKind } from '../../src/schema/transaction.js';
import { LOCALES, foreign, type City, type Institution, type Locale } from './locale.js';
import { documentNumber, personName, phoneNumber, type Gender, type People, PEOPLE_COUNTRY } from './names.js';
import { Rng } from './rng.js';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export interface PartyRec {
  readonly id: string;
  name: string;
  country: string;
  phone?: string;
  address?: string;
  document?: string;
  occupation?: string;
  /** Declared monthly income, major units of the local currency. */
  income?: number;
  readonly people?: People;
  readonly familyKey?: string;
  readonly city?: City;
}

export interface AccountRec {
  readonly id: string;
  readonly own: boolean;
  /** Listed in accounts.csv (own customers and known billers). */
  readonly listed: boolean;
  readonly party?: PartyRec;
  readonly type?: AccountType;
  readonly openedAt?: number;
  readonly institution: Institution;
  readonly country: string;
  /** Name shown on transfers. */
  readonly name: string;
  readonly city?: City;
}

export interface TxRec {
  readonly ts: number;
  readonly amount: number;
  readonly kind: TransactionKind;
  readonly channel?: Channel;
  readonly from?: AccountRec;
  readonly to?: AccountRec;
  readonly fromName?: string;
  readonly toName?: string;
  readonly conductor?: PartyRec;
  readonly location?: string;
  readonly locationCountry?: string;
  readonly reference?: string;
  readonly seq: number;
}

export type LabelValue = 0 | 1;
export interface LabelRec {
  readonly label: LabelValue;
  readonly typology: string;
  readonly role: string;
  readonly caseId: string;
}

/** Roles that are case-related but not network-controlled (label 0), reported separately. */
export const ADJACENT_ROLES: ReadonlySet<string> = new Set(['victim_family', 'client']);

export interface WorldOptions {
  readonly seed: number;
  readonly jurisdiction: string;
  /** Local start date YYYY-MM-DD. */
  readonly start: string;
  readonly days: number;
}

export interface TxExtra {
  readonly fromName?: string;
  readonly toName?: string;
  readonly reference?: string;
  readonly conductor?: PartyRec;
  readonly location?: string;
}

export class World {
  readonly rng: Rng;
  readonly locale: Locale;
  /** Epoch ms of local midnight on the start date. */
  readonly start: number;
  readonly end: number;
  readonly days: number;
  readonly parties: PartyRec[] = [];
  readonly accounts: AccountRec[] = [];
  readonly txs: TxRec[] = [];
  readonly labels = new Map<string, LabelRec>();
  /** Transactions dropped because an own account was not open yet. */
  beforeOpening = 0;
  readonly beforeOpeningSamples = new Map<string, number>();
  private readonly usedIds = new Set<string>();
  private seq = 0;
  private readonly idRng: Rng;
  private readonly nameRng: Rng;
  private otherBankPool: AccountRec[] = [];
  readonly cityByCode = new Map<string, City>();
  private readonly caseCounter = new Map<string, number>();

  constructor(readonly options: WorldOptions) {
    const locale = LOCALES[options.jurisdiction];
    if (locale === undefined) throw new Error(`no scenario locale for ${options.jurisdiction}; choose one of ${Object.keys(LOCALES).join(', ')}`);
    this.locale = locale;
    this.rng = new Rng(options.seed);
    this.idRng = this.rng.fork('ids');
    this.nameRng = this.rng.fork('names');
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.start);
    if (m === null) throw new Error(`--start must be YYYY-MM-DD, got ${options.start}`);
    this.start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - locale.offsetMinutes * 60_000;
    this.days = options.days;
    this.end = this.start + options.days * DAY;
    for (const c of locale.cities) this.cityByCode.set(c.code, c);
  }

  // ───────────── money ─────────────

  /** Major units → integer minor units of the local currency. */
  money(major: number): number {
    return Math.max(1, Math.round(major * 10 ** this.locale.exponent));
  }

  /** An amount reported in MYR, in local major units. */
  fromMyr(myr: number): number {
    return myr * this.locale.perMyr;
  }

  /** A foreign amount converted to local major units at an approximate rate with a spread. */
  fromForeign(amount: number, currency: string, spread = 0.01): number {
    const rate = currencyMyr(currency) / this.locale.perMyr;
    return amount * rate * (1 + spread);
  }

  /** Local major units → foreign currency (for references such as "BDT 20000"). */
  toForeign(local: number, currency: string): number {
    return (local * this.locale.perMyr) / currencyMyr(currency);
  }

  /** Rounds major units to a step (≥ one minor unit). */
  round(major: number, step: number): number {
    return Math.max(step, Math.round(major / step) * step);
  }

  /** Formats integer minor units as a decimal string. */
  format(minor: number): string {
    const e = this.locale.exponent;
    if (e === 0) return String(minor);
    const s = String(minor).padStart(e + 1, '0');
    return `${s.slice(0, s.length - e)}.${s.slice(s.length - e)}`;
  }

  // ───────────── time ─────────────

  /** Epoch ms of local wall time `hour:minute:second` on day `day` (0 = start date). */
  at(day: number, hour: number, minute = 0, second = 0): number {
    return this.start + day * DAY + ((hour * 60 + minute) * 60 + second) * 1000;
  }

  /** Local day index of an instant. */
  dayOf(ts: number): number {
    return Math.floor((ts - this.start) / DAY);
  }

  /** 0 = Sunday … 6 = Saturday, local. */
  weekday(day: number): number {
    const ms = this.start + this.locale.offsetMinutes * 60_000 + day * DAY;
    return new Date(ms).getUTCDay();
  }

  /** Local calendar date of a day index, YYYY-MM-DD. */
  date(day: number): string {
    return new Date(this.start + this.locale.offsetMinutes * 60_000 + day * DAY).toISOString().slice(0, 10);
  }

  /** Local day-of-month and month index of a day. */
  calendar(day: number): { year: number; month: number; dom: number; daysInMonth: number } {
    const d = new Date(this.start + this.locale.offsetMinutes * 60_000 + day * DAY);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth();
    return { year, month, dom: d.getUTCDate(), daysInMonth: new Date(Date.UTC(year, month + 1, 0)).getUTCDate() };
  }

  /** Whether `day` is a weekend day in the state of `city`. */
  isWeekend(day: number, city?: City): boolean {
    const wd = this.weekday(day);
    const rule = city === undefined ? undefined : this.locale.friSatWeekend[city.state];
    const friSat = rule !== undefined && (rule === null || this.date(day) < rule);
    return friSat ? wd === 5 || wd === 6 : wd === 0 || wd === 6;
  }

  /** The same or the previous business day. */
  prevBusinessDay(day: number, city?: City): number {
    let d = day;
    while (this.isWeekend(d, city)) d--;
    return d;
  }

  /** The same or the next business day. */
  nextBusinessDay(day: number, city?: City): number {
    let d = day;
    while (this.isWeekend(d, city)) d++;
    return d;
  }

  /** Day indices of each month start (day-of-month 1) overlapping the window, from one month before. */
  monthStarts(): number[] {
    const out: number[] = [];
    let d = -31;
    while (d < this.days + 31) {
      if (this.calendar(d).dom === 1) out.push(d);
      d++;
    }
    return out;
  }

  /** A random instant on `day` for the given channel's opening hours. */
  timeOn(day: number, rng: Rng, profile: 'branch' | 'atm' | 'cdm' | 'online' | 'batch' | 'night' | 'business' | 'any', city?: City): number {
    let h: number;
    switch (profile) {
      case 'branch': h = rng.float(9.25, 16.25); break;
      case 'business': h = rng.float(8.5, 18); break;
      case 'batch': h = rng.float(0.5, 7.5); break;
      case 'night': h = rng.float(0, 5.5); break;
      case 'atm': h = rng.weighted([[rng.float(7, 12), 3], [rng.float(12, 18), 4], [rng.float(18, 23.9), 4], [rng.float(0, 7), 0.6]] as const); break;
      case 'cdm': h = rng.weighted([[rng.float(8, 12), 2], [rng.float(12, 18), 3], [rng.float(18, 23.9), 4], [rng.float(0, 8), 0.8]] as const); break;
      case 'online': h = rng.weighted([[rng.float(6, 9), 2], [rng.float(9, 18), 4], [rng.float(18, 23.9), 5], [rng.float(0, 6), 0.7]] as const); break;
      default: h = rng.float(0, 23.99);
    }
    void city;
    const sec = Math.floor(h * 3600);
    return this.at(day, 0, 0, sec);
  }

  // ───────────── locations ─────────────

  branch(city: City): string { return `${this.locale.ourBank.bic.slice(0, 4)}-${city.code}-B01`; }
  atm(city: City, rng: Rng): string { return `${this.locale.ourBank.bic.slice(0, 4)}-${city.code}-A0${rng.int(1, 4)}`; }
  cdm(city: City, rng: Rng): string { return `${this.locale.ourBank.bic.slice(0, 4)}-${city.code}-C0${rng.int(1, 3)}`; }
  agent(city: City, rng: Rng): string { return `AGT-${city.code}-${String(rng.int(1, 40)).padStart(3, '0')}`; }

  /** A city by weight (locals) or migrant weight. */
  pickCity(rng: Rng, migrant = false, filter?: (c: City) => boolean): City {
    const cities = this.locale.cities.filter((c) => filter === undefined || filter(c));
    return rng.weighted(cities.map((c) => [c, migrant ? c.migrantWeight : c.weight] as const));
  }

  hotspots(): City[] {
    return this.locale.cities.filter((c) => c.hotspot === true);
  }

  // ───────────── parties and accounts ─────────────

  private uniqueId(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  newParty(spec: {
    name: string; country: string; city?: City; phone?: string | null; address?: string | null; document?: string | null;
    occupation?: string | null; income?: number | null; people?: People; familyKey?: string;
  }): PartyRec {
    const id = this.uniqueId(() => `P${this.idRng.digits(7)}`);
    const p: PartyRec = { id, name: spec.name, country: spec.country };
    const mut = p as { -readonly [K in keyof PartyRec]: PartyRec[K] };
    if (spec.city !== undefined) mut.city = spec.city;
    if (spec.people !== undefined) mut.people = spec.people;
    if (spec.familyKey !== undefined) mut.familyKey = spec.familyKey;
    if (spec.phone !== null && spec.phone !== undefined) p.phone = spec.phone;
    if (spec.address !== null && spec.address !== undefined) p.address = spec.address;
    if (spec.document !== null && spec.document !== undefined) p.document = spec.document;
    if (spec.occupation !== null && spec.occupation !== undefined) p.occupation = spec.occupation;
    if (spec.income !== null && spec.income !== undefined) p.income = spec.income;
    this.parties.push(p);
    return p;
  }

  /** A person as the bank's KYC records them (name, phone, address, document by nationality). */
  newPerson(rng: Rng, spec: {
    people: People; gender?: Gender; familyKey?: string; name?: string; city: City; address?: string; phone?: string;
    occupation?: string; income?: number | null; age?: number; refugee?: boolean; nationality?: string;
  }): PartyRec {
    const gender = spec.gender ?? (rng.chance(0.55) ? 'm' : 'f');
    const pn = spec.name === undefined ? personName(this.nameRng, spec.people, gender, spec.familyKey) : undefined;
    const nationality = spec.nationality ?? (this.isLocalPeople(spec.people) ? this.locale.code : PEOPLE_COUNTRY[spec.people]);
    const age = spec.age ?? rng.int(20, 60);
    const birthYear = Number(this.date(0).slice(0, 4)) - age;
    const resident = nationality === this.locale.code;
    const phone = spec.phone ?? (rng.chance(0.96) ? phoneNumber(rng, this.locale.code) : undefined);
    return this.newParty({
      name: spec.name ?? (pn as { full: string }).full,
      country: nationality,
      city: spec.city,
      people: spec.people,
      familyKey: pn?.familyKey ?? spec.familyKey ?? '',
      phone: phone ?? null,
      address: spec.address ?? (rng.chance(0.97) ? this.locale.street(<T>(xs: readonly T[]) => rng.pick(xs), (a, b) => rng.int(a, b), spec.city) : null),
      document: documentNumber(rng, nationality, this.locale.code, birthYear, spec.refugee === true && !resident),
      occupation: spec.occupation ?? null,
      income: spec.income ?? null,
    });
  }

  isLocalPeople(p: People): boolean {
    return this.locale.locals.some(([x]) => x === p);
  }

  /** An account at the reporting bank. */
  newOwnAccount(party: PartyRec, type: AccountType, openedAt: number, city?: City, displayName?: string): AccountRec {
    const id = this.uniqueId(() => `${this.locale.code}${this.idRng.digits(7)}`);
    const acc: AccountRec = {
      id, own: true, listed: true, party, type, openedAt, institution: this.locale.ourBank, country: this.locale.code,
      name: displayName ?? party.name, ...(city === undefined ? {} : { city }),
    };
    this.accounts.push(acc);
    return acc;
  }

  /** A counterparty account at another institution (domestic or foreign). */
  externalAccount(spec: { country: string; name: string; institution?: Institution; listedParty?: PartyRec; type?: AccountType; walletPhone?: string }): AccountRec {
    const fc = foreign(spec.country);
    const institution = spec.institution
      ?? (spec.country === this.locale.code ? this.idRng.pick(this.locale.domesticBanks) : this.idRng.pick(fc.institutions));
    const id = this.uniqueId(() => (institution.wallet === true
      ? (spec.walletPhone ?? `0${this.idRng.digits(institution.digits - 1)}`)
      : `${this.idRng.int(1, 9)}${this.idRng.digits(institution.digits - 1)}`));
    const listed = spec.listedParty !== undefined;
    const acc: AccountRec = {
      id, own: false, listed, institution, country: spec.country, name: spec.name,
      ...(spec.listedParty === undefined ? {} : { party: spec.listedParty }),
      ...(spec.type === undefined ? {} : { type: spec.type }),
    };
    this.accounts.push(acc);
    return acc;
  }

  /** An individual at another domestic bank (a pool reused for everyday P2P counterparties). */
  otherBankPerson(rng: Rng): AccountRec {
    if (this.otherBankPool.length < 40 || rng.chance(0.25)) {
      const people = rng.weighted(this.locale.locals);
      const acc = this.externalAccount({ country: this.locale.code, name: personName(this.nameRng, people, rng.chance(0.5) ? 'm' : 'f').full });
      this.otherBankPool.push(acc);
      this.label(acc, 0, 'background', 'counterparty', '');
      return acc;
    }
    return rng.pick(this.otherBankPool);
  }

  /**
   * The name as it arrives with a transfer: own customers as on file; other banks' names often
   * upper-cased; cross-border messages upper-cased, cut to 35 characters, sometimes missing.
   */
  renderName(acc: AccountRec): string {
    if (acc.own || acc.listed) return acc.name;
    const r = this.nameRng.next();
    if (acc.country !== this.locale.code) {
      if (r < 0.05) return '';
      return (r < 0.6 ? acc.name.toUpperCase() : acc.name).slice(0, 35);
    }
    return r < 0.4 ? acc.name.toUpperCase() : acc.name;
  }

  /** A one-off counterparty name rendering: interbank systems often upper-case and truncate. */
  displayName(name: string, rng: Rng): string {
    let n = name;
    if (rng.chance(0.4)) n = n.toUpperCase();
    if (n.length > 40) n = n.slice(0, 40);
    return n;
  }

  // ───────────── labels ─────────────

  /** Sets a label; network (1) beats case-adjacent beats a specific look-alike beats the generic migrant-worker look-alike beats background; ties keep the first. */
  label(acc: AccountRec, label: LabelValue, typology: string, role: string, caseId: string): void {
    const prev = this.labels.get(acc.id);
    const rank = (l: LabelRec): number => (l.label === 1 ? 3 : ADJACENT_ROLES.has(l.role) ? 2 : l.typology === 'background' ? 0 : l.typology === 'lookalike_migrant_worker' ? 0.5 : 1);
    const next: LabelRec = { label, typology, role, caseId };
    if (prev === undefined || rank(next) > rank(prev)) this.labels.set(acc.id, next);
  }

  /** A fresh case id like C03-RANSOM. */
  caseId(kind: string): string {
    const n = (this.caseCounter.get('all') ?? 0) + 1;
    this.caseCounter.set('all', n);
    return `C${String(n).padStart(3, '0')}-${kind.toUpperCase()}`;
  }

  // ───────────── transactions ─────────────

  /** Rewrites Malay reference words into the locale's language (references are written MY-first). */
  localize(reference: string): string {
    const dict = REFERENCE_WORDS[this.locale.code];
    if (dict === undefined || reference === '') return reference;
    return reference.split(' ').map((word) => dict[word.toLowerCase()] ?? dict[word] ?? word).join(' ');
  }

  private push(tx: Omit<TxRec, 'seq'>): boolean {
    if (!(tx.amount >= 1) || !Number.isSafeInteger(tx.amount)) throw new Error(`bad amount ${tx.amount}`);
    if (tx.reference !== undefined) (tx as { reference?: string }).reference = this.localize(tx.reference);
    if (tx.ts < this.start || tx.ts >= this.end) return false;
    for (const acc of [tx.from, tx.to]) {
      if (acc?.openedAt !== undefined && tx.ts < acc.openedAt) {
        this.beforeOpening++;
        if (process.env.SCENARIO_DEBUG !== undefined) {
          const where = (new Error().stack ?? '').split('\n').slice(3, 5).map((l) => l.trim()).join(' < ');
          this.beforeOpeningSamples.set(where, (this.beforeOpeningSamples.get(where) ?? 0) + 1);
        }
        return false;
      }
    }
    this.txs.push({ ...tx, seq: this.seq++ });
    return true;
  }

  /** A transfer of `amount` minor units. */
  transfer(from: AccountRec, to: AccountRec, amount: number, ts: number, channel: Channel, extra: TxExtra = {}): boolean {
    return this.push({
      ts, amount, kind: 'transfer', channel, from, to,
      fromName: extra.fromName ?? this.renderName(from), toName: extra.toName ?? this.renderName(to),
      ...(extra.reference === undefined || extra.reference === '' ? {} : { reference: extra.reference }),
      ...(extra.conductor === undefined ? {} : { conductor: extra.conductor }),
      ...(extra.location === undefined ? {} : { location: extra.location, locationCountry: this.locale.code }),
    });
  }

  /** A cash deposit into `to` at `location` (branch, CDM or agent). */
  deposit(to: AccountRec, amount: number, ts: number, channel: Channel, location: string, extra: TxExtra = {}): boolean {
    return this.push({
      ts, amount, kind: 'cash_deposit', channel, to, toName: to.name, location, locationCountry: this.locale.code,
      ...(extra.reference === undefined || extra.reference === '' ? {} : { reference: extra.reference }),
      ...(extra.conductor === undefined ? {} : { conductor: extra.conductor }),
    });
  }

  /** A cash withdrawal from `from` at `location`. */
  withdraw(from: AccountRec, amount: number, ts: number, channel: Channel, location: string, extra: TxExtra = {}): boolean {
    return this.push({
      ts, amount, kind: 'cash_withdrawal', channel, from, fromName: from.name, location, locationCountry: this.locale.code,
      ...(extra.reference === undefined || extra.reference === '' ? {} : { reference: extra.reference }),
      ...(extra.conductor === undefined ? {} : { conductor: extra.conductor }),
    });
  }
}

function currencyMyr(currency: string): number {
  if (currency === 'MYR') return 1;
  for (const fc of Object.values(FOREIGN_BY_CURRENCY())) if (fc.currency === currency) return fc.myr;
  const l = Object.values(LOCALES).find((x) => x.currency === currency);
  if (l !== undefined) return 1 / l.perMyr;
  throw new Error(`no rate for ${currency}`);
}

let byCurrency: Record<string, { currency: string; myr: number }> | undefined;
function FOREIGN_BY_CURRENCY(): Record<string, { currency: string; myr: number }> {
  if (byCurrency === undefined) {
    byCurrency = {};
    for (const code of ['BD', 'MM', 'NP', 'ID', 'IN', 'PK', 'TH', 'KH', 'LA', 'VN', 'PH', 'LK', 'AF', 'SA', 'AE', 'SG', 'AU']) {
      const f = foreign(code);
      byCurrency[f.currency] = { currency: f.currency, myr: f.myr };
    }
  }
  return byCurrency;
}

const EN: Record<string, string> = {
  makan: 'food', duit: 'money', belanja: 'spending', sewa: 'rent', hutang: 'debt', pinjam: 'borrow', bayar: 'pay', gaji: 'wages', GAJI: 'SALARY',
  upah: 'wages', barang: 'goods', minyak: 'fuel', tolong: 'please', adik: 'brother', untuk: 'for', mak: 'mum', abah: 'dad', ayah: 'dad', kopi: 'coffee',
  tiket: 'ticket', jalan: 'travel', orang: 'pax', bilik: 'room', kutu: 'pool', simpanan: 'savings', hantar: 'send', potongan: 'deduction', ansuran: 'instalment',
  derma: 'donation', sumbangan: 'donation', bulanan: 'monthly', rumah: 'house', dapur: 'kitchen', modal: 'capital', stok: 'stock', kedai: 'shop',
  'balik': 'back', giliran: 'turn', ni: '', bulan: 'month', BANTUAN: 'ASSISTANCE', TUNAI: 'CASH', CUKAI: 'RATES', TAKSIRAN: 'NOTICE', KERAJAAN: 'GOVT', PENCEN: 'PENSION',
  OKT: 'OCT', MAC: 'MAR', MEI: 'MAY', OGO: 'AUG', DIS: 'DEC', SEWA: 'RENT', KEDAI: 'SHOP',
};
const ID_WORDS: Record<string, string> = {
  duit: 'uang', hutang: 'utang', pinjam: 'pinjam', mak: 'ibu', abah: 'bapak', ayah: 'bapak', kutu: 'arisan', bilik: 'kamar', derma: 'donasi',
  sumbangan: 'sumbangan', BANTUAN: 'BANTUAN', TUNAI: 'TUNAI', CUKAI: 'PBB', TAKSIRAN: '', KERAJAAN: 'PNS', PENCEN: 'PENSIUN', GAJI: 'GAJI',
  OKT: 'OKT', MAC: 'MAR', OGO: 'AGU', DIS: 'DES', SEWA: 'SEWA', KEDAI: 'TOKO', kedai: 'toko', hantar: 'kirim', potongan: 'potongan', ansuran: 'cicilan', upah: 'upah',
};
const REFERENCE_WORDS: Record<string, Record<string, string>> = { AU: EN, TH: EN, ID: ID_WORDS };
