import { jurisdiction as shippedJurisdiction } from '../jurisdictions/index.js';
import { currencyExponent } from '../schema/currencies.js';
import type { Account, Party } from '../schema/reference-data.js';
import type { Alert } from '../scoring/alert.js';
import { isoWeek } from './iso-week.js';
import { NORMALISATION_VERSION, normaliseAccount, normaliseDocument, normaliseName, normalisePhone } from './normalise.js';
import type { ShareKey } from './share-key.js';
import { SHARED_ALERT_SCHEMA_ID, type SharedAlert, type SharedAlertPackage, type SharedEntity, type SharedIdentifier } from './shared-alert.js';
import { compareText as cmp } from '../_internal/compare-text.js';

/** Options of {@link shareAlerts}. @category Sharing */
export interface ShareAlertsOptions {
  /** accounts.csv: an account's holder party, a party's accounts. */
  readonly accounts?: Iterable<Account>;
  /** parties.csv: the documents, phones and names hashed for each party. */
  readonly parties?: Iterable<Party>;
  /** How the sharing institution or FIU names itself in the package. */
  readonly institution?: string;
  /** The jurisdiction recorded when the alerts name none (an empty list). */
  readonly jurisdiction?: string;
}

/** The power-of-ten range (major units) holding a minor-unit amount. */
function decade(minor: number, exponent: number): { min: number; max: number } {
  const major = Math.floor(minor / 10 ** exponent);
  if (major < 1) return { min: 0, max: 1 };
  const d = String(major).length - 1;
  return { min: 10 ** d, max: 10 ** (d + 1) };
}

/**
 * Pseudonymises alerts into a `tidewatch/shared-alert@1` package for another institution or FIU.
 * Account numbers, document numbers, phones and names (from the reference data) are normalised
 * (see `normaliseAccount` and the others) and replaced by HMAC-SHA-256 under the shared key, with
 * the kind as a domain prefix (`phone:60175442897`); the alert keeps its typologies, rule and
 * indicator ids, score and band, the power-of-ten range of its largest evidence total, its first
 * and last ISO week, and the hashed entities its hits link to (network alerts: their members).
 * Reasons, facts, transaction ids, memos, exact amounts and dates are left out, so no plaintext
 * identifier, name, memo or exact amount reaches the package. Deterministic for a key.
 *
 * Party ids are the bank's own; they are hashed as opaque references that link nothing across
 * packages. Names are weak identifiers: they corroborate a match, they never make one.
 *
 * @param alerts alerts of `scan` (or `tidewatch scan` JSON)
 * @param key the shared key ({@link createShareKey})
 * @param options reference data and the institution's name
 * @returns the package
 * @category Sharing
 * @example
 * const key = await createShareKey(parseShareKey(keyText));
 * const pkg = await shareAlerts(alerts, key, { accounts, parties, institution: 'FIU-MY' });
 */
