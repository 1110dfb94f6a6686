import { describe, expect, test } from 'vitest';
import { compareTransactions } from '../../src/engine/transaction-order.js';
import { createCore, type EntityState } from '../../src/engine/core.js';
import { resolveConfig } from '../../src/engine/config.js';
import { fanLeg } from '../../src/rules/flow/fan-leg.js';
import { layeringHop } from '../../src/rules/flow/layering-hop.js';
import type { Rule } from '../../src/rules/types.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { AU_LIKE, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const D = 24; // hours
/** A hub paid by new senders and paying new recipients, some repeated, over four months. */
const txs: Transaction[] = Array.from({ length: 24 }, (_, i) => [
  transfer(`S${i % 7}`, 'H', 40_000 + i, i * 5 * D, { id: `in${i}` }),
  transfer('H', `R${i % 5}`, 30_000 + i, i * 5 * D + 12, { id: `out${i}` }),
]).flat();

/** The rule-state slots an account gets under these rules. */
function slotsOf(rules: Rule[]): number {
  const core = createCore(resolveConfig({ jurisdiction: AU_LIKE, rules, minScore: 0, accounts: [], parties: [] }));
  const touched = new Set<EntityState>();
  for (const tx of [...txs].sort(compareTransactions)) core.process(tx, touched, []);
  // The states come first, then one cursor (a number) per horizon.
  return (core.liveStates().find((s) => s.id === 'H')?.ruleStates ?? []).filter((x) => typeof x !== 'number').length;
}

describe('rules sharing an incremental state (RuleIncremental.shareKey)', () => {
  test('layering_hop and fan_leg keep one set of counterparty counts per account when their lookbacks agree, two when not', () => {
    expect(slotsOf([layeringHop(), fanLeg()])).toBe(1);
    expect(slotsOf([layeringHop({ lookbackDays: 60 }), fanLeg()])).toBe(2);
  });

  test('sharing changes no hit: each rule run alone, together (shared) or with another lookback gives the same hits', () => {
    const together = rawHitsOf([layeringHop(), fanLeg()], txs);
    const alone = [...rawHitsOf([layeringHop()], txs), ...rawHitsOf([fanLeg()], txs)];
    const key = (h: (typeof together)[number]) => `${h.entity.id}|${h.rule}|${h.variant ?? ''}|${h.window.from}|${h.transactionIds.join(',')}`;
    expect(together.length).toBeGreaterThan(10);
    expect(together.map(key).sort()).toEqual(alone.map(key).sort());
    expect(together.some((h) => h.rule === 'layering_hop') && together.some((h) => h.rule === 'fan_leg')).toBe(true);
  });
});
