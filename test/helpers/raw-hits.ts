import { compareTransactions } from '../../src/engine/transaction-order.js';
import { createCore, type EntityState } from '../../src/engine/core.js';
import { resolveConfig } from '../../src/engine/config.js';
import { evidenceRecords, evidenceRuleHit, kindOfRecord, type EvidenceKind } from '../../src/engine/evidence.js';
import { EVIDENCE_KINDS } from '../../src/engine/evidence-kinds.js';
import type { FxConverter } from '../../src/engine/options.js';
import type { Rule, RuleHit } from '../../src/rules/types.js';
import type { Alert } from '../../src/scoring/alert.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { defineTypology } from '../../src/scoring/typology.js';
import { AU_LIKE, type RunOptions } from './builders.js';

/**
 * Runs rules through the real engine core and returns the strongest hit of every episode as the
 * rule produced it — with `variant` and `related`, which alerts do not carry.
 */
export function rawHitsOf(rules: Rule[], txs: Transaction[], options: RunOptions & { readonly fx?: FxConverter } = {}): RuleHit[] {
  const typology = defineTypology({ id: 'test', name: 'test', weights: Object.fromEntries(rules.map((r) => [r.id, 1])) });
  const config = resolveConfig({
    jurisdiction: options.profile ?? AU_LIKE,
    rules,
    typologies: [typology],
    minScore: 0,
    accounts: options.accounts ?? [],
    parties: options.parties ?? [],
    ...(options.fx === undefined ? {} : { fx: options.fx }),
  });
  const core = createCore(config);
  const touched = new Set<EntityState>();
  const finished: Alert[] = [];
  for (const tx of [...txs].sort(compareTransactions)) core.process(tx, touched, finished);
  const out: RuleHit[] = [];
  for (const state of core.liveStates()) {
    for (const list of state.episodes.values()) for (const ep of list) out.push(ep.hit);
    // Strength-0 evidence is kept as compact records (src/engine/evidence.ts): the hit each stands for.
    for (const r of state.evidence === undefined ? [] : evidenceRecords(state.evidence)) {
      out.push(evidenceRuleHit(EVIDENCE_KINDS[kindOfRecord(EVIDENCE_KINDS, r)] as EvidenceKind<unknown>, r, { kind: state.kind, id: state.id }));
    }
  }
  return out.sort((a, b) => (a.entity.id < b.entity.id ? -1 : a.entity.id > b.entity.id ? 1 : a.rule < b.rule ? -1 : 1));
}
