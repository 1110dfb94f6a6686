// A small world whose accounts carry both scored hits and strength-0 evidence (fan legs, layering hops), shared by the engine tests of alert building and retirement.

import { resolveConfig } from '../../src/engine/config.js';
import { createCore, type EntityState } from '../../src/engine/core.js';
import { compareTransactions } from '../../src/engine/transaction-order.js';
import { AU_LIKE, deposit, transfer } from './builders.js';

const D = 24; // hours

/**
 * A small bank where accounts both raise scored hits and collect strength-0 evidence: E pays a
 * new recipient every week (fan legs, then broad markers; odd amounts, so its first scored hits are the cash 50 days on), S0–S5 pay hub H which passes money on
 * (layering hops, fan legs), and E also splits cash under the threshold (scored hits).
 */
export const txs = [
  ...Array.from({ length: 14 }, (_, i) => transfer('E', `W${i}`, 10_013 + i, i * 7 * D, { id: `w${i}` })),
  ...Array.from({ length: 6 }, (_, i) => transfer(`S${i}`, 'H', 40_000 + i, i * 5 * D, { id: `in${i}` })),
  ...Array.from({ length: 6 }, (_, i) => transfer('H', `R${i}`, 30_000 + i, i * 5 * D + 12, { id: `out${i}` })),
  ...Array.from({ length: 5 }, (_, i) => deposit('E', 9_500_00, 50 * D + i * 20, { id: `c${i}` })),
].sort(compareTransactions);

/** The live entity states of a core (minimum score 0) after {@link txs}. */
export function liveStates(): EntityState[] {
  const core = createCore(resolveConfig({ jurisdiction: AU_LIKE, minScore: 0 }));
  for (const tx of txs) core.process(tx, new Set<EntityState>(), []);
  return core.liveStates();
}

