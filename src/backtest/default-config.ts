import type { ScanConfig } from '../engine/config-file.js';
import { jurisdiction as shippedJurisdiction } from '../jurisdictions/index.js';
import { defaultRules } from '../rules/default-rules.js';
import { defaultTypologies } from '../scoring/default-typologies.js';

/** Options of {@link defaultConfigFile}. @category Backtest */
export interface DefaultConfigFileOptions {
  /** A shipped jurisdiction code to write into the file (checked); omitted by default. */
  readonly jurisdiction?: string;
}

/** Where the published JSON Schema of the configuration file lives. */
const CONFIG_SCHEMA_URL = 'https://github.com/tidewatch/tidewatch/blob/main/docs/schema/config.json';

/**
 * The effective defaults as a complete configuration file (`tidewatch config --print`): every
 * shipped rule with every option at its default, and the default typologies in full. Read back
 * through `resolveScanConfig` (or `tidewatch scan --config`) it gives the same configuration hash
 * as the defaults. `minScore` is left out: by default it follows the lowest typology threshold.
 * @param options an optional jurisdiction to include
 * @returns a plain JSON-safe object
 * @category Backtest
 * @example fs.writeFileSync('config.json', JSON.stringify(defaultConfigFile(), null, 2));
 */
export function defaultConfigFile(options: DefaultConfigFileOptions = {}): ScanConfig {
  const rules: Record<string, Record<string, unknown>> = {};
  for (const rule of defaultRules()) rules[rule.id] = structuredCloneJson(rule.options);
  const file: ScanConfig = {
    $schema: CONFIG_SCHEMA_URL,
    ...(options.jurisdiction === undefined ? {} : { jurisdiction: shippedJurisdiction(options.jurisdiction).code }),
    rules,
    typologies: defaultTypologies().map((t) => structuredCloneJson(t)),
  };
  return file;
}

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
