import type { Transaction } from '../schema/transaction.js';

/** Why a transaction was not processed by the engine. */
export interface EngineRejection {
  readonly id: string;
  readonly code: 'conversion_unavailable';
  readonly message: string;
}

/**
 * Why the engine does not evaluate a transaction it cannot convert into the jurisdiction's
 * currency (the message `tidewatch scan`'s currency hint reads). Shared with the router.
 * @internal
 */
export function conversionRejection(tx: Transaction, currency: string): EngineRejection {
  return {
    id: tx.id,
    code: 'conversion_unavailable',
    message: `no FX rate from ${tx.currency} to ${currency} for ${new Date(tx.timestamp).toISOString().slice(0, 10)}; transaction not evaluated`,
  };
}
