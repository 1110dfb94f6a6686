import type { IndicatorFamily } from '../rules/types.js';
import type { AccountType } from '../schema/reference-data.js';
import type { AlertHit } from '../scoring/alert.js';
import type { AlertLinks } from './alert-links.js';

/**
 * Whether a hit's links are an employer's payroll (see `networkAlerts`, `components`): the fan-out
 * of a business or government account whose alert shows no money-flow evidence but its own
 * fan-outs (no collection, funnel, relay, structuring or debt pattern). Its recipients share an
 * employer, not a money trail (issue 14: an employer's monthly wages to 68 workers joined two
 * tenants who send money home into a debt collector's network, at the collector's score; a
 * plantation's payroll joined a savings-group member to a corridor collector's). The links still
 * join, but a component one of them holds together is split over its links seen from both ends, as
 * an oversized one is: the collector and the payers whose series name it stay together, the
 * employer's other workers drop out. The fan-out still scores on the employer's own alert; links
 * carried by any other hit (a front business's funnel naming its senders) are untouched.
 * @internal
 * @example const payroll = isPayrollLink(alert, hit, (id) => accounts.get(id)?.type, familyOf);
 */
export function isPayrollLink(
  alert: Pick<AlertLinks, 'entity' | 'hits'>,
  hit: Pick<AlertHit, 'rule'>,
  typeOf: (account: string) => AccountType | undefined,
  familyOf: (rule: string) => IndicatorFamily | undefined,
): boolean {
  if (hit.rule !== FAN_OUT || alert.entity.kind !== 'account') return false;
  const type = typeOf(alert.entity.id);
  if (type !== 'business' && type !== 'government') return false;
  return !alert.hits.some((h) => {
    if (h.rule === FAN_OUT) return false;
    const f = familyOf(h.rule);
    return f !== undefined && f !== 'context' && f !== 'identity';
  });
}

const FAN_OUT = 'fan_out';
