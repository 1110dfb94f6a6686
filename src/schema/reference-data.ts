/**
 * Normalized reference data joined to transactions by id (DESIGN §2). The zod schemas and CSV
 * readers for them live in account.ts and party.ts; rules only depend on these shapes.
 */

/** @category Schema */
export const ACCOUNT_TYPES = ['personal', 'business', 'msb', 'ngo', 'government'] as const;
/** @category Schema */
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** One row of `accounts.csv`, normalized. @category Schema */
export interface Account {
  readonly account: string;
  readonly party?: string;
  readonly type?: AccountType;
  /** Epoch ms of opening (UTC). */
  readonly openedAt?: number;
  readonly institution?: string;
  readonly country?: string;
}

/** One row of `parties.csv`, normalized. @category Schema */
export interface Party {
  readonly party: string;
  readonly name?: string;
  readonly country?: string;
  readonly phone?: string;
  readonly address?: string;
  readonly document?: string;
  readonly occupation?: string;
  /** Declared monthly income as an exact decimal string in major units of the scan's currency. */
  readonly declaredMonthlyIncome?: string;
}
