import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FieldIssue } from '../schema/issues.js';
import { formatInstant, parseInstant } from '../schema/time.js';
import { channelFrom, describeTransaction, kindFromFunds } from './codes.js';
import { CASH_HOLDER_NOTE, PARTY_COMMENT } from './forms.js';
import type { GoamlProfile } from './profile.js';
import { goamlProfile } from './profiles.js';

/** Options of {@link goamlToRecords}. @category goAML */
export interface GoamlReadOptions {
  /** Profile whose codes and time zone the report uses; default: the shipped profile whose currency is `currency_code_local` (IDR → ID, LKR → LK). */
  readonly profile?: GoamlProfile;
  /**
   * `original` (default): a transaction given in a foreign currency is read in that currency
   * (`foreign_amount`), so export → read gives back the same transaction; `local`: always
   * `amount_local` in `currency_code_local`, at the reporting institution's conversion.
   */
  readonly amounts?: 'original' | 'local';
}

/**
 * One transaction of a goAML report as a canonical transaction record (the same string fields as
 * a `transactions.csv` row), with the issues of elements that could not be mapped; or why the
 * whole report could not be read. `row` is the line of the `<transaction>` element.
 * @category goAML
 */
export type GoamlRow =
  | { readonly row: number; readonly record: Record<string, string>; readonly issues: readonly FieldIssue[] }
  | { readonly row: number; readonly error: string };

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const child = (n: unknown, name: string): Node | undefined => (isNode(n) && isNode(n[name]) ? (n[name] as Node) : undefined);
const value = (n: unknown, name: string): string | undefined => (isNode(n) ? text(n[name]) : undefined);

/** Line (1-based) of each `<transaction>` start tag, skipping comments and CDATA. */
function transactionLines(xml: string): number[] {
  const lines: number[] = [];
  const re = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<transaction[\s>/]/g;
  let line = 1;
  let at = 0;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) {
    if (!m[0].startsWith('<transaction')) continue;
    for (let i = xml.indexOf('\n', at); i !== -1 && i < m.index; i = xml.indexOf('\n', i + 1)) line++;
    at = m.index;
    lines.push(line);
  }
  return lines;
}

function personName(p: Node | undefined): string | undefined {
  if (p === undefined) return undefined;
  const parts = [value(p, 'first_name'), value(p, 'middle_name'), value(p, 'last_name')].filter((s) => s !== undefined);
  return parts.length === 0 ? undefined : parts.join(' ');
}

/** The account, name, institution and country of one side (`t_from`, `t_to_my_client` …). */
function side(tx: Node, dir: 'from' | 'to'): { funds?: string; account?: string; name?: string; institution?: string; country?: string; note?: string } | undefined {
  const s = child(tx, `t_${dir}_my_client`) ?? child(tx, `t_${dir}`);
  if (s === undefined) return undefined;
  const acc = child(s, `${dir}_account`);
  const out: { -readonly [K in 'funds' | 'account' | 'name' | 'institution' | 'country' | 'note']?: string } = {};
  const set = (k: 'funds' | 'account' | 'name' | 'institution' | 'country' | 'note', v: string | undefined): void => {
    if (v !== undefined) out[k] = v;
  };
  set('funds', value(s, `${dir}_funds_code`));
  set('country', value(s, `${dir}_country`));
  set('note', value(s, `${dir}_funds_comment`));
  if (acc !== undefined) {
    set('account', value(acc, 'account'));
    set('name', value(acc, 'account_name'));
    set('institution', value(acc, 'swift') ?? value(acc, 'institution_code'));
  } else {
    set('name', personName(child(s, `${dir}_person`)) ?? value(child(s, `${dir}_entity`), 'name'));
  }
  return out;
}

function foreignAmount(tx: Node): { currency: string; amount: string } | undefined {
  for (const dir of ['from', 'to'] as const) {
    const s = child(tx, `t_${dir}_my_client`) ?? child(tx, `t_${dir}`);
    const f = child(s, `${dir}_foreign_currency`);
    const currency = value(f, 'foreign_currency_code');
    const amount = value(f, 'foreign_amount');
    if (currency !== undefined && amount !== undefined) return { currency, amount };
  }
  return undefined;
}

