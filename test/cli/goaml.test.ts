import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { goamlCommand, loadProfile } from '../../src/cli/goaml.js';
import { ingestTransactions } from '../../src/ingest/index.js';
import { validateCommand } from '../../src/cli/validate.js';
import { alertOn } from '../goaml/fixtures.js';
import { ID_XSD, LK_XSD, schemaErrors } from '../goaml/xmllint.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('tidewatch-cli-goaml-');
const put = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
async function run(command: typeof goamlCommand, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await command.run(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false });
  return { code, stdout, stderr };
}

const transactions = put('tx.csv', [
  'id,timestamp,amount,currency,kind,channel,from_account,from_name,from_country,from_institution,to_account,to_name,to_country,to_institution,conductor,location,location_country,reference',
  'T1,2025-03-01T09:30:00+07:00,95000000.00,IDR,cash_deposit,branch,,,,,ACC001,Siti Nurhaliza,ID,BANKIDJA,,JKT-01,ID,tabungan',
  'T2,2025-03-01T10:30:00+07:00,95000000.00,IDR,transfer,online,ACC001,Siti Nurhaliza,ID,BANKIDJA,MY0099,Abdul Karim,MY,MBBEMYKL,,,,',
].join('\n'));
const accountsWithKyc = put('accounts.csv', 'account,party,type,opened_at,institution,country,branch,currency,status_code,account_type_code\nACC001,P1,personal,2024-01-15,BANKIDJA,ID,Jakarta Pusat,IDR,AKT,TPE\n');
const partiesWithKyc = put('parties.csv',
  'party,name,country,phone,address,document,occupation,declared_monthly_income,gender,birthdate,birth_place,residence,city,tax_reg_number,source_of_wealth\n' +
  'P1,Siti Nurhaliza,ID,+62 812 555 0101,"Jl. Merdeka 1, RT 02",3171234567890001,Pedagang,,F,1990-04-01,Medan,ID,Jakarta,T,Gaji\n');
const partiesBare = put('parties-bare.csv', 'party,name,country,phone,address,document,occupation\nP1,Siti Nurhaliza,ID,+62 812 555 0101,"Jl. Merdeka 1",3171234567890001,Pedagang\n');
const alerts = put('alerts.json', JSON.stringify([alertOn(['T1', 'T2'], ['MS-STR-01'], 'ACC001')]));
const entity = put('entity.json', JSON.stringify({ name: 'Bank Tidewater Indonesia', institution: 'BANKIDJA', branch: 'Jakarta Pusat' }));
const base = (out: string) => [alerts, '--transactions', transactions, '--accounts', accountsWithKyc, '--fiu', 'ID', '--rentity-id', '1234', '--entity', entity, '--out', join(dir, out)];

describe('tidewatch goaml', () => {
  test('drafts one schema-valid report per alert, my_client forms filled from the KYC columns', async () => {
    const r = await run(goamlCommand, [...base('id'), '--parties', partiesWithKyc]);
    expect(r.stderr).toMatch(/1 report written/);
    expect(r.code).toBe(0);
    const files = readdirSync(join(dir, 'id'));
    expect(files).toEqual(['alert-ACC001.xml']);
    const xml = readFileSync(join(dir, 'id', 'alert-ACC001.xml'), 'utf8');
    expect(xml).toContain('<t_to_my_client>');
    expect(xml).toContain('<rentity_id>1234</rentity_id>');
    expect(schemaErrors(ID_XSD, [{ name: 'cli', xml }])).toEqual([]);
  });

  test('missing KYC: exit 3, the fields per element on stderr and in <id>.issues.json, and no personal data in the log', async () => {
    const r = await run(goamlCommand, [...base('bare'), '--parties', partiesBare]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/transaction\[T1\]\/t_to_my_client\/to_account: missing .*signatory\/t_person\/birthdate/);
    for (const secret of ['3171234567890001', '812 555', 'Merdeka']) expect(r.stderr).not.toContain(secret);
    const issues = JSON.parse(readFileSync(join(dir, 'bare', 'alert-ACC001.issues.json'), 'utf8'));
    expect(issues[0]).toMatchObject({ code: 'missing_kyc', element: 'transaction[T1]/t_to_my_client/to_account' });
    expect(existsSync(join(dir, 'bare', 'alert-ACC001.xml'))).toBe(false);
    const nc = await run(goamlCommand, [...base('nc'), '--parties', partiesBare, '--as-non-client', '--fiu', 'LK', '--rentity-id', '12']);
    expect(nc.code).toBe(3); // LK: IDR amounts need an FX table
    expect(nc.stderr).toMatch(/conversion_unavailable/);
  });

  test('--as-non-client with a profile JSON and an indicator table; the reports read back through validate', async () => {
    const profile = put('lk-like.json', JSON.stringify({ ...JSON.parse(JSON.stringify((await import('../../src/index.js')).goamlProfile('LK'))), id: 'LK-IDR', currency: 'IDR' }));
    const table = put('indicators.json', JSON.stringify({ 'MS-STR-01': ['SB01', 'SB02'] }));
    const r = await run(goamlCommand, [alerts, '--transactions', transactions, '--fiu', profile, '--indicators', table, '--rentity-id', '12', '--as-non-client', '--out', join(dir, 'lk')]);
    expect(r.code).toBe(0);
    const xml = readFileSync(join(dir, 'lk', 'alert-ACC001.xml'), 'utf8');
    expect(xml).toMatch(/<indicator>SB01<\/indicator>\s*<indicator>SB02<\/indicator>/);
    expect(schemaErrors(LK_XSD, [{ name: 'lk-cli', xml }])).toEqual([]);
    // Read back with the same profile: the two transactions as they were.
    const summary = await ingestTransactions(join(dir, 'lk', 'alert-ACC001.xml'), { goamlProfile: await loadProfile(profile) });
    expect(summary).toMatchObject({ read: 2, accepted: 2, rejected: 0, duplicates: 0 });
    const v = await run(validateCommand, [join(dir, 'lk', 'alert-ACC001.xml')]);
    expect(JSON.parse(v.stdout)).toMatchObject({ read: 2 }); // validate reads goAML too (profile chosen by currency)
  });

  test('usage errors', async () => {
    await expect(run(goamlCommand, [alerts, '--transactions', transactions, '--fiu', 'ID', '--out', dir])).rejects.toThrow(/--rentity-id/);
    await expect(run(goamlCommand, [...base('x'), '--alert', 'nope'])).rejects.toThrow(/no alert with id nope/);
    await expect(run(goamlCommand, [...base('x'), '--fiu', 'XX'])).rejects.toThrow(/unknown goAML profile/);
  });
});
