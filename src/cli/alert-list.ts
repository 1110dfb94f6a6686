import type { Alert } from '../scoring/alert.js';
import type { ScanResult } from '../engine/scan-sink.js';
import { isHighBand } from '../scoring/bands.js';

/**
 * The alerts of a scan in output order (by score, then entity, then alert id), held in memory or
 * spooled to a file (alert-spool.ts): what `tidewatch scan` writes, without needing every alert
 * as an object at once.
 */
export interface AlertList {
  readonly length: number;
  /** Alerts in the high or critical band. */
  readonly high: number;
  /** The `i`-th alert. */
  at(i: number): Alert;
  /** The `i`-th alert as compact JSON, byte for byte `JSON.stringify(at(i))`. */
  json(i: number): string;
}

/** What a scan engine of the CLI hands back: a scan's result with its alerts as an {@link AlertList}. */
export type EngineOutput = Omit<ScanResult, 'alerts'> & { readonly alerts: AlertList };

/** An {@link AlertList} over alerts already in memory and in output order. */
export function alertListOf(alerts: readonly Alert[]): AlertList {
  let high = 0;
  for (const a of alerts) if (isHighBand(a.band)) high++;
  return {
    length: alerts.length,
    high,
    at: (i) => alerts[i] as Alert,
    json: (i) => JSON.stringify(alerts[i]),
  };
}

/** A scan's result with its alerts as an {@link AlertList}. */
export function engineOutputOf(result: ScanResult): EngineOutput {
  return { ...result, alerts: alertListOf(result.alerts) };
}

/** The first `count` alerts of a list as objects (for the formats that need them all). */
export function alertsOf(list: AlertList, count = list.length): Alert[] {
  const n = Math.min(count, list.length);
  const out = new Array<Alert>(n);
  for (let i = 0; i < n; i++) out[i] = list.at(i);
  return out;
}
