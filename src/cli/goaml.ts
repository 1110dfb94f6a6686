import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../_internal/config-error.js';
import { defineGoamlProfile, type GoamlProfile } from '../goaml/profile.js';
import { goamlProfile } from '../goaml/profiles.js';
import { toGoamlReport, type GoamlReportingEntity } from '../goaml/report.js';
import type { GoamlAccount, GoamlParty } from '../goaml/kyc.js';
import { createFxTable, parseFxCsv } from '../jurisdictions/fx.js';
import { ingestTransactions } from '../ingest/index.js';
import { readGoamlAccounts, readGoamlParties } from '../ingest/read-kyc.js';
import type { Transaction } from '../schema/transaction.js';
import { AlertSchema, type Alert } from '../scoring/alert.js';
import type { Command } from './command.js';
import { UsageError } from './usage-error.js';

const USAGE = `tidewatch goaml <alerts> --transactions F --fiu ID|LK|profile.json --rentity-id N --out DIR [options]

Drafts one goAML suspicious-transaction report (XML) per alert, for the FIU's profile:
ID = Indonesia, PPATK goAML 4.0.2 (LTKM); LK = Sri Lanka, FIU schema 2.0 (STR); or a profile JSON
with another FIU's code lists. <alerts> is the output of \`tidewatch scan --format json\` (or ndjson).

Options:
  --transactions F    the transactions the alerts were raised on (CSV, NDJSON, JSON or goAML)
  --accounts F        accounts.csv; extra columns branch, currency, status_code, account_type_code
  --parties F         parties.csv; extra KYC columns first_name, last_name, gender, birthdate,
                      birth_place, nationality, residence, city, tax_reg_number, source_of_wealth
  --fiu P             ID | LK | path to a goAML profile JSON
  --indicators F      JSON { "MS-STR-01": ["FIU-CODE", …], … } merged over the profile's table
  --rentity-id N      the reporting entity's id at the FIU (the only thing a minimal report needs)
  --entity F          JSON { "name", "institution", "branch" }: institution = the identifier your
                      own accounts carry in the data; those accounts are written as *_my_client
  --as-non-client     write your own customers in the non-client forms (t_from / t_to)
  --alert ID          only this alert (repeatable)
  --fx F              FX table CSV (from,to,date,rate) for amounts not in the FIU's currency
  --out DIR           where <alert id>.xml (and <alert id>.issues.json when it cannot be drafted) go
  --mapping F|preset  column mapping of the transactions file
  --default-zone Z    IANA zone for transaction timestamps written without an offset
  -h, --help          this help

Exit status: 0 every report written; 3 some alerts could not be drafted (each missing field is
listed per element on stderr and in <alert id>.issues.json); 2 usage or configuration error; 1 unexpected failure.`;

