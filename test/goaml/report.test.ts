import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, test } from 'vitest';
import { generateScenario } from '../../examples/scenarios/index.js';
import { parseCsvRecords } from '../../examples/scenarios/csv.js';
import {
  createFxTable, defineGoamlProfile, goamlDateTime, goamlProfile, parseTransaction, scan, toGoamlReport,
  type Alert, type GoamlAccount, type GoamlParty, type GoamlProfile, type GoamlReportOptions, type Transaction,
} from '../../src/index.js';
import { alertOn, sampleBank, sampleFx } from './fixtures.js';
import { BANK, CONDUCTOR, HOLDER, ownAccount, unitTransactions } from './units.js';
import { ID_XSD, LK_XSD, schemaErrors } from './xmllint.js';

const ID = goamlProfile('ID');
const LK = goamlProfile('LK');
const ID_CODES = { statusCode: 'AKT', accountTypeCode: 'TPE' } as const;
const ALL = ['T1', 'T2', 'T3', 'T4'];

const parse = (xml: string): Record<string, any> =>
  new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (n) => n === 'transaction' || n === 'indicator' }).parse(xml).report;

function draft(profile: GoamlProfile, overrides: Partial<GoamlReportOptions> = {}, alert: Alert = alertOn(ALL)) {
  const currency = profile.currency;
  return toGoamlReport(alert, {
    transactions: unitTransactions(currency),
    accounts: [ownAccount(profile.id === 'ID' ? ID_CODES : {})],
    parties: [HOLDER, CONDUCTOR],
    reportingEntity: BANK,
    profile,
    ...overrides,
  });
}
function xmlOf(result: ReturnType<typeof toGoamlReport>): string {
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  return result.xml;
}

/** Element names of an xs:sequence in document order, read from the XSD text (first-level elements only). */
function sequenceOrder(xsd: string, element: string): string[] {
  const tree = new XMLParser({ ignoreAttributes: false, preserveOrder: true, attributeNamePrefix: '' }).parse(xsd) as any[];
  const found: string[] = [];
  const walk = (nodes: any[], inside: boolean, depth: number): boolean => {
    for (const n of nodes) {
      const tag = Object.keys(n).find((k) => k !== ':@') as string;
      const name = n[':@']?.name;
      if (tag === 'xs:element' && !inside && name === element) {
        walk(n[tag], true, 0);
        return true;
      }
      if (inside && tag === 'xs:element') {
        found.push(name);
        continue;
      }
      if (Array.isArray(n[tag]) && walk(n[tag], inside, depth + 1) && !inside) return true;
    }
    return false;
  };
  walk(tree, false, 0);
  return found;
}
const childNames = (xml: string, path: RegExp): string[] => [...xml.matchAll(path)].map((m) => m[1] as string);

