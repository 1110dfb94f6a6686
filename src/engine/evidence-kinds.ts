import type { EvidenceKind } from './evidence.js';
import { cashSiteEvidence } from './cash-sites.js';
import { fanLegEvidence } from './fan-legs.js';
import { hopEvidence } from './hops.js';

/**
 * The strength-0 evidence rules the engine keeps compact (see evidence.ts), in the order their
 * records are listed on an alert and in `EntityState.evidence`. A rule not listed here keeps its
 * hits as episodes whatever their strength.
 * @internal
 */
export const EVIDENCE_KINDS: readonly EvidenceKind<unknown>[] = [hopEvidence, fanLegEvidence, cashSiteEvidence];

const INDEX: ReadonlyMap<string, number> = new Map(EVIDENCE_KINDS.map((k, i) => [k.rule, i]));

/** The index of a rule's evidence kind in {@link EVIDENCE_KINDS}, or -1 when its hits are kept as episodes. @internal */
export function evidenceKindIndex(rule: string): number {
  return INDEX.get(rule) ?? -1;
}

/**
 * Whether a hit is compact evidence: strength 0 from an evidence rule (a layering hop, a fan leg, cash at a site). Such hits
 * score nothing and are never reported; a structure's path hit on a network alert carries the same
 * rule with a strength, and is not evidence.
 * @internal
 */
export function isEvidenceHit(h: { readonly rule: string; readonly strength: number }): boolean {
  return h.strength === 0 && INDEX.has(h.rule);
}
