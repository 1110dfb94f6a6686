import type { FxConverter } from '../engine/options.js';
import { divideHalfEven } from '../jurisdictions/fx.js';
import { currencyExponent } from '../schema/currencies.js';
import { formatAmount } from '../schema/money.js';
import type { Transaction } from '../schema/transaction.js';
import type { Alert } from '../scoring/alert.js';
import { channelComment, describeTransaction, fundsCodes, transmodeCode } from './codes.js';
import { CASH_HOLDER_NOTE, account, accountMyClient, person, personMyClient, type Form, type Institution } from './forms.js';
import type { GoamlAccount, GoamlParty } from './kyc.js';
import { goamlDateTime } from './local-time.js';
import type { GoamlProfile } from './profile.js';
import { goamlReason } from './reason.js';
import { clip } from './text.js';
import { element, toXml, type XmlElement } from './xml.js';

/**
 * The institution filing the report. Only `id` is needed for a report whose accounts are all
 * written in the non-client form; `institution` (the identifier its own accounts carry in the
 * accounts data and transactions, e.g. a BIC) marks which accounts are its customers.
 * @category goAML
 */
export interface GoamlReportingEntity {
  /** `rentity_id`: the number the FIU registered the institution under. */
  readonly id: number;
  readonly branch?: string;
  /** `institution_name` of its own accounts. */
  readonly name?: string;
  /** Identifier of the institution in the data (accounts.csv `institution`, transactions' `*_institution`). */
  readonly institution?: string;
}

/** Options of {@link toGoamlReport}. @category goAML */
export interface GoamlReportOptions {
  /** At least the alert's evidence transactions; a Map by id avoids re-indexing for every alert. */
  readonly transactions: ReadonlyMap<string, Transaction> | Iterable<Transaction>;
  readonly accounts?: ReadonlyMap<string, GoamlAccount> | Iterable<GoamlAccount>;
  readonly parties?: ReadonlyMap<string, GoamlParty> | Iterable<GoamlParty>;
  readonly reportingEntity: GoamlReportingEntity;
  readonly profile: GoamlProfile;
  /** Write the institution's own customers in the non-client forms (`t_from` / `t_to`) instead of `*_my_client`. */
  readonly asNonClient?: boolean;
  /** Converts amounts in other currencies into the profile's local currency. */
  readonly fx?: FxConverter;
  /** `submission_date` (epoch ms or ISO instant); default the alert's `asOf`, else its `lastSeen`. */
  readonly submissionDate?: number | string;
}

/** Stable codes of why a report could not be drafted. @category goAML */
export type GoamlIssueCode = 'missing_kyc' | 'missing_field' | 'unknown_transaction' | 'conversion_unavailable' | 'unmapped_code' | 'invalid_value';

/** One reason a report could not be drafted: the element concerned and, for missing data, exactly which fields. @category goAML */
export interface GoamlIssue {
  readonly code: GoamlIssueCode;
  /** Path of the element, e.g. `transaction[TX1]/t_to_my_client/to_account`. */
  readonly element: string;
  /** The mandatory child elements the data could not fill (missing_kyc, missing_field). */
  readonly fields?: readonly string[];
  readonly message: string;
}

/** Outcome of {@link toGoamlReport}: the XML, or every issue found. @category goAML */
export type GoamlReportResult =
  | { readonly ok: true; readonly alertId: string; readonly xml: string; readonly transactionCount: number; readonly notes: readonly string[] }
  | { readonly ok: false; readonly alertId: string; readonly issues: readonly GoamlIssue[] };

function asMap<T>(source: ReadonlyMap<string, T> | Iterable<T> | undefined, key: (v: T) => string): ReadonlyMap<string, T> {
  if (source === undefined) return new Map();
  if (source instanceof Map) return source as ReadonlyMap<string, T>;
  return new Map([...(source as Iterable<T>)].map((v) => [key(v), v]));
}