describe('toGoamlReport: unit fixtures', () => {
  test('own customers with complete KYC: *_my_client forms that validate against both schemas', () => {
    const id = xmlOf(draft(ID));
    const lk = xmlOf(draft(LK));
    expect(schemaErrors(ID_XSD, [{ name: 'id', xml: id }])).toEqual([]);
    expect(schemaErrors(LK_XSD, [{ name: 'lk', xml: lk }])).toEqual([]);
    const r = parse(id);
    expect(r.transaction.map((t: any) => Object.keys(t).filter((k) => k.startsWith('t_')))).toEqual([
      ['t_from', 't_to_my_client'], ['t_from_my_client', 't_to'], ['t_from_my_client', 't_to'], ['t_from', 't_to_my_client'],
    ]);
    const holder = r.transaction[1].t_from_my_client.from_account.signatory.t_person;
    expect(holder).toMatchObject({ gender: 'F', first_name: 'Siti', last_name: 'Nurhaliza', birthdate: '1990-04-01T00:00:00', nationality1: 'ID', residence: 'LK', occupation: 'Garment worker' });
    expect(r.transaction[1].t_from_my_client.from_account).toMatchObject({ institution_code: BANK.institution, account: 'ACC001', client_number: 'P1', status_code: 'AKT', personal_account_type: 'TPE' });
    expect(parse(lk).transaction[1].t_from_my_client.from_account.swift).toBe(BANK.institution);
  });

  test('elements follow the xs:sequence of the schema (report and transaction)', () => {
    for (const [profile, xsdPath] of [[ID, ID_XSD], [LK, LK_XSD]] as const) {
      const xml = xmlOf(draft(profile));
      const xsd = readFileSync(xsdPath, 'utf8');
      const rootOrder = sequenceOrder(xsd, 'report');
      const txOrder = sequenceOrder(xsd, 'transaction');
      const rootChildren = [...new Set(childNames(xml, /^ {2}<([a-z_]+)>/gm))];
      const txChildren = [...new Set(childNames(xml.slice(xml.indexOf('<transaction>'), xml.indexOf('</transaction>')), /^ {4}<([a-z_]+)>/gm))];
      const inOrder = (names: string[], order: string[]) => names.map((n) => order.indexOf(n));
      expect(inOrder(rootChildren, rootOrder).every((i) => i >= 0)).toBe(true);
      expect(inOrder(rootChildren, rootOrder)).toEqual([...inOrder(rootChildren, rootOrder)].sort((a, b) => a - b));
      expect(inOrder(txChildren, txOrder).every((i) => i >= 0)).toBe(true);
      expect(inOrder(txChildren, txOrder)).toEqual([...inOrder(txChildren, txOrder)].sort((a, b) => a - b));
      expect(rootChildren.slice(0, 4)).toEqual(['rentity_id', 'rentity_branch', 'submission_code', 'report_code']);
    }
  });

  test('kinds and channels map onto transmode and funds codes; indicators through the table', () => {
    const id = parse(xmlOf(draft(defineGoamlProfile({ ...ID, indicators: { 'MS-STR-01': ['AAA001', 'BBB002'] } }))));
    expect(id.transaction.map((t: any) => t.transmode_code)).toEqual(['SETOR', 'TKLN', 'TARIK', 'TKDN']);
    expect(id.transaction.map((t: any) => [(t.t_from ?? t.t_from_my_client).from_funds_code, (t.t_to ?? t.t_to_my_client).to_funds_code])).toEqual([
      ['UT', 'REK'], ['REK', 'REK'], ['REK', 'UT'], ['REK', 'REK'],
    ]);
    expect(id.report_code).toBe('LTKM');
    expect(id.report_indicators.indicator).toEqual(['AAA001', 'BBB002']);
    expect(parse(xmlOf(draft(ID))).report_indicators).toBeUndefined(); // optional in 4.0.2, no table given

    const lk = parse(xmlOf(draft(LK)));
    expect(lk.report_code).toBe('STR');
    expect(lk.transaction.map((t: any) => t.transmode_code)).toEqual(['BRCH', 'INTR', 'ATM', 'MOAP']);
    expect(lk.transaction.map((t: any) => [(t.t_from ?? t.t_from_my_client).from_funds_code, (t.t_to ?? t.t_to_my_client).to_funds_code])).toEqual([
      ['CASH', 'ELEC'], ['ELEC', 'ELEC'], ['ELEC', 'CASH'], ['ELEC', 'ELEC'],
    ]);
    expect(lk.report_indicators.indicator).toEqual(['OTH']); // mandatory in 2.0: the fallback
    expect(lk.transaction.map((t: any) => t.transaction_description)).toEqual(['savings', 'Transfer (online)', 'Cash withdrawal (atm)', 'Transfer (mobile)']);
    expect(lk.transaction[0].t_from.t_conductor).toMatchObject({ first_name: 'Ravi', last_name: 'Kumar', comments: 'party P2' });
  });

  test('missing KYC: the report names exactly which fields are missing for which element', () => {
    const bare: GoamlParty = { party: 'P1', name: 'Siti Nurhaliza', country: 'ID' };
    const bareAccount: GoamlAccount = { account: 'ACC001', party: 'P1', type: 'personal', openedAt: Date.UTC(2024, 0, 15), institution: BANK.institution };
    const result = draft(ID, { accounts: [bareAccount], parties: [bare], transactions: unitTransactions('IDR').slice(1, 2) }, alertOn(['T2']));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      {
        code: 'missing_kyc',
        element: 'transaction[T2]/t_from_my_client/from_account',
        fields: [
          'branch', 'personal_account_type', 'status_code',
          'signatory/t_person/gender', 'signatory/t_person/birthdate', 'signatory/t_person/birth_place', 'signatory/t_person/residence',
          'signatory/t_person/phones', 'signatory/t_person/occupation', 'signatory/t_person/tax_reg_number', 'signatory/t_person/source_of_wealth',
        ],
        message: expect.stringContaining('or use --as-non-client'),
      },
    ]);
    // Sri Lanka's schema needs fewer of them.
    const lk = draft(LK, { accounts: [ownAccount()], parties: [bare], transactions: unitTransactions('LKR').slice(1, 2) }, alertOn(['T2']));
    expect(lk.ok ? [] : lk.issues.flatMap((i) => i.fields ?? [])).toEqual([
      'signatory/t_person/residence', 'signatory/t_person/addresses/address/address', 'signatory/t_person/addresses/address/city', 'signatory/t_person/occupation',
    ]);
    // An entity's account is not drafted in the my_client form.
    const business = draft(ID, { accounts: [ownAccount({ ...ID_CODES, type: 'business' })], transactions: unitTransactions('IDR').slice(1, 2) }, alertOn(['T2']));
    expect(business.ok ? '' : business.issues[0]?.fields?.join()).toMatch(/t_entity_my_client is not generated/);
  });

  test('--as-non-client: t_from / t_to with the institution and account, valid without any KYC', () => {
    for (const [profile, xsd] of [[ID, ID_XSD], [LK, LK_XSD]] as const) {
      const xml = xmlOf(draft(profile, { asNonClient: true, accounts: [ownAccount({ statusCode: undefined as never })], parties: [] }));
      expect(xml).not.toContain('_my_client');
      expect(schemaErrors(xsd, [{ name: `nc-${profile.id}`, xml }])).toEqual([]);
      const t2 = parse(xml).transaction[1].t_from.from_account;
      expect(t2).toMatchObject({ institution_name: BANK.name, account: 'ACC001', account_name: 'Siti Nurhaliza' });
    }
    // The minimal report: only the reporting entity's id; accounts are then all counterparties.
    const minimal = toGoamlReport(alertOn(ALL), { transactions: unitTransactions('IDR'), reportingEntity: { id: 1 }, profile: ID });
    expect(schemaErrors(ID_XSD, [{ name: 'minimal', xml: xmlOf(minimal) }])).toEqual([]);
  });

  test('amounts are exact decimals from minor units, whatever the exponent', () => {
    const amountOf = (profile: GoamlProfile, minor: number) =>
      parse(xmlOf(toGoamlReport(alertOn(['T2']), { transactions: unitTransactions(profile.currency, minor), reportingEntity: { id: 1 }, profile }))).transaction[0].amount_local;
    expect(amountOf(ID, 1)).toBe('0.01'); // IDR has ISO 4217 exponent 2
    expect(amountOf(ID, 50_000_000_000)).toBe('500000000.00');
    expect(amountOf(ID, Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    const jp = defineGoamlProfile({ ...ID, id: 'JP-TEST', currency: 'JPY', country: 'JP', timeZone: 'Asia/Tokyo' });
    expect(amountOf(jp, 9500)).toBe('9500'); // exponent 0
    expect(amountOf(jp, 1)).toBe('1');
    const bh = defineGoamlProfile({ ...ID, id: 'BH-TEST', currency: 'BHD', country: 'BH', timeZone: 'Asia/Bahrain' });
    expect(amountOf(bh, 1005)).toBe('1.005'); // exponent 3
  });

  test('another currency: amount_local converted exactly, the original in from_foreign_currency', () => {
    const fx = createFxTable([{ from: 'MYR', to: 'LKR', date: '2025-03-01', rate: '67.253' }]);
    const xml = xmlOf(toGoamlReport(alertOn(['T2']), { transactions: unitTransactions('MYR', 950_001), reportingEntity: { id: 1 }, profile: LK, fx }));
    const t = parse(xml).transaction[0];
    expect(t.amount_local).toBe('638904.17'); // 9,500.01 × 67.253 = 638,904.17253 → half-even to the cent
    expect(t.t_from.from_foreign_currency).toEqual({ foreign_currency_code: 'MYR', foreign_amount: '9500.01', foreign_exchange_rate: '67.253' }); // implied by the two amounts, 6 places
    const none = toGoamlReport(alertOn(['T2']), { transactions: unitTransactions('MYR'), reportingEntity: { id: 1 }, profile: LK });
    expect(none.ok ? [] : none.issues.map((i) => i.code)).toEqual(['conversion_unavailable']);
  });

  test('dates are written on the FIU wall clock, without offset (sql_date)', () => {
    const t = Date.UTC(2025, 2, 1, 2, 30); // 02:30Z
    expect(goamlDateTime(t, 'Asia/Jakarta')).toBe('2025-03-01T09:30:00');
    expect(goamlDateTime(t, 'Asia/Colombo')).toBe('2025-03-01T08:00:00');
    expect(goamlDateTime(t + 123, 'Asia/Colombo')).toBe('2025-03-01T08:00:00.123');
    expect(goamlDateTime(Date.UTC(2024, 11, 31, 20, 0), 'Asia/Jakarta')).toBe('2025-01-01T03:00:00'); // next local day and year
    // New Zealand summer time (+13) and standard time (+12).
    expect(goamlDateTime(Date.UTC(2025, 0, 15, 0, 0), 'Pacific/Auckland')).toBe('2025-01-15T13:00:00');
    expect(goamlDateTime(Date.UTC(2025, 6, 15, 0, 0), 'Pacific/Auckland')).toBe('2025-07-15T12:00:00');
    const r = parse(xmlOf(draft(ID)));
    expect(r.transaction[0].date_transaction).toBe('2025-03-01T09:30:00');
    expect(parse(xmlOf(draft(LK))).transaction[0].date_transaction).toBe('2025-03-01T08:00:00');
  });

  test('hostile names and memos are escaped (and characters XML cannot carry replaced)', () => {
    const evil = '</account_name><x>&amp;"\'<!--';
    const txs: Transaction[] = unitTransactions('IDR').map((t) =>
      t.id === 'T2' ? { ...t, toName: evil, reference: `]]><script>alert(1)</script>\u0001\uD800 memo` } : t,
    );
    const xml = xmlOf(toGoamlReport(alertOn(['T2']), { transactions: txs, reportingEntity: { id: 1 }, profile: ID }));
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<x>');
    expect(schemaErrors(ID_XSD, [{ name: 'hostile', xml }])).toEqual([]);
    const t = parse(xml).transaction[0];
    expect(t.t_to.to_account.account_name).toBe(evil);
    expect(t.transaction_description).toBe(']]><script>alert(1)</script>\uFFFD\uFFFD memo');
    // Sri Lanka: reason in printable ASCII, names of letters only.
    const lk = xmlOf(toGoamlReport({ ...alertOn(['T1']), hits: [{ ...alertOn(['T1']).hits[0]!, reason: 'Dépôts ≥ 90 % – “near” threshold' }] }, {
      transactions: unitTransactions('LKR').map((t) => ({ ...t, toName: "O'Brien-Smith 3rd" })), reportingEntity: { id: 1 }, profile: LK,
    }));
    expect(schemaErrors(LK_XSD, [{ name: 'hostile-lk', xml: lk }])).toEqual([]);
    expect(parse(lk).reason).toContain('Depots >= 90 % - "near" threshold');
    expect(parse(lk).transaction[0].t_from.from_person).toMatchObject({ first_name: 'OBrienSmith', last_name: 'rd' });
  });
});

