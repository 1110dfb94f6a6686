import type { EntityKind } from '../rules/types.js';

/** One partition of the keyed engine: `index` of `count` (0 ≤ index < count). @category Engine */
export interface Partition {
  readonly index: number;
  readonly count: number;
}

/**
 * The partition that owns an entity: FNV-1a (32 bit) over `kind:id` (`entityHash`), modulo
 * `count`. Stable across
 * processes, machines and releases — it is the key a multi-process or multi-machine deployment
 * routes by (worker threads here; consumers of a log elsewhere), so changing it is a breaking
 * change of the checkpoint format. An entity's state depends only on its own events, so partitions
 * share nothing but the final merge of alerts.
 * @category Engine
 * @example partitionOf('account', 'MY0003626', 4) // → an integer in 0..3, the same everywhere
 */
export function partitionOf(kind: EntityKind, id: string, count: number): number {
  return count <= 1 ? 0 : partitionOfHash(entityHash(kind, id), count);
}

/**
 * The 32-bit FNV-1a hash of `kind:id` that {@link partitionOf} takes modulo the partition count:
 * what a reader that routes the same rows for several partition counts keeps of an entity.
 * @internal
 */
export function entityHash(kind: EntityKind, id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < kind.length; i++) h = Math.imul(h ^ kind.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 0x3a, 0x01000193); // ':'
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The partition of `count` that owns the entity of {@link entityHash} `hash`. @internal */
export function partitionOfHash(hash: number, count: number): number {
  return hash % count;
}

/** Checks a partition: integers with 0 ≤ index < count ≤ 1024. Throws RangeError. @internal */
export function checkPartition(p: Partition): Partition {
  if (!Number.isInteger(p.count) || p.count < 1 || p.count > 1024 || !Number.isInteger(p.index) || p.index < 0 || p.index >= p.count) {
    throw new RangeError(`partition ${p.index} of ${p.count}: need integers with 0 <= index < count <= 1024`);
  }
  return p;
}
