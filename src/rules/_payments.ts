/**
 * Shared helpers for the debt, wage, ransom, third-party and identity rules (internal; not
 * exported from the package): who paid, who is related, payment series, reference lexicons.
 */
import type { AccountType } from '../schema/reference-data.js';
import type { FamilyLink, PersonRef } from './identity/identity.js';
import type { EntityWindow, RuleContext, WindowEvent } from './types.js';
import { isCountryCode } from '../schema/countries.js';
import { nameKey } from './_names.js';
import { scanRecent, type ScanGuard } from './scan-guard.js';

export const HOUR_MS = 3_600_000;

/** Payroll references (EN, MS, ID, BN transliterated): salary, wage, gaji, upah, bonus, pencen. */
export const WAGE_REF = /\b(salary|salaries|wages?|gaji|gaj|upah|payroll|pay ?slip|bonus|elaun|allowance|pencen|pension|overtime|ot pay|beton|betan)\b/i;
/** Rent and housing references. */
export const RENT_REF = /\b(rent|rental|sewa|bilik|room|bed ?space|bed|house|rumah|kontrakan|kos|tenancy|lease|deposit rumah)\b/i;
/**
 * Whether half or more of some payments' references are addressed as rent or housing
 * ({@link RENT_REF}): a tenant's rent, the lawful reading the collector and wage rules discount.
 * False for no references at all.
 * @example addressedAsRent(['sewa bilik', 'sewa bilik', '']) // true
 */
export function addressedAsRent(refs: readonly string[]): boolean {
  let rent = 0;
  for (const r of refs) if (RENT_REF.test(r)) rent++;
  return refs.length > 0 && rent * 2 >= refs.length;
}
/** Debt references (EN, MS, ID, BN): words a debt instalment is paid under. */
export const DEBT_REF = /\b(hutang|utang|loan|debt|installment|instalment|ansuran|cicilan|kisti|kist|qarz|karz|rin|dhar|pinjam|pinjaman|bayar balik|repay|repayment|baki)\b/i;
/**
 * Kinship and household words in references ("for amma", "ibu", "belanja rumah", "duit dapur"):
 * the payee is addressed as a relative or paid housekeeping money. Generic words ("family", "gift", "personal") are not here: they are also cover words
 * on payments to non-relatives (MS-MEMO-01).
 */
export const KIN_REF = /\b(belanja rumah|duit dapur|dapur|household|nafkah|rumah tangga|abba|abbu|abbaji|amma|ammu|ammi|ammijan|ibu|emak|mak|ayah|bapak|abah|mother|father|mum|mom|dad|papa|mama|parents|wife|isteri|bou|husband|suami|anak|son|daughter|bhai|bhaiya|didi|dada|nani|nana|dadi|aama|buwa|ba)\b/i;
/**
 * Upkeep words in references ("for home", "family support", "support"): money sent for a
 * household's keep, the wording of family remittances (RESEARCH §c.5), never of the instalments
 * a debt collector's payers send (issue 14, measured on the scenario bank's tuning seeds: none of
 * 1,717 payer-to-collector transfers; 24 % of the transfers home of migrant workers, tenants and family remitters). Read
 * with {@link KIN_REF} by the debt rules' kinship-reference discount ({@link addressedAsKin}).
 */
export const UPKEEP_REF = /\b(home|family support|support)\b/i;
/**
 * Whether a reference addresses the payee as a relative or pays a household's keep
 * ({@link KIN_REF} or {@link UPKEEP_REF}): the lawful reading of a regular series the debt rules
 * discount when a third or more of its references say so.
 * @example addressedAsKin('for home') // true
 */
export function addressedAsKin(ref: string): boolean {
  return KIN_REF.test(ref) || UPKEEP_REF.test(ref);
}
/**
 * Names of recruitment agencies and labour suppliers ("… Manpower Co., Ltd.", "… Recruitment
 * Agency Sdn Bhd", "… Labour Supply Pty Ltd", "agensi pekerjaan", "tenaga kerja"): the payee
 * MS-DEBT-01 names beside the smuggler — a recruitment fee financed by debt and repaid from
 * earnings after arrival (RESEARCH §a.2, S26). A worker's own instalments to one are the
 * indicator's subject, not a lawful payment to a company.
 */