/** local / foreign as a decimal string (up to 6 places, half-even, trailing zeros dropped). */
function exchangeRate(localMinor: number, local: string, foreignMinor: number, foreign: string): string {
  const scaled = divideHalfEven(BigInt(localMinor) * 10n ** BigInt(currencyExponent(foreign) ?? 2) * 1_000_000n, BigInt(foreignMinor) * 10n ** BigInt(currencyExponent(local) ?? 2));
  const digits = scaled.toString().padStart(7, '0');
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`.replace(/\.?0+$/, '');
}

/**
 * Drafts a goAML suspicious-transaction report for one alert: the alert's evidence transactions
 * in schema order, the reason built from its hits, the profile's report, transmode, funds and
 * indicator codes, amounts as exact decimals, dates on the FIU's wall clock. The institution's own
 * customers go in the `*_my_client` forms, whose mandatory KYC elements must all be in the
 * accounts and parties data; otherwise the result lists exactly which are missing per element
 * (or pass `asNonClient`). Pure: no I/O, no clock.
 *
 * @param alert - a `tidewatch/alert@1` alert
 * @param options - evidence data, reporting entity and FIU profile
 * @returns `{ ok: true, xml }` or `{ ok: false, issues }`
 * @category goAML
 * @example
 * const r = toGoamlReport(alert, { transactions, reportingEntity: { id: 1234 }, profile: goamlProfile('ID') });
 * if (r.ok) writeFileSync(`${alert.id}.xml`, r.xml); else console.error(r.issues);
 */
export function toGoamlReport(alert: Alert, options: GoamlReportOptions): GoamlReportResult {
  const { profile, reportingEntity: entity } = options;
  const transactions = asMap(options.transactions, (t) => t.id);
  const accounts = asMap(options.accounts, (a) => a.account);
  const parties = asMap(options.parties, (p) => p.party);
  const issues: GoamlIssue[] = [];
  const notes: string[] = [];
  const maxId = profile.rentityIdMax ?? 2_147_483_647; // xs:int
  if (!Number.isInteger(entity.id) || entity.id < 1 || entity.id > maxId) {
    issues.push({ code: 'invalid_value', element: 'rentity_id', message: `rentity_id must be a whole number from 1 to ${maxId}, got ${entity.id}` });
  }

  const ids = [...new Set(alert.hits.flatMap((h) => h.transactionIds))];
  const evidence: Transaction[] = [];
  for (const id of ids) {
    const tx = transactions.get(id);
    if (tx === undefined) issues.push({ code: 'unknown_transaction', element: `transaction[${id}]`, message: `evidence transaction "${clip(id, 60)}" is not in the transactions given` });
    else evidence.push(tx);
  }
  evidence.sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const isOwn = (acc: GoamlAccount | undefined, txInstitution: string | undefined): boolean =>
    acc !== undefined && (entity.institution === undefined ? acc.institution === undefined : (acc.institution ?? txInstitution) === entity.institution);
  const own: Institution = { ...(entity.name === undefined ? {} : { name: entity.name }), ...(entity.institution === undefined ? {} : { id: entity.institution }) };

  const transactionElements = evidence.map((tx) => {
    const path = `transaction[${tx.id}]`;
    const need = (form: Form, where: string, code: GoamlIssueCode): XmlElement => {
      if (form.missing.length > 0) {
        issues.push({
          code, element: `${path}/${where}`, fields: form.missing,
          message: `${path}/${where}: missing ${form.missing.join(', ')}${code === 'missing_kyc' ? ' (add them to the accounts/parties data, or use --as-non-client)' : ''}`,
        });
      }
      for (const why of form.invalid ?? []) issues.push({ code: 'invalid_value', element: `${path}/${where}`, message: `${path}/${where}: ${why}` });
      notes.push(...form.notes.map((n) => `${path}/${where}: ${n}`));
      return form.value;
    };
    if (tx.id.length > 50) issues.push({ code: 'invalid_value', element: `${path}/transactionnumber`, message: 'transaction id longer than 50 characters' });

    // Amount in the local currency; the original currency as foreign currency.
    let localMinor: number | undefined = tx.amount;
    let foreign: XmlElement | undefined;
    if (tx.currency !== profile.currency) {
      localMinor = options.fx?.convert(tx.amount, tx.currency, profile.currency, tx.timestamp);
      if (localMinor === undefined) {
        issues.push({ code: 'conversion_unavailable', element: `${path}/amount_local`, message: `no ${tx.currency} → ${profile.currency} rate for ${path}; pass an FX table` });
      } else {
        foreign = element([
          ['foreign_currency_code', tx.currency],
          ['foreign_amount', formatAmount(tx.amount, tx.currency)],
          ['foreign_exchange_rate', exchangeRate(localMinor, profile.currency, tx.amount, tx.currency)],
        ]);
      }
    }
    const transmode = transmodeCode(tx, profile);
    const funds = fundsCodes(tx, profile);
    if (transmode === undefined || funds.from === undefined || funds.to === undefined) {
      issues.push({ code: 'unmapped_code', element: path, message: `the profile maps no transmode or funds code for a ${tx.kind} via ${tx.channel ?? 'no channel'}` });
    }

    const side = (dir: 'from' | 'to'): [string, XmlElement] => {
      const cash = dir === 'from' ? tx.kind === 'cash_deposit' : tx.kind === 'cash_withdrawal';
      const accountId = dir === 'from' ? tx.fromAccount : tx.toAccount;
      const name = dir === 'from' ? tx.fromName : tx.toName;
      const txInstitution = dir === 'from' ? tx.fromInstitution : tx.toInstitution;
      const otherAccount = accounts.get((dir === 'from' ? tx.toAccount : tx.fromAccount) ?? '');
      const acc = accountId === undefined ? undefined : accounts.get(accountId);
      const countryOf = cash
        ? tx.locationCountry ?? (dir === 'from' ? tx.fromCountry : tx.toCountry) ?? otherAccount?.country
        : (dir === 'from' ? tx.fromCountry : tx.toCountry) ?? acc?.country;
      const fundsCode = dir === 'from' ? funds.from : funds.to;
      let form: XmlElement;
      let mine = false;
      let comment: string | undefined;
      let subject: string;
      let conductor: XmlElement | undefined;
      if (cash || accountId === undefined) {
        // The person who brought or took the cash as the transaction names them; else the holder of
        // the account (from the parties data, else the name on the account), said so in the comment.
        const holder = otherAccount?.party === undefined ? undefined : parties.get(otherAccount.party);
        const otherName = dir === 'from' ? tx.toName : tx.fromName;
        if (name === undefined && (holder !== undefined || otherName !== undefined)) comment = CASH_HOLDER_NOTE;
        subject = `${dir}_person`;
        form = need(person(profile, name === undefined ? holder : undefined, name ?? otherName), `t_${dir}/${subject}`, 'missing_field');
      } else {
        mine = isOwn(acc, txInstitution) && options.asNonClient !== true;
        subject = `${dir}_account`;
        if (mine) {
          const holder = acc?.party === undefined ? undefined : parties.get(acc.party);
          form = need(accountMyClient(profile, acc as GoamlAccount, holder, own, tx.currency, name), `t_${dir}_my_client/${subject}`, 'missing_kyc');
        } else {
          const institution: Institution = isOwn(acc, txInstitution)
            ? { ...own, ...(own.id === undefined && (acc?.institution ?? txInstitution) !== undefined ? { id: (acc?.institution ?? txInstitution) as string } : {}) }
            : { ...((txInstitution ?? acc?.institution) === undefined ? {} : { id: (txInstitution ?? acc?.institution) as string }) };
          form = need(account(profile, accountId, institution, name), `t_${dir}/${subject}`, 'missing_field');
        }
      }
      // The person who conducted the transaction goes on the from side (goAML has no t_to conductor).
      const who = tx.conductor === undefined || dir === 'to' ? undefined : parties.get(tx.conductor);
      if (who !== undefined) {
        const c = mine ? personMyClient(profile, who) : person(profile, who, undefined, true);
        if (c.missing.length === 0) conductor = c.value;
        else notes.push(`t_conductor of ${path} left out: party ${clip(who.party, 40)} lacks ${c.missing.join(', ')}`);
      }
      const wrapper = mine ? `t_${dir}_my_client` : `t_${dir}`;
      if (countryOf === undefined) issues.push({ code: 'missing_field', element: `${path}/${wrapper}`, fields: [`${dir}_country`], message: `${path}/${wrapper}: missing ${dir}_country` });
      return [
        wrapper,
        element([
          [`${dir}_funds_code`, fundsCode],
          [`${dir}_funds_comment`, comment],
          [`${dir}_foreign_currency`, dir === 'from' ? foreign : undefined],
          ['t_conductor', conductor],
          [subject, form],
          [`${dir}_country`, countryOf],
        ]),
      ];
    };
    const from = side('from');
    const to = side('to');
    return element([
      ['transactionnumber', tx.id],
      ['transaction_location', tx.location === undefined ? undefined : clip(tx.location, 255)],
      ['transaction_description', tx.reference !== undefined ? clip(tx.reference, 4000) : profile.transactionDescriptionRequired ? describeTransaction(tx.kind, tx.channel) : undefined],
      ['date_transaction', goamlDateTime(tx.timestamp, profile.timeZone)],
      ['transmode_code', transmode],
      ['transmode_comment', channelComment(tx.channel)],
      ['amount_local', localMinor === undefined ? undefined : formatAmount(localMinor, profile.currency)],
      from,
      to,
    ]);
  });

  const indicators = [...new Set(alert.hits.flatMap((h) => h.indicators.flatMap((i) => profile.indicators[i] ?? [])))];
  if (indicators.length === 0 && profile.reportIndicatorsRequired) {
    if (profile.indicatorFallback === undefined) issues.push({ code: 'unmapped_code', element: 'report_indicators', message: 'no hit indicator maps onto the FIU indicator codes, and the schema requires one' });
    else indicators.push(profile.indicatorFallback);
  }
  if (evidence.length === 0 && issues.length === 0) issues.push({ code: 'missing_field', element: 'transaction', fields: ['transaction'], message: 'the alert has no evidence transactions' });
  if (issues.length > 0) return { ok: false, alertId: alert.id, issues };

  const submitted = options.submissionDate ?? alert.engine.asOf ?? alert.lastSeen;
  const root = element([
    ['rentity_id', String(entity.id)],
    ['rentity_branch', entity.branch === undefined ? undefined : clip(entity.branch, 255)],
    ['submission_code', profile.submissionCode],
    ['report_code', profile.reportCode],
    ['entity_reference', alert.id],
    ['submission_date', goamlDateTime(typeof submitted === 'number' ? submitted : Date.parse(submitted), profile.timeZone)],
    ['currency_code_local', profile.currency],
    ['reason', goamlReason(alert, { ascii: profile.asciiOnly })],
    ['transaction', transactionElements],
    ['report_indicators', indicators.length === 0 ? undefined : { indicator: indicators }],
  ]);
  return { ok: true, alertId: alert.id, xml: toXml('report', root), transactionCount: evidence.length, notes: [...new Set(notes)] };
}