/**
 * Reads a goAML report (XML text) into canonical transaction records, one per `<transaction>`,
 * for the ingest path to validate like any CSV row: kind from the funds codes (cash in, cash out,
 * or account to account), channel from the transmode, amounts from `foreign_amount` when the
 * original currency is given, else `amount_local`, times read on the FIU's wall clock. Elements
 * that cannot be mapped become field issues naming the element. Pure: the text is given.
 * An `activity` report (parties, no transactions) gives no rows.
 *
 * @param xml - the report file's text
 * @param options - the FIU profile, if not the one implied by `currency_code_local`
 * @returns one row per transaction, or one error row for an unreadable report
 * @category goAML
 * @example goamlToRecords(readFileSync('STR-0001.xml', 'utf8'))[0]
 */
export function goamlToRecords(xml: string, options: GoamlReadOptions = {}): GoamlRow[] {
  if (/<!DOCTYPE/i.test(xml)) return [{ row: 1, error: 'a goAML report has no DOCTYPE; documents declaring one are refused (entity expansion)' }];
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [{ row: valid.err.line, error: `not well-formed XML: ${valid.err.msg.slice(0, 200)}` }];
  const doc = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (name) => name === 'transaction' }).parse(xml) as Node;
  const report = child(doc, 'report');
  if (report === undefined) return [{ row: 1, error: 'not a goAML report: the root element is not <report>' }];
  const local = value(report, 'currency_code_local');
  let profile = options.profile;
  if (profile === undefined) {
    if (local === 'IDR') profile = goamlProfile('ID');
    else if (local === 'LKR') profile = goamlProfile('LK');
    else return [{ row: 1, error: `no goAML profile given for a report in ${local ?? 'no currency'}; name the FIU profile` }];
  }
  const transactions = Array.isArray(report.transaction) ? (report.transaction as unknown[]) : [];
  const lines = transactionLines(xml);
  const at = (i: number): number => (lines.length === transactions.length ? (lines[i] as number) : i + 1);
  return transactions.map((t, i): GoamlRow => {
    const tx = isNode(t) ? t : {};
    const issues: FieldIssue[] = [];
    const record: Record<string, string> = {};
    const put = (field: string, v: string | undefined): void => {
      if (v !== undefined) record[field] = v;
    };
    put('id', value(tx, 'transactionnumber'));
    const date = value(tx, 'date_transaction');
    if (date !== undefined) {
      const parsed = parseInstant(date, (profile as GoamlProfile).timeZone);
      if (parsed.ok) put('timestamp', formatInstant(parsed.ms));
      else issues.push({ field: 'timestamp', code: parsed.code, message: `date_transaction: ${parsed.message}` });
    }
    const foreign = options.amounts === 'local' ? undefined : foreignAmount(tx);
    put('amount', foreign?.amount ?? value(tx, 'amount_local'));
    put('currency', foreign?.currency ?? local);
    const from = side(tx, 'from');
    const to = side(tx, 'to');
    const kind = kindFromFunds(from?.funds, to?.funds, profile as GoamlProfile);
    if (kind === undefined) issues.push({ field: 'kind', code: 'invalid_value', message: `from_funds_code ${from?.funds ?? '(none)'} / to_funds_code ${to?.funds ?? '(none)'}: cash on both sides is not a tidewatch transaction kind` });
    else if (from === undefined || to === undefined) issues.push({ field: 'kind', code: 'required', message: `transaction has no ${from === undefined ? 't_from' : 't_to'} side (involved_parties is not read)` });
    else put('kind', kind);
    const channel = channelFrom(value(tx, 'transmode_comment'), value(tx, 'transmode_code'), profile as GoamlProfile);
    put('channel', channel);
    for (const [dir, s] of [['from', from], ['to', to]] as const) {
      if (s === undefined) continue;
      const cash = (dir === 'from' && kind === 'cash_deposit') || (dir === 'to' && kind === 'cash_withdrawal');
      if (cash) {
        if (s.note !== CASH_HOLDER_NOTE) put(`${dir}_name`, s.name);
        put('location_country', s.country);
      } else {
        put(`${dir}_account`, s.account);
        put(`${dir}_name`, s.name);
        put(`${dir}_institution`, s.institution);
        put(`${dir}_country`, s.country);
      }
    }
    const conductor = child(child(tx, 't_from_my_client') ?? child(tx, 't_from'), 't_conductor');
    if (conductor !== undefined) {
      const comment = value(conductor, 'comments');
      put('conductor', comment?.startsWith(PARTY_COMMENT) === true ? comment.slice(PARTY_COMMENT.length) : value(conductor, 'id_number') ?? personName(conductor));
    }
    put('location', value(tx, 'transaction_location'));
    const description = value(tx, 'transaction_description');
    if (description !== undefined && (kind === undefined || description !== describeTransaction(kind, channel))) put('reference', description);
    return { row: at(i), record, issues };
  });
}