export const RECRUITER_NAME = /\b(manpower|recruitment|recruiting|recruiters?|labou?r supply|labou?r suppliers?|labou?r hire|agensi pekerjaan|employment agency|tenaga kerja)\b/i;
/** Names of companies (used where accounts.csv does not say the payer is a business). */
/** Names of lenders, insurers and billers: loan instalments and bills look like debt series but are lawful. */
export const LENDER_NAME = /(bank|banking|finance|financing|financial|kredit|credit|leasing|hire purchase|mortgage|loan|loans|pinjaman|insurance|assurance|takaful|koperasi|cooperative|telekom|telecom|tenaga|energy|electric|electricity|utilities|water)\b/i;
/** Trade references: invoices, progress payments, purchase orders, quotations — commerce, not ransom or fees. */
export const TRADE_REF = /\b(inv|invoice|invois|progress payment|progress claim|purchase order|po no|quotation|quote|sebut harga|receipt|resit)\b/i;
/**
 * Purchase references: a customer paying a trader names the goods or the trade ("goods", "stock",
 * "supplier", "order", a purchase-order number "PO 3153"); a relative paying a ransom does not.
 */
export const PURCHASE_REF = /\b(goods|stock|stocks|supplier|supplies|order|purchase|purchases|merchandise|wholesale|barang niaga|stok|po ?#? ?\d+)\b/i;
/** Bill, insurance and institutional-loan references. */
export const BILL_REF = /\b(bill|bil|invoice|inv|utility|utilities|electric|electricity|water|internet|broadband|postpaid|premium|policy|insurans|insurance|takaful|mortgage|housing loan|hire purchase)\b/i;
export const COMPANY_NAME = /\b(sdn|bhd|berhad|ltd|limited|llc|plc|inc|corp|corporation|company|co|enterprise|enterprises|trading|services|holdings|industries|pt|tbk|pvt|construction|manpower|plantation|plantations|resources|group|restaurant|restoran|kilang|factory|agency|bank|insurance|takaful|koperasi|logistics|supplies|supply|engineering|builders|hardware|motor|motors|global|industrial|solutions|systems|technology|tech|food|foods|ventures|marketing|management|consultancy|consultants|properties|realty|development|medical|clinic|pharmacy|printing|electrical|furniture|textile|garments|agro|travel|tours|transport|shipping|mart|store|stores|shop|kedai)\b/i;

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Coefficient of variation (population standard deviation over the mean); 0 for an empty or zero-mean list. */
export function cv(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  if (mean === 0) return 0;
  let sq = 0;
  for (const x of xs) sq += (x - mean) ** 2;
  return Math.sqrt(sq / xs.length) / mean;
}

export function accountType(context: RuleContext, account: string | undefined): AccountType | undefined {
  return account === undefined ? undefined : context.accounts.get(account)?.type;
}

/** The entity's own country on this event: the transaction's, else accounts.csv's. */
export function ownCountryOf(window: EntityWindow, e: WindowEvent): string | undefined {
  return e.ownCountry ?? window.account?.country;
}

/** The entity's home country on this event: its own country, else — for a customer account — the jurisdiction's. */
export function homeCountry(window: EntityWindow, e: WindowEvent, context: RuleContext): string | undefined {
  const own = ownCountryOf(window, e);
  if (own !== undefined) return own;
  return window.account !== undefined && isCountryCode(context.jurisdiction.code) ? context.jurisdiction.code : undefined;
}

/** The counterparty's country: the transaction's, else accounts.csv's. */
export function counterpartyCountryOf(e: WindowEvent, context: RuleContext): string | undefined {
  return e.counterpartyCountry ?? (e.counterparty === undefined ? undefined : context.accounts.get(e.counterparty)?.country);
}

/** The entity (account holder) as a person. */
export function ownRef(window: EntityWindow, e: WindowEvent): PersonRef {
  return {
    account: window.kind === 'account' ? window.id : undefined,
    party: window.kind === 'party' ? window.id : window.account?.party,
    name: window.party?.name ?? (e.direction === 'out' ? e.tx.fromName : e.tx.toName),
    country: window.party?.country ?? ownCountryOf(window, e),
  };
}

/** A payer into the entity: whose money it is, as far as the event shows. */
export interface Payer extends PersonRef {
  /** Stable key for counting distinct payers. */
  readonly key: string;
}

/**
 * The payer of an inflow: the sending account of a transfer; the conductor (or the depositor's
 * name) of a cash deposit made by someone other than the holder; with `anonymous`, a deposit whose
 * reference quotes a phone number other than the holder's. `undefined` for the holder's own cash
 * and for cash of unknown origin.
 */
export function payerOf(window: EntityWindow, e: WindowEvent, context: RuleContext, anonymous = true): Payer | undefined {
  // The engine's events memoise the answer (see EngineEvent.payer); other WindowEvents are resolved each time.
  const memo = e as WindowEvent & { payer?: unknown };
  const cached = memo.payer;
  if (cached instanceof PayerReadings) {
    const r = anonymous ? cached.anonymous : cached.strict;
    if (r !== undefined) return r ?? undefined;
  } else if (cached !== undefined) return (cached as Payer | null) ?? undefined;
  const payer = resolvePayer(window, e, context, anonymous);
  if ('payer' in memo) {
    // Only a deposit with neither conductor nor depositor's name depends on `anonymous`: its two readings are kept apart; any other answer is both, one value.
    if (e.kind !== 'cash_deposit' || e.conductor !== undefined || nameKey(e.counterpartyName) !== undefined) memo.payer = payer ?? null;
    else {
      const readings = cached instanceof PayerReadings ? cached : (memo.payer = new PayerReadings());
      if (anonymous) readings.anonymous = payer ?? null;
      else readings.strict = payer ?? null;
    }
  }
  return payer;
}

/** The two payer readings of an anonymous deposit (null: no payer; undefined: not asked yet). */
class PayerReadings {
  anonymous: Payer | null | undefined = undefined;
  strict: Payer | null | undefined = undefined;
}

function resolvePayer(window: EntityWindow, e: WindowEvent, context: RuleContext, anonymous: boolean): Payer | undefined {
  if (e.direction !== 'in') return undefined;
  if (e.kind === 'transfer') {
    const name = e.counterpartyName;
    const key = e.counterparty ?? (nameKey(name) === undefined ? undefined : `name:${nameKey(name)}`);
    if (key === undefined) return undefined;
    return { key, account: e.counterparty, name, country: counterpartyCountryOf(e, context) };
  }
  if (e.kind !== 'cash_deposit') return undefined;
  const holder = window.account?.party;
  if (e.conductor !== undefined) {
    if (e.conductor === holder) return undefined;
    const party = context.parties.get(e.conductor);
    return { key: `party:${e.conductor}`, party: e.conductor, name: party?.name ?? e.counterpartyName, country: party?.country };
  }
  const named = nameKey(e.counterpartyName);
  if (named !== undefined) return { key: `name:${named}`, name: e.counterpartyName };
  if (!anonymous) return undefined;
  // A machine deposit with no depositor is indistinguishable from the holder's own cash, unless
  // its reference carries someone else's phone number (families quote theirs as a reference).
  const own = window.party?.phone?.replace(/\D+/g, '').slice(-9);
  const phone = phonesIn(e.tx.reference).find((p) => p !== own);
  return phone === undefined ? undefined : { key: `anon:${phone}` };
}

/** Whether a family link means "the same family" for excluding a counterparty (common names excluded). */
export function isFamily(link: FamilyLink | undefined): boolean {
  return link === 'same_party' || link === 'household' || link === 'family_name';
}

/** A payroll-like credit: from a business or government account, a company name, or a salary reference. */
export function isWageLike(e: WindowEvent, context: RuleContext): boolean {
  if (e.direction !== 'in' || e.kind !== 'transfer') return false;
  const type = accountType(context, e.counterparty);
  if (type === 'business' || type === 'government') return true;
  if (type === 'msb' || type === 'ngo') return false;
  return WAGE_REF.test(e.tx.reference ?? '') || (type === undefined && COMPANY_NAME.test(e.counterpartyName ?? ''));
}

/** A payer that is an organisation rather than a person (business, msb, government, or a company name). */
export function isOrganisation(p: Payer, context: RuleContext): boolean {
  const type = accountType(context, p.account);
  if (type !== undefined) return type !== 'personal';
  return COMPANY_NAME.test(p.name ?? '');
}

/**
 * Strength factor and reason code for the entity's own account type (licensed and institutional
 * holders discount). `business` is the factor for business accounts, whose weight varies by rule
 * (a business banking its takings is a stronger look-alike for some patterns than for others).
 */
export function holderDiscount(
  type: AccountType | undefined,
  business: { factor: number; why: string } = { factor: 0.5, why: 'business_account' },
): { factor: number; why: string | undefined } {
  switch (type) {
    case 'msb': return { factor: 0.25, why: 'licensed_remitter' };
    case 'government': return { factor: 0.2, why: 'government_account' };
    case 'ngo': return { factor: 0.35, why: 'registered_ngo' };
    case 'business': return business;
    default: return { factor: 1, why: undefined };
  }
}

/** Amount of an event in a currency: the original amount if it was in that currency, else converted exactly. */
export function amountIn(e: WindowEvent, currency: string, context: RuleContext): number | undefined {
  if (e.tx.currency === currency) return e.tx.amount;
  if (context.jurisdiction.currency === currency) return e.amount;
  return context.convert(e.amount, context.jurisdiction.currency, currency, e.ts);
}

/** Union-find over small sets of string ids. */
export function unionFind(): { find(x: string): string; union(a: string, b: string): void } {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) as string;
    let c = x;
    while (c !== r) {
      const n = parent.get(c) as string;
      parent.set(c, r);
      c = n;
    }
    return r;
  };
  return {
    find,
    union(a, b) {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
    },
  };
}

