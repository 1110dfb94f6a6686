import { readFile } from 'node:fs/promises';
import { ConfigError } from '../_internal/config-error.js';
import { resolveScanConfig, type ResolvedScanConfig } from '../engine/config-file.js';
import type { EngineOptions, FxConverter } from '../engine/options.js';
import { createFxTable, parseFxCsv } from '../jurisdictions/fx.js';
import { jurisdiction as shippedJurisdiction } from '../jurisdictions/index.js';
import { readAccounts, readParties } from '../ingest/index.js';

/**
 * Everything an engine of `tidewatch scan` is built from, as plain data (paths and numbers): the
 * main thread and every worker thread build the same engine from it, so all partitions share one
 * configuration hash.
 */
export interface EngineInputs {
  readonly jurisdiction: string;
  readonly config?: string;
  readonly accounts?: string;
  readonly parties?: string;
  readonly fx?: string;
  readonly minScore?: number;
  readonly asOf?: string;
}

/** Reads a JSON configuration file; a syntax error is a ConfigError naming the file. */
export async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError('invalid_config', `config ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** The scan configuration file's content (rules, typologies, defaults), or the defaults without one. */
export async function loadScanConfig(path: string | undefined): Promise<ResolvedScanConfig> {
  return resolveScanConfig(path === undefined ? {} : await readJson(path));
}

/** Builds the engine options from {@link EngineInputs}: reads the configuration, reference data and FX table. */
export async function loadEngineOptions(inputs: EngineInputs, config?: ResolvedScanConfig): Promise<EngineOptions> {
  const scanConfig = config ?? (await loadScanConfig(inputs.config));
  const accounts = inputs.accounts === undefined ? undefined : await readAccounts(inputs.accounts);
  const parties = inputs.parties === undefined ? undefined : await readParties(inputs.parties);
  const fx: FxConverter | undefined = inputs.fx === undefined ? undefined : createFxTable(parseFxCsv(await readFile(inputs.fx, 'utf8')));
  const minScore = inputs.minScore ?? scanConfig.minScore;
  return {
    jurisdiction: shippedJurisdiction(inputs.jurisdiction),
    rules: scanConfig.rules,
    typologies: scanConfig.typologies,
    ...(accounts === undefined ? {} : { accounts: [...accounts.accounts.values()] }),
    ...(parties === undefined ? {} : { parties: [...parties.parties.values()] }),
    ...(fx === undefined ? {} : { fx }),
    ...(minScore === undefined ? {} : { minScore }),
    ...(inputs.asOf === undefined ? {} : { asOf: inputs.asOf }),
  };
}
