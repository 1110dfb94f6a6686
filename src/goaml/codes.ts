/**
 * Our kinds and channels ↔ a profile's transmode and funds codes, both ways.
 */
import { CHANNELS, type Channel, type Transaction, type TransactionKind } from '../schema/transaction.js';
import type { GoamlCodeRule, GoamlProfile } from './profile.js';

/** Whether a transfer crosses a border: the two sides' countries differ (a missing one counts as the profile's country). */
export function isInternational(tx: Transaction, profile: GoamlProfile): boolean {
  return tx.kind === 'transfer' && (tx.fromCountry ?? profile.country) !== (tx.toCountry ?? profile.country);
}

function pick(rules: readonly GoamlCodeRule[], tx: Transaction, profile: GoamlProfile): string | undefined {
  const scope = tx.kind !== 'transfer' ? undefined : isInternational(tx, profile) ? 'international' : 'domestic';
  return rules.find((r) => (r.kind === undefined || r.kind === tx.kind) && (r.channel === undefined || r.channel === tx.channel) && (r.scope === undefined || r.scope === scope))?.code;
}

/** The profile's transmode code for a transaction (first matching line of `transmodes`). */
export function transmodeCode(tx: Transaction, profile: GoamlProfile): string | undefined {
  return pick(profile.transmodes, tx, profile);
}

/** The funds codes of the two sides: cash where cash changes hands, else the account funds table. */
export function fundsCodes(tx: Transaction, profile: GoamlProfile): { from: string | undefined; to: string | undefined } {
  const accountCode = pick(profile.accountFunds, tx, profile);
  return {
    from: tx.kind === 'cash_deposit' ? profile.cashFunds : accountCode,
    to: tx.kind === 'cash_withdrawal' ? profile.cashFunds : accountCode,
  };
}

const KIND_WORDS: Readonly<Record<TransactionKind, string>> = { cash_deposit: 'Cash deposit', cash_withdrawal: 'Cash withdrawal', transfer: 'Transfer' };

/** The description written when a transaction has no reference (Sri Lanka makes the element mandatory). */
export function describeTransaction(kind: TransactionKind, channel: Channel | undefined): string {
  return channel === undefined ? KIND_WORDS[kind] : `${KIND_WORDS[kind]} (${channel})`;
}

/** The kind implied by the two funds codes: cash in → deposit, cash out → withdrawal, neither → transfer. */
export function kindFromFunds(fromFunds: string | undefined, toFunds: string | undefined, profile: GoamlProfile): TransactionKind | undefined {
  const fromCash = fromFunds === profile.cashFunds;
  const toCash = toFunds === profile.cashFunds;
  if (fromCash && toCash) return undefined;
  return fromCash ? 'cash_deposit' : toCash ? 'cash_withdrawal' : 'transfer';
}

const CHANNEL_COMMENT = /^channel: ([a-z]+)$/;

/** `transmode_comment` carrying our channel exactly (the transmode code alone may stand for several channels). */
export function channelComment(channel: Channel | undefined): string | undefined {
  return channel === undefined ? undefined : `channel: ${channel}`;
}

/** The channel of a read transaction: from our own comment, else the only channel the profile maps onto the transmode. */
export function channelFrom(comment: string | undefined, transmode: string | undefined, profile: GoamlProfile): Channel | undefined {
  const m = comment === undefined ? null : CHANNEL_COMMENT.exec(comment.trim());
  if (m !== null && (CHANNELS as readonly string[]).includes(m[1] as string)) return m[1] as Channel;
  const channels = new Set(profile.transmodes.filter((r) => r.code === transmode && r.channel !== undefined).map((r) => r.channel as Channel));
  return channels.size === 1 ? [...channels][0] : undefined;
}
