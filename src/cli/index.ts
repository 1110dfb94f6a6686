#!/usr/bin/env node
/**
 * The tidewatch command line: the only module that touches argv, the process and the console.
 */
import { ConfigError } from '../_internal/config-error.js';
import { VERSION } from '../version.js';
import type { Command, CommandIo } from './command.js';
import { collectCommand } from './collect.js';
import { compareCommand } from './compare.js';
import { configCommand } from './config.js';
import { goamlCommand } from './goaml.js';
import { matchCommand } from './match.js';
import { networkCommand } from './network.js';
import { publishCommand } from './publish.js';
import { reportCommand } from './report.js';
import { rulesCommand } from './rules.js';
import { scanCommand } from './scan.js';
import { schemaCommand } from './schema.js';
import { shareCommand } from './share.js';
import { UsageError } from './usage-error.js';
import { validateCommand } from './validate.js';
import { workerCommand } from './worker.js';

const COMMANDS: readonly Command[] = [scanCommand, reportCommand, validateCommand, rulesCommand, schemaCommand, configCommand, compareCommand, shareCommand, matchCommand, goamlCommand, publishCommand, workerCommand, networkCommand, collectCommand];

const HELP = `tidewatch ${VERSION} — find the money trails of people smuggling in transaction data

Usage: tidewatch <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run \`tidewatch <command> --help\` for its options. Alerts are signals for analyst review, not determinations.`;

const io: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${HELP}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(`tidewatch: unknown command "${name}"\n\n${HELP}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`tidewatch ${name}: ${(error as Error).message}\n`);
      return 2;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.stderr(`tidewatch ${name}: file not found: ${(error as NodeJS.ErrnoException).path ?? ''}\n`);
      return 2;
    }
    io.stderr(`tidewatch ${name}: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tidewatch: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
