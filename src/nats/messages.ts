import type { CheckpointFingerprint } from '../engine/options.js';
import { checkTransaction } from '../engine/validate-input.js';
import type { Transaction } from '../schema/transaction.js';
import { shareTransactionStrings } from '../schema/string-pool.js';

/** Header naming what a message on a partition subject is. @category NATS */
export const KIND_HEADER = 'Tidewatch-Kind';
/** Header with the message's partition-local position: 0 the start marker, 1..n transactions, n + 1 the end marker. @category NATS */
export const POSITION_HEADER = 'Tidewatch-Position';

/** The start marker of a partition: what its transactions were routed under. @category NATS */
export interface StartMarker {
  readonly partitions: number;
  readonly fingerprint: CheckpointFingerprint;
}

/** The end marker of a partition: nothing follows it; workers flush on it. @category NATS */
export interface EndMarker {
  /** Transactions routed to this partition (positions 1..transactions). */
  readonly transactions: number;
}

/** A decoded message of a partition subject. @category NATS */
export type PartitionMessage =
  | { readonly kind: 'start'; readonly position: 0; readonly start: StartMarker }
  | { readonly kind: 'tx'; readonly position: number; readonly tx: Transaction }
  | { readonly kind: 'end'; readonly position: number; readonly end: EndMarker };

/** Why a message cannot be applied; it goes to the dead-letter subject with this reason. @category NATS */
export interface Malformed {
  readonly malformed: string;
  /** The position, when the header was readable (the worker then moves past it). */
  readonly position?: number;
}

const decoder = new TextDecoder();

/**
 * Decodes a message of a partition subject from its headers and payload. Never throws: anything
 * that is not a well-formed start marker, valid transaction (`checkTransaction`) or end marker comes
 * back as {@link Malformed} with the reason.
 * @category NATS
 * @example decodePartitionMessage('tx', '1', new TextEncoder().encode('{}')) // → { malformed: 'not a valid transaction: …', position: 1 }
 */
export function decodePartitionMessage(kind: string | undefined, position: string | undefined, data: Uint8Array): PartitionMessage | Malformed {
  const pos = position !== undefined && /^\d{1,15}$/.test(position) ? Number(position) : undefined;
  const bad = (reason: string): Malformed => (pos === undefined ? { malformed: reason } : { malformed: reason, position: pos });
  if (pos === undefined) return bad(`missing or invalid ${POSITION_HEADER} header`);
  let body: unknown;
  try {
    body = JSON.parse(decoder.decode(data));
  } catch {
    return bad('payload is not JSON');
  }
  const o = body as Record<string, unknown> | null;
  switch (kind) {
    case 'tx': {
      if (pos < 1) return bad('a transaction at position 0');
      const problems = checkTransaction(body);
      if (problems.length > 0) return bad(`not a valid transaction: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ').slice(0, 500)}`);
      // Parsed strings are fresh copies per message: share the repeated ones (string-pool.ts).
      return { kind: 'tx', position: pos, tx: shareTransactionStrings(body as Transaction) };
    }
    case 'start':
      if (pos !== 0 || o === null || typeof o !== 'object' || !Number.isInteger(o['partitions']) || typeof o['fingerprint'] !== 'object' || o['fingerprint'] === null) return bad('not a start marker');
      return { kind: 'start', position: 0, start: body as StartMarker };
    case 'end':
      if (o === null || typeof o !== 'object' || o['transactions'] !== pos - 1) return bad('not an end marker');
      return { kind: 'end', position: pos, end: body as EndMarker };
    default:
      return bad(`unknown ${KIND_HEADER} header "${String(kind).slice(0, 40)}"`);
  }
}

/** What a partition worker publishes last, after its alerts and candidates: its counts. @category NATS */
export interface DoneMarker {
  readonly partition: number;
  readonly partitions: number;
  /** Transactions applied by the partition's engine. */
  readonly applied: number;
  readonly deadLettered: number;
  /** Distinct entity alerts published on the partition's entity subject (evicted and final). */
  readonly alerts: number;
  /** Entity alerts published on its candidate subject (for the network stage). */
  readonly candidates: number;
  /** Transactions its engine could not evaluate (no FX rate): 0 when publisher and worker share the FX table. */
  readonly rejected: number;
  readonly configHash: string;
}

/** What the network stage publishes last: how many network alerts precede it. @category NATS */
export interface NetworkDoneMarker {
  readonly partitions: number;
  readonly alerts: number;
  readonly configHash: string;
}
