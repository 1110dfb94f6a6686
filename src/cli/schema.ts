import { parseArgs } from 'node:util';
import { jsonSchema } from '../engine/json-schemas.js';
import { sharedAlertJsonSchema } from '../share/shared-alert.js';
import type { Command } from './command.js';
import { UsageError } from './usage-error.js';

const USAGE = `tidewatch schema [input|alert|config|shared-alert]

Prints a JSON Schema (draft 2020-12) generated from the zod schemas:
  input   one canonical transaction record (CSV row or NDJSON/JSON object)
  alert   tidewatch/alert@1
  config  the --config file of tidewatch scan
  shared-alert  tidewatch/shared-alert@1 (tidewatch share, tidewatch match)`;

/** `tidewatch schema`: JSON Schemas for integrators. */
export const schemaCommand: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of the input, alert, config or shared-alert format',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
    if (values.help === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const which = positionals[0] ?? 'input';
    if (which === 'shared-alert') {
      io.stdout(`${JSON.stringify(sharedAlertJsonSchema(), null, 2)}\n`);
      return 0;
    }
    if (which !== 'input' && which !== 'alert' && which !== 'config') throw new UsageError(`unknown schema "${which}"; choose input, alert, config or shared-alert`);
    io.stdout(`${JSON.stringify(jsonSchema(which), null, 2)}\n`);
    return 0;
  },
};
