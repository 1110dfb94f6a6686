import * as z from 'zod';
import { AlertSchema } from '../scoring/alert.js';
import { TransactionRecordSchema } from '../schema/transaction.js';
import { ScanConfigSchema } from './config-file.js';

/** The published formats. @category Schema */
export type PublishedSchema = 'input' | 'alert' | 'config';

/**
 * The JSON Schema (draft 2020-12) of a published format, generated from its zod schema:
 * `input` = one canonical transaction record, `alert` = tidewatch/alert@1, `config` = the scan
 * configuration file. The same documents are committed under docs/schema/.
 * @category Schema
 * @example const schema = jsonSchema('alert');
 */
export function jsonSchema(which: PublishedSchema): Record<string, unknown> {
  const [schema, io] =
    which === 'alert' ? [AlertSchema, 'output' as const] : which === 'config' ? [ScanConfigSchema, 'input' as const] : [TransactionRecordSchema, 'input' as const];
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  const id = which === 'alert' ? 'alert-1' : which;
  return { $id: `https://github.com/tidewatch/tidewatch/blob/main/docs/schema/${id}.json`, title: `tidewatch ${which}`, ...json };
}
