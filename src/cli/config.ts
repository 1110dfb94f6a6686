import { parseArgs } from 'node:util';
import { defaultConfigFile } from '../backtest/default-config.js';
import type { Command } from './command.js';
import { UsageError } from './usage-error.js';

const USAGE = `tidewatch config --print [--jurisdiction CC]

Prints the effective defaults as a complete configuration file — every rule with all its options,
every typology with its weights, context, thresholds — to start a configuration from:

  tidewatch config --print > mine.json     # edit, then: tidewatch scan … --config mine.json

Loaded back unchanged with --config it gives the same configuration hash as no --config at all.
The minimum score is left out on purpose: by default it follows the lowest typology threshold.`;

/** `tidewatch config --print`: the defaults as a file. */
export const configCommand: Command = {
  name: 'config',
  summary: 'print the effective default configuration as a complete file',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { print: { type: 'boolean' }, jurisdiction: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (values.print !== true || positionals.length > 0) throw new UsageError('use tidewatch config --print');
    io.stdout(`${JSON.stringify(defaultConfigFile(values.jurisdiction === undefined ? {} : { jurisdiction: values.jurisdiction }), null, 2)}\n`);
    return 0;
  },
};
