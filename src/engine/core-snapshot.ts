import type { HopFacts } from '../rules/flow/layering-hop.js';
import type { EntityKind, RuleHit } from '../rules/types.js';
import type { Transaction } from '../schema/transaction.js';
import type { Alert } from '../scoring/alert.js';

/** Serialisable engine state (see {@link createCore}). */
export interface CoreSnapshot {
  readonly transactions: Transaction[];
  readonly entities: {
    kind: EntityKind;
    id: string;
    events: number[];
    lastTs: number;
    /** Absent in checkpoints from before dormant-entity tracking. */
    expiredTs?: number | null;
    anchor: string | null;
    /** `seen`: evidence ids that may come again with the end of the hit that brought each; `all`: the same without times (older checkpoints). */
    episodes: { key: string; hit: RuleHit; from: number; to: number; ids: string[]; seen?: [string, number][]; all?: string[]; transactionCount: number }[];
    /** Compact strength-0 evidence (see evidence.ts): the records of each evidence rule, by rule id; absent without any. */
    evidence?: Record<string, unknown[]>;
    /** Layering hops (facts of strength-0 `layering_hop` hits) in checkpoints from before `evidence`; older ones list them as episodes. */
    hops?: HopFacts[];
  }[];
  readonly lastSweep: number | null;
  readonly processed: number;
  /** Evicted entities' alerts kept for network alerts; absent in checkpoints from before network alerts. */
  readonly retired?: Alert[];
  /** Last activity of entities evicted while idle, as [id, epoch ms] pairs; absent in older checkpoints. */
  readonly dormant?: { readonly account: [string, number][]; readonly party: [string, number][] };
}
