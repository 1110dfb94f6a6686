import { compareText } from '../_internal/compare-text.js';
import type { Alert } from '../scoring/alert.js';

// A network alert's member reference and the one order members are listed in.

/** One entry of a network alert's `members`. @internal */
export type MemberRef = NonNullable<Alert['members']>[number];

/** Orders member references by kind, then id (locale-free). @internal */
export function compareMemberRefs(a: MemberRef, b: MemberRef): number {
  return compareText(a.kind, b.kind) || compareText(a.id, b.id);
}
