import type { Alert } from '../../src/scoring/alert.js';

/** A hit of {@link memberAlert}: its rule, strength, facts and the accounts it names. */
export interface MemberHit {
  readonly rule: string;
  readonly strength: number;
  readonly facts?: Record<string, number | string>;
  readonly related?: readonly string[];
}

/** The window every {@link memberAlert} hit covers. */
const T = { from: '2025-01-01T00:00:00.000Z', to: '2025-03-01T00:00:00.000Z' };

/**
 * An account's entity alert with the given score and hits (one evidence id each, `related` as
 * account refs), for the network stage's tests: what the engine would hand it, with only what the
 * stage reads filled in.
 */
export const memberAlert = (id: string, score: number, hits: readonly MemberHit[]): Alert => ({
  schema: 'tidewatch/alert@1', id: `a-${id}`, entity: { kind: 'account', id }, score, band: 'low', typologies: [], contributions: [],
  hits: hits.map((h) => ({
    rule: h.rule, indicators: [], strength: h.strength, window: { ...T }, transactionIds: [`t-${id}-${h.rule}`], transactionCount: 1,
    reason: `${h.rule} pattern.`, facts: h.facts ?? {}, ...(h.related === undefined ? {} : { related: h.related.map((r) => ({ kind: 'account' as const, id: r })) }),
  })),
  firstSeen: T.from, lastSeen: T.to, engine: { version: '0', config: 'x', jurisdiction: 'MY' },
});
