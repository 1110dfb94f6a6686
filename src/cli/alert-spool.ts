/**
 * The entity alerts of `tidewatch scan`'s rounds, kept on disk until they are written. Each round's
 * partitions hand their final alerts to the main thread; over a long history (10M rows over five
 * years: about 48k alerts, several hundred megabytes as objects) they used to wait there for the
 * last round. The spool writes each alert's compact JSON to a file in the scan's private temporary
 * directory and keeps only what orders it (score, entity, alert id) and where its bytes are; the
 * output reads them back one at a time, in {@link compareAlerts} order. Same directory and file
 * modes as the runs (spill-runs.ts).
 */
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { compareAlerts } from '../engine/build-alert.js';
import type { Alert } from '../scoring/alert.js';
import { readAllAt, writeAll, type SpillDir } from '../ingest/spill-runs.js';
import { isHighBand } from '../scoring/bands.js';
import type { AlertList } from './alert-list.js';

/** Alerts written to a file, in the order they were added; {@link AlertSpool.list} sorts them. */
export interface AlertSpool {
  /** Writes the alerts' JSON to the file; only their sort keys and places stay in memory. */
  add(alerts: Iterable<Alert>): void;
  /** Every alert added, in output order ({@link compareAlerts}), read from the file when asked for. Valid until {@link AlertSpool.close}. */
  list(): AlertList;
  /** Closes the file; the lists fail after it. Safe to call twice. */
  close(): void;
}

/** What orders a spooled alert, with the same fields {@link compareAlerts} reads. */
interface Key {
  readonly score: number;
  readonly entity: { readonly kind: Alert['entity']['kind']; readonly id: string };
  readonly id: string;
  readonly at: number;
  readonly bytes: number;
}

const DECODER = new TextDecoder();

/** A new, empty spool in `dir` (a file created new, mode 0600). */
export function openAlertSpool(dir: SpillDir): AlertSpool {
  const path = join(dir.path, `alerts-${dir.files++}.ndjson`);
  const fd = openSync(path, 'wx+', 0o600);
  const keys: Key[] = [];
  let size = 0;
  let high = 0;
  let open = true;
  let scratch = Buffer.allocUnsafe(64 * 1024);
  const check = (): void => {
    if (!open) throw new Error('the alert spool is closed');
  };
  return {
    add(alerts) {
      check();
      for (const alert of alerts) {
        const bytes = Buffer.from(JSON.stringify(alert), 'utf8');
        writeAll(fd, bytes, bytes.length);
        keys.push({ score: alert.score, entity: { kind: alert.entity.kind, id: alert.entity.id }, id: alert.id, at: size, bytes: bytes.length });
        size += bytes.length;
        if (isHighBand(alert.band)) high++;
      }
    },
    list() {
      check();
      const order = [...keys].sort((a, b) => compareAlerts(a as unknown as Alert, b as unknown as Alert));
      const json = (i: number): string => {
        check();
        const key = order[i];
        if (key === undefined) throw new RangeError(`alert ${i} of ${order.length}`);
        if (scratch.length < key.bytes) scratch = Buffer.allocUnsafe(Math.max(key.bytes, 2 * scratch.length));
        readAllAt(fd, scratch, key.bytes, key.at, 'the alert spool');
        return DECODER.decode(scratch.subarray(0, key.bytes));
      };
      return { length: order.length, high, json, at: (i) => JSON.parse(json(i)) as Alert };
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
