import { ConfigError } from '../_internal/config-error.js';
import { UsageError } from './usage-error.js';
import type { EngineInputs } from './engine-inputs.js';
import { loadScanConfig } from './engine-inputs.js';

/** parseArgs options shared by the NATS commands that build an engine (the engine flags of `scan`). */
export const ENGINE_FLAGS = {
  server: { type: 'string' }, stream: { type: 'string' },
  accounts: { type: 'string' }, parties: { type: 'string' }, jurisdiction: { type: 'string' },
  config: { type: 'string' }, fx: { type: 'string' }, 'min-score': { type: 'string' }, 'as-of': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The usage lines of {@link ENGINE_FLAGS}. */
export const ENGINE_FLAGS_USAGE = `  --server URL        NATS server(s), e.g. nats://127.0.0.1:4222 (comma-separated for a cluster)
  --stream NAME       stream name (default tx); also names tx_alerts and the tx_state bucket
  --jurisdiction CC   reporting regime (or "jurisdiction" in --config)
  --accounts F        accounts.csv        --parties F   parties.csv
  --config F          JSON configuration  --fx F        FX table CSV: from,to,date,rate
  --min-score N       only alerts scoring at least N
  --as-of ISO         analysis date recorded in alerts
  --timeout S         how long to keep retrying while the broker is away (default 60)`;

/** The NATS modules, loaded only when a NATS command runs (optional peer dependencies). */
export async function loadNats(command: string): Promise<typeof import('../nats/index.js')> {
  try {
    return await import('../nats/index.js');
  } catch (error) {
    if (/@nats-io\//.test(String((error as Error).message))) {
      throw new ConfigError('invalid_options', `tidewatch ${command} needs the optional peer dependencies: npm install @nats-io/transport-node @nats-io/jetstream @nats-io/kv`);
    }
    throw error;
  }
}

/** A number option within [min, max] (integers only when `integer`). */
export function numberOption(text: string | undefined, name: string, min: number, max: number, fallback: number, integer = true): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) throw new UsageError(`${name} must be a ${integer ? 'whole ' : ''}number from ${min} to ${max}`);
  return n;
}

/** The required --server option. */
export function serverOption(server: string | undefined): string {
  if (server === undefined || server.trim() === '') throw new UsageError('--server URL is required (e.g. nats://127.0.0.1:4222)');
  return server;
}

/** The engine inputs of a NATS command, as `scan` builds them (the jurisdiction may come from --config). */
export async function engineInputsOf(values: { [K in keyof typeof ENGINE_FLAGS]?: string | boolean }): Promise<EngineInputs> {
  const s = (k: keyof typeof ENGINE_FLAGS): string | undefined => values[k] as string | undefined;
  const scanConfig = await loadScanConfig(s('config'));
  const jurisdiction = s('jurisdiction') ?? scanConfig.jurisdiction;
  if (jurisdiction === undefined) throw new UsageError('name the reporting regime with --jurisdiction (the same on publish, worker and network)');
  const minScore = s('min-score') === undefined ? undefined : numberOption(s('min-score'), '--min-score', 0, 100, 0, false);
  return {
    jurisdiction,
    ...(s('config') === undefined ? {} : { config: s('config') as string }),
    ...(s('accounts') === undefined ? {} : { accounts: s('accounts') as string }),
    ...(s('parties') === undefined ? {} : { parties: s('parties') as string }),
    ...(s('fx') === undefined ? {} : { fx: s('fx') as string }),
    ...(minScore === undefined ? {} : { minScore }),
    ...(s('as-of') === undefined ? {} : { asOf: s('as-of') as string }),
  };
}
