import type { Account, Party } from '../schema/reference-data.js';
import type { JurisdictionProfile } from '../jurisdictions/types.js';
import type { Rule } from '../rules/types.js';
import type { Typology } from '../scoring/typology.js';

/** Anything that converts minor units between currencies exactly (see `createFxTable`). @category Engine */
export interface FxConverter {
  /** `amountMinor` of `from` in minor units of `to` at time `ts`, or `undefined` when no rate applies. */
  convert(amountMinor: number, from: string, to: string, ts: number): number | undefined;
  /**
   * Identifies the rates (an `FxTable` has one). Checkpoints record it and refuse to resume under
   * different rates; a converter without one is recorded as `"custom"` and cannot be told apart.
   */
  readonly fingerprint?: string;
}

/**
 * Options shared by {@link scan} and {@link createMonitor}.
 * @category Engine
 */
export interface EngineOptions {
  /** A shipped profile code (`'MY'`) or a profile from `defineJurisdiction`. */
  readonly jurisdiction: string | JurisdictionProfile;
  /** Rules to run; default {@link defaultRules}. */
  readonly rules?: readonly Rule[];
  /** Typologies to score with; default {@link defaultTypologies}. */
  readonly typologies?: readonly Typology[];
  /**
   * Reference data. Any iterable; a one-shot iterator (`map.values()`) is read once and remembered,
   * so options reused for a second scan or monitor see the same data.
   */
  readonly accounts?: Iterable<Account>;
  /** Reference data, as `accounts`. */
  readonly parties?: Iterable<Party>;
  /** FX table for transactions not in the jurisdiction's currency; without it they are reported. */
  readonly fx?: FxConverter;
  /** Alerts below this score are not returned (0–100); default: the lowest typology threshold. */
  readonly minScore?: number;
  /** Recorded in alerts as the analysis date (ISO instant or epoch ms); tidewatch never reads a clock. A value that is not a date is a ConfigError. */
  readonly asOf?: string | number;
}

/** Options of {@link createMonitor}. @category Engine */
export interface MonitorOptions extends EngineOptions {
  /**
   * How late (ms, in event time) a transaction may arrive behind the newest one seen and still be
   * placed in order exactly. Later ones are reported as `late_arrival`, never silently dropped.
   * Default one hour.
   */
  readonly latenessMs?: number;
  /** State from {@link Monitor.checkpoint}: continue exactly where it stopped. */
  readonly checkpoint?: MonitorCheckpoint;
}

/** Serialisable monitor state (JSON-safe). @category Engine */
export interface MonitorCheckpoint {
  readonly format: 'tidewatch/checkpoint@1';
  /** Hash of the effective configuration (as in alerts). */
  readonly config: string;
  /** Everything that changes results; restoring under a different one is a `checkpoint_mismatch`. */
  readonly fingerprint: CheckpointFingerprint;
  readonly state: unknown;
}

/**
 * What a checkpoint must be restored into: the same engine version, configuration, reference data,
 * FX rates and lateness bound. Counts make a difference readable (`accounts: 0 here, 120 in the checkpoint`).
 * @category Engine
 */
export interface CheckpointFingerprint {
  readonly version: string;
  readonly config: string;
  readonly accounts: { readonly count: number; readonly hash: string };
  readonly parties: { readonly count: number; readonly hash: string };
  /** `"none"`, the FX table's fingerprint, or `"custom"` for a converter without one. */
  readonly fx: string;
  readonly latenessMs: number;
}