/**
 * Groups payers into family clusters by shared family keys (household from parties.csv, family
 * name, patronym, and `extraKeys` such as a phone number written in a cash deposit's reference).
 * Common family names join only when `common` is true. Returns payer key → cluster id, and per
 * payer the strongest link by which it joined another payer.
 */
export function familyClusters(
  payers: readonly Payer[],
  context: RuleContext,
  common: boolean,
  extraKeys: ReadonlyMap<string, readonly string[]> = new Map(),
): { clusterOf(key: string): string; evidence(key: string): 'household' | 'name' | 'common' | 'none' } {
  const uf = unionFind();
  const owner = new Map<string, string>();
  const strength = new Map<string, 'household' | 'name' | 'common'>();
  const rank = { household: 3, name: 2, common: 1 } as const;
  const note = (payer: string, s: 'household' | 'name' | 'common') => {
    const prev = strength.get(payer);
    if (prev === undefined || rank[s] > rank[prev]) strength.set(payer, s);
  };
  const link = (payer: string, key: string, s: 'household' | 'name' | 'common'): void => {
    if (s === 'common' && !common) return;
    const o = owner.get(key);
    if (o === undefined) owner.set(key, payer);
    else if (uf.find(o) !== uf.find(payer)) {
      uf.union(o, payer);
      note(o, s);
      note(payer, s);
    }
  };
  for (const p of payers) {
    for (const k of context.identity.familyKeys(p)) link(p.key, k.key, k.strength);
    for (const key of extraKeys.get(p.key) ?? []) link(p.key, key, 'household');
  }
  return { clusterOf: (key) => uf.find(key), evidence: (key) => strength.get(key) ?? 'none' };
}