export async function shareAlerts(alerts: readonly Alert[], key: ShareKey, options: ShareAlertsOptions = {}): Promise<SharedAlertPackage> {
  const accounts = new Map<string, Account>();
  const accountsOfParty = new Map<string, string[]>();
  for (const a of options.accounts ?? []) {
    accounts.set(a.account, a);
    if (a.party !== undefined) accountsOfParty.set(a.party, [...(accountsOfParty.get(a.party) ?? []), a.account]);
  }
  const parties = new Map<string, Party>();
  for (const p of options.parties ?? []) parties.set(p.party, p);

  const memo = new Map<string, Promise<string>>();
  const hash = (text: string): Promise<string> => {
    let h = memo.get(text);
    if (h === undefined) memo.set(text, (h = key.hash(text)));
    return h;
  };

  const partyIdentifiers = (party: Party | undefined): [SharedIdentifier['kind'], string][] => {
    if (party === undefined) return [];
    const out: [SharedIdentifier['kind'], string][] = [];
    const doc = party.document === undefined ? '' : normaliseDocument(party.document);
    if (doc !== '') out.push(['document', doc]);
    const phone = party.phone === undefined ? undefined : normalisePhone(party.phone, party.country);
    if (phone !== undefined) out.push(['phone', phone]);
    const name = party.name === undefined ? undefined : normaliseName(party.name);
    if (name !== undefined) out.push(['name', name]);
    return out;
  };

  const identifiersOf = async (kind: 'account' | 'party', id: string): Promise<SharedIdentifier[]> => {
    const raw: [SharedIdentifier['kind'], string][] = [];
    if (kind === 'account') {
      const account = normaliseAccount(id);
      if (account !== '') raw.push(['account', account]);
      const holder = accounts.get(id)?.party;
      if (holder !== undefined) raw.push(...partyIdentifiers(parties.get(holder)));
    } else {
      raw.push(...partyIdentifiers(parties.get(id)));
      for (const acc of accountsOfParty.get(id) ?? []) {
        const account = normaliseAccount(acc);
        if (account !== '') raw.push(['account', account]);
      }
    }
    const seen = new Map<string, SharedIdentifier>();
    for (const [k, value] of raw) {
      const h = await hash(`${k}:${value}`);
      seen.set(`${k}:${h}`, { kind: k, hash: h });
    }
    return [...seen.values()].sort((a, b) => cmp(a.kind, b.kind) || cmp(a.hash, b.hash));
  };

  const entityRef = (kind: string, id: string): Promise<string> =>
    kind === 'account' && normaliseAccount(id) !== '' ? hash(`account:${normaliseAccount(id)}`) : hash(`${kind}-ref:${id}`);

  const sharedEntity = async (kind: 'account' | 'party', id: string): Promise<SharedEntity> => ({
    kind, ref: await entityRef(kind, id), identifiers: await identifiersOf(kind, id),
  });

  const entities = async (refs: Iterable<{ kind: 'account' | 'party'; id: string }>, self?: string): Promise<SharedEntity[]> => {
    const unique = new Map<string, { kind: 'account' | 'party'; id: string }>();
    for (const r of refs) if (`${r.kind}:${r.id}` !== self) unique.set(`${r.kind}:${r.id}`, r);
    const out = await Promise.all([...unique.values()].map((r) => sharedEntity(r.kind, r.id)));
    return out.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.ref, b.ref));
  };

  const currencyOf = (code: string): { currency: string; exponent: number } | undefined => {
    try {
      const currency = shippedJurisdiction(code).currency;
      const exponent = currencyExponent(currency);
      return exponent === undefined ? undefined : { currency, exponent };
    } catch {
      return undefined; // a custom profile: no coarse amount rather than a guessed currency
    }
  };

  const shared: SharedAlert[] = [];
  for (const alert of alerts) {
    const self = `${alert.entity.kind}:${alert.entity.id}`;
    let largest = -1;
    for (const h of alert.hits) {
      for (const [k, v] of Object.entries(h.facts)) if (/totalMinor$/i.test(k) && typeof v === 'number' && v > largest) largest = v;
    }
    const money = largest >= 0 ? currencyOf(alert.engine.jurisdiction) : undefined;
    const entity: SharedAlert['entity'] =
      alert.entity.kind === 'network'
        ? { kind: 'network', ref: await hash(`network-ref:${alert.entity.id}`), identifiers: [] }
        : await sharedEntity(alert.entity.kind, alert.entity.id);
    const item: SharedAlert = {
      ref: await hash(`alert-ref:${alert.id}`),
      entity,
      score: alert.score,
      band: alert.band,
      typologies: alert.typologies.map((t) => ({ id: t.id, score: t.score })),
      rules: [...new Set(alert.hits.map((h) => h.rule))].sort(),
      indicators: [...new Set(alert.hits.flatMap((h) => h.indicators))].sort(),
      ...(money === undefined ? {} : { amount: { currency: money.currency, ...decade(largest, money.exponent) } }),
      weeks: { first: isoWeek(Date.parse(alert.firstSeen)), last: isoWeek(Date.parse(alert.lastSeen)) },
      links: await entities(alert.entity.kind === 'network' ? [] : alert.hits.flatMap((h) => h.related ?? []), self),
    };
    if (alert.members !== undefined) item.members = await entities(alert.members);
    shared.push(item);
  }
  shared.sort((a, b) => b.score - a.score || cmp(a.ref, b.ref));
  const jurisdictions = [...new Set(alerts.map((a) => a.engine.jurisdiction))].sort();
  const weeks = shared.flatMap((a) => [a.weeks.first, a.weeks.last]).sort();
  return {
    schema: SHARED_ALERT_SCHEMA_ID,
    keyId: key.id,
    hash: 'HMAC-SHA-256',
    normalisation: NORMALISATION_VERSION,
    source: {
      jurisdiction: jurisdictions.length > 0 ? jurisdictions.join(',') : (options.jurisdiction ?? ''),
      ...(options.institution === undefined ? {} : { institution: options.institution }),
    },
    ...(weeks.length === 0 ? {} : { period: { first: weeks[0] as string, last: weeks[weeks.length - 1] as string } }),
    alerts: shared,
  };
}