describe('toGoamlReport: the scenario banks', () => {
  let bank: Awaited<ReturnType<typeof sampleBank>>;
  beforeAll(async () => {
    bank = await sampleBank();
  }, 120_000);

  test('every report drafted from the sample bank (MYR, converted) validates against both schemas', () => {
    const fx = sampleFx();
    const entity = { id: 42, name: 'Tidewater Bank Berhad', institution: 'TDWBMYKL' };
    expect(bank.alerts.length).toBeGreaterThan(10);
    for (const [profile, xsd] of [[ID, ID_XSD], [LK, LK_XSD]] as const) {
      const results = bank.alerts.map((a) => toGoamlReport(a, { ...bank, reportingEntity: entity, profile, fx, asNonClient: true, submissionDate: Date.UTC(2025, 0, 6) }));
      const drafted = results.filter((r) => r.ok);
      const refused = results.filter((r) => !r.ok);
      // Sri Lanka names institutions by SWIFT BIC only: a mobile wallet's or agent's code is refused, precisely.
      for (const r of refused) {
        for (const i of r.ok ? [] : r.issues) expect(i.message).toMatch(/swift ".*" does not match/);
      }
      expect(drafted.length).toBeGreaterThanOrEqual(profile.id === 'ID' ? bank.alerts.length : bank.alerts.length - 6);
      expect(schemaErrors(xsd, drafted.map((r) => ({ name: r.alertId, xml: r.ok ? r.xml : '' })))).toEqual([]);
    }
  });

  test('without --as-non-client the sample bank lacks KYC: every alert is refused with the missing fields', () => {
    const entity = { id: 42, name: 'Tidewater Bank Berhad', institution: 'TDWBMYKL' };
    const r = toGoamlReport(bank.alerts[0]!, { ...bank, reportingEntity: entity, profile: ID, fx: sampleFx() });
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.issues.filter((i) => i.code === 'missing_kyc').length).toBeGreaterThan(0);
  });

  test('reports drafted natively from a generated Indonesian bank (IDR) validate against PPATK 4.0.2', () => {
    const world = generateScenario({ seed: 5, accounts: 150, days: 60, jurisdiction: 'ID' });
    const transactions: Transaction[] = [];
    for (const rec of parseCsvRecords(world.files['transactions.csv'])) {
      const t = parseTransaction(rec);
      if (t.ok) transactions.push(t.value);
    }
    const accounts = parseCsvRecords(world.files['accounts.csv']).map((a) => ({ account: a.account as string, ...(a.institution === undefined ? {} : { institution: a.institution }) })) as GoamlAccount[];
    const { alerts } = scan(transactions, { jurisdiction: 'ID' });
    expect(alerts.length).toBeGreaterThan(0);
    const byId = new Map(transactions.map((t) => [t.id, t]));
    const results = alerts.map((a) => toGoamlReport(a, { transactions: byId, accounts, reportingEntity: { id: 9 }, profile: ID }));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(schemaErrors(ID_XSD, results.map((r) => ({ name: r.alertId, xml: r.ok ? r.xml : '' })))).toEqual([]);
    expect(results.every((r) => r.ok && !r.xml.includes('foreign_currency'))).toBe(true);
  });

  test('a generic profile supplied as JSON (here with Sri Lanka\'s code lists) drafts valid reports', () => {
    const json = JSON.parse(JSON.stringify({ ...LK, id: 'NZ-LIKE', name: 'An FIU whose schema is not public', indicators: { 'MS-STR-01': ['SB01'] } }));
    const profile = defineGoamlProfile(json);
    const xml = xmlOf(draft(profile, { accounts: [ownAccount()] }));
    expect(parse(xml).report_indicators.indicator).toEqual(['SB01']);
    expect(schemaErrors(LK_XSD, [{ name: 'generic', xml }])).toEqual([]);
    expect(() => defineGoamlProfile({ ...json, timeZone: 'Mars/Olympus' })).toThrow(/timeZone/);
    const big = toGoamlReport(alertOn(['T2']), { transactions: unitTransactions('LKR'), reportingEntity: { id: 1000 }, profile: LK });
    expect(big.ok ? [] : big.issues.map((i) => i.element)).toEqual(['rentity_id']); // LK: [0-9]{1,3}
  });
});