/** Phone numbers written in a free text (last 9 digits), e.g. a depositor's number as a CDM reference. */
export function phonesIn(text: string | undefined): string[] {
  if (text === undefined) return [];
  const out: string[] = [];
  for (const m of text.matchAll(/\+?\d[\d\s-]{6,}\d/g)) {
    const d = m[0].replace(/\D+/g, '');
    if (d.length >= 8) out.push(d.slice(-9));
  }
  return out;
}

/** Payers into the window since `from` (inflows only), grouped by payer, that pass `keep`; reads at most the guard's limit of events. */
export function inflowsByPayer(
  window: EntityWindow,
  context: RuleContext,
  from: number,
  guard: ScanGuard,
  keep: (p: Payer) => boolean,
): Map<string, { payer: Payer; events: WindowEvent[] }> {
  type Group = { payer: Payer; events: WindowEvent[] };
  const out = new Map<string, Group>();
  // Payers repeat: resolve each raw sender once per evaluation (anonymous cash is resolved per deposit).
  const byRaw = new Map<string, Group | null>();
  scanRecent(window, from, guard, (e) => {
    if (e.direction !== 'in') return;
    const raw = e.kind === 'transfer' ? e.counterparty ?? (e.counterpartyName === undefined ? undefined : `n|${e.counterpartyName}`)
      : e.conductor !== undefined ? `c|${e.conductor}` : e.counterpartyName === undefined ? undefined : `n|${e.counterpartyName}`;
    let g = raw === undefined ? undefined : byRaw.get(raw);
    if (g === undefined) {
      const p = payerOf(window, e, context);
      g = p === undefined ? null : out.get(p.key) ?? (keep(p) ? { payer: p, events: [] } : null);
      if (p !== undefined && g !== null) out.set(p.key, g);
      if (raw !== undefined) byRaw.set(raw, g);
    }
    if (g !== null) g.events.push(e);
  });
  for (const g of out.values()) g.events.reverse();
  return out;
}

