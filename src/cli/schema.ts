import { parseArgs } from 'node:util';
import * as z from 'zod';
import { ScanConfigSchema } from '../engine/config-file.js';
import { AlertSchema } from '../scoring/alert.js';
import { TransactionRecordSchema } from '../schema/transaction.js';
import type { Command } from './command.js';
import { UsageError } from './usage-error.js';

const USAGE = `tidewatch schema [input|alert|config]

Prints a JSON Schema (draft 2020-12) generated from the zod schemas:
  input   one canonical transaction record (CSV row or NDJSON/JSON object)
  alert   tidewatch/alert@1
  config  the --config file of tidewatch scan`;

/** `tidewatch schema`: JSON Schemas for integrators. */
export const schemaCommand: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of the input, alert or config format',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
    if (values.help === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const which = positionals[0] ?? 'input';
    const schemas = { input: [TransactionRecordSchema, 'input'], alert: [AlertSchema, 'output'], config: [ScanConfigSchema, 'input'] } as const;
    if (!Object.hasOwn(schemas, which)) throw new UsageError(`unknown schema "${which}"; choose input, alert or config`);
    const [schema, io_] = schemas[which as keyof typeof schemas];
    const json = z.toJSONSchema(schema, { io: io_, unrepresentable: 'any' });
    io.stdout(`${JSON.stringify({ $id: `https://tidewatch.dev/schema/${which === 'alert' ? 'alert-1' : which}.json`, ...json }, null, 2)}\n`);
    return 0;
  },
};
