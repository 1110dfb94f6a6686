import type { TransactionKind } from '../schema/transaction.js';
import type { Transaction } from '../schema/transaction.js';
import type { WindowEvent } from '../rules/types.js';

/** Which side of its transaction an event stands for; decides the derived fields. */
export const SIDE_ORIGINATOR = 0;
export const SIDE_BENEFICIARY = 1;
export const SIDE_CASH_PARTY = 2;
type Side = typeof SIDE_ORIGINATOR | typeof SIDE_BENEFICIARY | typeof SIDE_CASH_PARTY;

const INFLOW = 1;
const REPORTABLE = 2;
const SIDE_SHIFT = 2;

/**
 * The engine's compact {@link WindowEvent}: the fields rules scan in their loops (`ts`, `amount`,
 * `kind`, `counterparty`, `day`, `unit`) are own fields; direction, reportability and the event's
 * side share one small integer; everything that is a plain copy of a transaction field (`id`,
 * `channel`, `conductor`, `location`, the counterparty's name and country, the own country) is a
 * getter on the prototype that reads the transaction. Same values as the former 18-field object
 * literal, in 8 fields (about 90 bytes less per event in windows).
 */
export class EngineEvent implements WindowEvent {
  readonly tx: Transaction;
  readonly ts: number;
  readonly amount: number;
  readonly kind: TransactionKind;
  readonly counterparty: string | undefined;
  readonly day: number;
  readonly unit: number;
  private readonly bits: number;
  /**
   * Memo of `payerOf(…, anonymous)` and `payerOf(…, strict)` for this event (rules/_payments.ts):
   * `undefined` until first asked, `null` for "no payer". The payer depends only on the event, its
   * entity's reference data and the configuration, so every rule and every later evaluation that
   * reads this event shares one resolution.
   */
  payerAnon: unknown = undefined;
  payerStrict: unknown = undefined;

  constructor(tx: Transaction, amount: number, side: Side, inflow: boolean, counterparty: string | undefined, day: number, unit: number, reportable: boolean) {
    this.tx = tx;
    this.ts = tx.timestamp;
    this.amount = amount;
    this.kind = tx.kind;
    this.counterparty = counterparty;
    this.day = day;
    this.unit = unit;
    this.bits = (inflow ? INFLOW : 0) | (reportable ? REPORTABLE : 0) | (side << SIDE_SHIFT);
  }

  get id(): string {
    return this.tx.id;
  }
  get direction(): 'in' | 'out' {
    return (this.bits & INFLOW) !== 0 ? 'in' : 'out';
  }
  get reportable(): boolean {
    return (this.bits & REPORTABLE) !== 0;
  }
  get channel(): WindowEvent['channel'] {
    return this.tx.channel;
  }
  get conductor(): string | undefined {
    return this.tx.conductor;
  }
  get location(): string | undefined {
    return this.tx.location;
  }
  get counterpartyName(): string | undefined {
    const side = this.bits >>> SIDE_SHIFT;
    return side === SIDE_ORIGINATOR ? this.tx.toName : side === SIDE_BENEFICIARY ? this.tx.fromName : undefined;
  }
  get counterpartyCountry(): string | undefined {
    const side = this.bits >>> SIDE_SHIFT;
    return side === SIDE_ORIGINATOR ? this.tx.toCountry : side === SIDE_BENEFICIARY ? this.tx.fromCountry : undefined;
  }
  get ownCountry(): string | undefined {
    const side = this.bits >>> SIDE_SHIFT;
    return side === SIDE_ORIGINATOR ? this.tx.fromCountry : side === SIDE_BENEFICIARY ? this.tx.toCountry : this.tx.locationCountry;
  }
}