/** Extra family keys of cash depositors: parties (households) and raw numbers of phones written in deposit references. */
export function phoneKeys(groups: Iterable<{ payer: Payer; events: readonly WindowEvent[] }>, context: RuleContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const g of groups) {
    let keys: Set<string> | undefined; // most payers pay by transfer: no set for them
    for (const e of g.events) {
      if (e.kind !== 'cash_deposit') continue;
      for (const phone of phonesIn(e.tx.reference)) {
        keys ??= new Set<string>();
        keys.add(`tel:${phone}`);
        for (const party of context.identity.partiesByPhone(phone)) {
          for (const k of context.identity.familyKeys({ party })) if (k.strength === 'household') keys.add(k.key);
        }
      }
    }
    if (keys !== undefined) out.set(g.payer.key, [...keys].sort());
  }
  return out;
}

/** Whether any of these payers paid the window between `from` and `to` (exclusive): an established relationship (reads at most the guard's limit of events). */
export function paidBefore(window: EntityWindow, context: RuleContext, keys: ReadonlySet<string>, from: number, to: number, guard: ScanGuard): boolean {
  let found = false;
  scanRecent(window, from, guard, (e) => {
    if (e.ts >= to || e.direction !== 'in') return;
    const p = payerOf(window, e, context);
    if (p !== undefined && keys.has(p.key)) {
      found = true;
      return false;
    }
  });
  return found;
}

/**
 * Whether the window's holder sent `min` or more transfers to these accounts between `from` and
 * `to` (exclusive): money the holder put in that a sum from them pays back — a rotating savings
 * group's pot returned to a member, a loan repaid — rather than a relative's ransom (reads at most
 * the guard's limit of events).
 * @example const potBack = paidTo(window, new Set(['ORGANISER']), from, last.ts, 2, guard);
 */
export function paidTo(window: EntityWindow, accounts: ReadonlySet<string>, from: number, to: number, min: number, guard: ScanGuard): boolean {
  let n = 0;
  scanRecent(window, from, guard, (e) => {
    if (e.ts >= to || e.direction !== 'out' || e.kind !== 'transfer' || e.counterparty === undefined || !accounts.has(e.counterparty)) return;
    n++;
    if (n >= min) return false;
  });
  return n >= min;
}

/**
 * Whether a payer could have relatives among other payers at all: a family name or patronym, a
 * shared phone, address or document in parties.csv, or a phone quoted in a deposit reference that
 * belongs to a known party. Cheap gate before clustering on busy accounts.
 */
export function mayHaveRelatives(p: Payer, context: RuleContext): boolean {
  if (context.identity.familyKeys(p).some((k) => k.strength !== 'household')) return true;
  const party = p.party ?? (p.account === undefined ? undefined : context.identity.partyOf(p.account)?.party);
  if (party !== undefined && context.identity.linkedParties(party).length > 0) return true;
  return p.key.startsWith('anon:') && context.identity.partiesByPhone(p.key.slice(5)).length > 0;
}

