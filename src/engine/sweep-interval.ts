import type { EntityKind } from '../rules/types.js';

/**
 * How far the input clock moves between two sweeps of idle entities in the engine core: half the
 * longest retention, at least an hour. A sweep runs at the first processed transaction that many
 * milliseconds after the previous sweep, so the sweep times depend only on the timestamps of the
 * processed transactions — which is what lets a router (`tidewatch/nats`) give every partition the
 * same clock by sending it the transactions at which sweeps fall.
 * @internal
 */
export function sweepInterval(retention: Readonly<Record<EntityKind, number>>): number {
  return Math.max(3_600_000, Math.floor(Math.max(retention.account, retention.party, 1) / 2));
}
