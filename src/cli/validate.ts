import { parseArgs } from 'node:util';
import { ingestTransactions } from '../ingest/index.js';
import type { Command } from './command.js';
import { UsageError } from './usage-error.js';

const USAGE = `tidewatch validate <transactions> [options]

Reads a transactions file and reports every rejected row and the counts; nothing is scanned.
Output (stdout): { "read", "accepted", "rejected", "duplicates", "issues": [{ "row", "field", "code", "message" }] }
Rows are numbered as a person counts them in the file: CSV header = row 1; NDJSON = line number.

Options:
  --format F          json (default) | text
  --mapping F|preset  column mapping file, or a preset (amlsim, amlworld)
  --default-zone Z    IANA zone for timestamps written without an offset
  --parser P          fast (default) | fast-csv
  --max-issues N      most issues listed (default 10000; all are counted)
  -h, --help          this help`;

/** `tidewatch validate`: counts and per-row issues only. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'report rejected rows and counts of a transactions file',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string' }, mapping: { type: 'string' }, 'default-zone': { type: 'string' },
        parser: { type: 'string' }, 'max-issues': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const file = positionals[0];
    if (file === undefined || positionals.length > 1) throw new UsageError('validate takes exactly one transactions file');
    const format = values.format ?? 'json';
    if (format !== 'json' && format !== 'text') throw new UsageError(`unknown --format "${format}"`);
    if (values.parser !== undefined && values.parser !== 'fast' && values.parser !== 'fast-csv') throw new UsageError(`unknown --parser "${values.parser}"`);
    const maxIssues = values['max-issues'] === undefined ? undefined : Number(values['max-issues']);
    if (maxIssues !== undefined && !(Number.isInteger(maxIssues) && maxIssues >= 0)) throw new UsageError('--max-issues must be a whole number');
    const summary = await ingestTransactions(file, {
      ...(values.mapping === undefined ? {} : { mapping: values.mapping }),
      ...(values['default-zone'] === undefined ? {} : { defaultZone: values['default-zone'] }),
      ...(values.parser === undefined ? {} : { parser: values.parser as 'fast' | 'fast-csv' }),
      ...(maxIssues === undefined ? {} : { maxIssues }),
    });
    const { read, accepted, rejected, duplicates, issues } = summary;
    if (format === 'json') io.stdout(`${JSON.stringify({ read, accepted, rejected, duplicates, issues }, null, 2)}\n`);
    else {
      io.stdout(`read ${read}, accepted ${accepted}, rejected ${rejected}, duplicates ${duplicates}\n`);
      for (const i of issues) io.stdout(`row ${i.row}\t${i.field || '(row)'}\t${i.code}\t${i.message}\n`);
    }
    io.stderr(`tidewatch: ${read} rows: ${accepted} accepted, ${rejected} rejected, ${duplicates} duplicates${summary.issuesDropped > 0 ? ` (${summary.issuesDropped} issues not listed)` : ''}\n`);
    return 0;
  },
};
