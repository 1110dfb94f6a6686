import type { IndicatorFamily } from '../rules/types.js';
import type { AccountType } from '../schema/reference-data.js';
import type { Alert, AlertHit } from '../scoring/alert.js';

/**
 * Whether a hit's links must not join a network (see `networkAlerts`): the fan-out of an employer
 * that is no member itself (`member` false: too little evidence of its own to be part of a case) —
 * a business or government account whose alert shows no money-flow evidence but its own fan-outs
 * (no collection, funnel, relay, structuring or debt pattern). Such a fan-out is a payroll or a
 * supplier run: its recipients share an employer, not a money trail (issue 14: an employer's
 * monthly wages to 68 workers, its own alert at 13, joined two tenants who send money home into a
 * debt collector's network, at the collector's score). The fan-out still scores on the employer's
 * own alert; an employer that is a member keeps its links (its component is then judged as a
 * whole, and split over links seen from both ends when too large); links carried by any other hit
 * — a collector naming its payers, a payer's series naming its collector, a front business's
 * funnel naming its senders — are untouched.
 * @internal
 * @example if (isPayrollLink(alert, hit, member, (id) => accounts.get(id)?.type, familyOf)) continue;
 */
export function isPayrollLink(
  alert: Pick<Alert, 'entity' | 'hits'>,
  hit: Pick<AlertHit, 'rule'>,
  member: boolean,
  typeOf: (account: string) => AccountType | undefined,
  familyOf: (rule: string) => IndicatorFamily | undefined,
): boolean {
  if (member || hit.rule !== FAN_OUT || alert.entity.kind !== 'account') return false;
  const type = typeOf(alert.entity.id);
  if (type !== 'business' && type !== 'government') return false;
  return !alert.hits.some((h) => {
    if (h.rule === FAN_OUT) return false;
    const f = familyOf(h.rule);
    return f !== undefined && f !== 'context' && f !== 'identity';
  });
}

const FAN_OUT = 'fan_out';
