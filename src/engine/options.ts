import type { Account, Party } from '../schema/reference-data.js';
import type { JurisdictionProfile } from '../jurisdictions/types.js';
import type { Rule } from '../rules/types.js';
import type { Typology } from '../scoring/typology.js';

/** Anything that converts minor units between currencies exactly (see `createFxTable`). @category Engine */
export interface FxConverter {
  convert(amountMinor: number, from: string, to: string, ts: number): number | undefined;
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
  readonly accounts?: Iterable<Account>;
  readonly parties?: Iterable<Party>;
  /** FX table for transactions not in the jurisdiction's currency; without it they are reported. */
  readonly fx?: FxConverter;
  /** Alerts below this score are not returned; default: the lowest typology threshold. */
  readonly minScore?: number;
  /** Recorded in alerts as the analysis date (ISO instant or epoch ms); tidewatch never reads a clock. */
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
  readonly config: string;
  readonly state: unknown;
}