async function readJson(path: string, what: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError('invalid_config', `${what} ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

async function readAlerts(path: string): Promise<Alert[]> {
  const text = (await readFile(path, 'utf8')).trim();
  let values: unknown[];
  try {
    values = text.startsWith('[') ? (JSON.parse(text) as unknown[]) : text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
  } catch (error) {
    throw new UsageError(`alerts ${path} are neither a JSON array nor NDJSON: ${(error as Error).message}`);
  }
  return values.map((v, i) => {
    const r = AlertSchema.safeParse(v);
    if (!r.success) throw new UsageError(`alert ${i + 1} of ${path} is not a tidewatch/alert@1 alert: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`);
    return r.data;
  });
}

/** A shipped goAML profile by id, or a profile JSON file, with an optional indicator table merged in. */
export async function loadProfile(fiu: string, indicators?: string): Promise<GoamlProfile> {
  const base = /^[A-Za-z]{2}$/.test(fiu) ? goamlProfile(fiu) : defineGoamlProfile(await readJson(fiu, 'goAML profile'));
  if (indicators === undefined) return base;
  const table = await readJson(indicators, 'indicator table');
  return defineGoamlProfile({ ...base, indicators: { ...base.indicators, ...(table as Record<string, string[]>) } });
}

/** `tidewatch goaml`: draft goAML STRs from alerts. */
export const goamlCommand: Command = {
  name: 'goaml',
  summary: 'draft goAML suspicious-transaction reports (XML) from alerts',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        transactions: { type: 'string' }, accounts: { type: 'string' }, parties: { type: 'string' }, fiu: { type: 'string' },
        indicators: { type: 'string' }, 'rentity-id': { type: 'string' }, entity: { type: 'string' }, 'as-non-client': { type: 'boolean' },
        alert: { type: 'string', multiple: true }, fx: { type: 'string' }, out: { type: 'string' }, mapping: { type: 'string' },
        'default-zone': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const alertsFile = positionals[0];
    if (alertsFile === undefined || positionals.length > 1) throw new UsageError('goaml takes exactly one alerts file');
    if (values.transactions === undefined) throw new UsageError('--transactions is required');
    if (values.fiu === undefined) throw new UsageError('--fiu is required (ID, LK or a profile JSON)');
    if (values.out === undefined) throw new UsageError('--out DIR is required');
    const rentityId = Number(values['rentity-id']);
    if (values['rentity-id'] === undefined || !Number.isInteger(rentityId) || rentityId < 1) throw new UsageError('--rentity-id must be the positive whole number the FIU registered you under');

    const profile = await loadProfile(values.fiu, values.indicators);
    const entityFile = values.entity === undefined ? {} : ((await readJson(values.entity, 'entity')) as Record<string, unknown>);
    const str = (k: string): string | undefined => (typeof entityFile[k] === 'string' && entityFile[k] !== '' ? (entityFile[k] as string) : undefined);
    const name = str('name');
    const institution = str('institution');
    const branch = str('branch');
    const reportingEntity: GoamlReportingEntity = {
      id: rentityId,
      ...(name === undefined ? {} : { name }),
      ...(institution === undefined ? {} : { institution }),
      ...(branch === undefined ? {} : { branch }),
    };

    let alerts = await readAlerts(alertsFile);
    if (values.alert !== undefined) {
      const wanted = new Set(values.alert);
      alerts = alerts.filter((a) => wanted.has(a.id));
      const found = new Set(alerts.map((a) => a.id));
      const unknown = [...wanted].filter((id) => !found.has(id));
      if (unknown.length > 0) throw new UsageError(`no alert with id ${unknown.join(', ')} in ${alertsFile}`);
    }
    const transactions = new Map<string, Transaction>();
    const ingest = await ingestTransactions(
      values.transactions,
      {
        ...(values.mapping === undefined ? {} : { mapping: values.mapping }),
        ...(values['default-zone'] === undefined ? {} : { defaultZone: values['default-zone'] }),
      },
      (batch) => {
        for (const tx of batch.transactions) transactions.set(tx.id, tx);
      },
    );
    const accounts: Map<string, GoamlAccount> = values.accounts === undefined ? new Map() : (await readGoamlAccounts(values.accounts)).accounts;
    const parties: Map<string, GoamlParty> = values.parties === undefined ? new Map() : (await readGoamlParties(values.parties)).parties;
    const fx = values.fx === undefined ? undefined : createFxTable(parseFxCsv(await readFile(values.fx, 'utf8')));

    await mkdir(values.out, { recursive: true });
    const submissionDate = Date.now();
    let written = 0;
    let failed = 0;
    for (const alert of alerts) {
      const result = toGoamlReport(alert, {
        transactions, accounts, parties, reportingEntity, profile, submissionDate,
        ...(values['as-non-client'] === true ? { asNonClient: true } : {}),
        ...(fx === undefined ? {} : { fx }),
      });
      const base = join(values.out, alert.id);
      if (result.ok) {
        await writeFile(`${base}.xml`, result.xml);
        written++;
        const shown = result.notes.slice(0, 3).map((n) => `  note: ${n}`);
        if (result.notes.length > 3) shown.push(`  note: … and ${result.notes.length - 3} more`);
        if (shown.length > 0) io.stderr(`tidewatch goaml: alert ${alert.id}: values changed to fit the schema:\n${shown.join('\n')}\n`);
      } else {
        failed++;
        await writeFile(`${base}.issues.json`, `${JSON.stringify(result.issues, null, 2)}\n`);
        io.stderr(`tidewatch goaml: alert ${alert.id} not drafted:\n${result.issues.map((i) => `  ${i.code}: ${i.message}`).join('\n')}\n`);
      }
    }
    io.stderr(
      `tidewatch goaml: ${profile.id} profile; ${ingest.read} transaction rows (${ingest.accepted} accepted, ${ingest.rejected} rejected, ${ingest.duplicates} duplicates); ` +
        `${written} report${written === 1 ? '' : 's'} written to ${values.out}, ${failed} alert${failed === 1 ? '' : 's'} not drafted\n`,
    );
    return failed > 0 ? 3 : 0;
  },
};
