import type { Account, Party } from '../schema/reference-data.js';
import type { Channel, Transaction, TransactionKind } from '../schema/transaction.js';
import type { JurisdictionProfile } from '../jurisdictions/types.js';
import type { IdentityIndex } from './identity/identity.js';

/**
 * Indicator families used for corroboration (RESEARCH §c.6): a high band needs hits from two
 * non-context families; context indicators only amplify.
 * @category Rules
 */
export type IndicatorFamily = 'threshold_avoidance' | 'network_flow' | 'debt_exploitation' | 'identity' | 'context';

/** The kinds of entity a rule keeps windows for and raises hits on. @category Rules */
export type EntityKind = 'account' | 'party';

/** A reference to the entity an alert is about. @category Alerts */
export interface EntityRef {
  readonly kind: EntityKind | 'network';
  readonly id: string;
}

/**
 * One transaction as seen from one entity's window. Amounts are integer minor units in the
 * jurisdiction's currency (converted exactly through the FX table where needed).
 * @category Rules
 */
export interface WindowEvent {
  readonly tx: Transaction;
  readonly id: string;
  /** Epoch ms (UTC). */
  readonly ts: number;
  /** Minor units of the jurisdiction currency. */
  readonly amount: number;
  readonly kind: TransactionKind;
  readonly channel: Channel | undefined;
  /** Relative to the entity: money coming in, or going out. */
  readonly direction: 'in' | 'out';
  /** The other account (the sender of an inflow, the beneficiary of an outflow), if any. */
  readonly counterparty: string | undefined;
  readonly counterpartyName: string | undefined;
  readonly counterpartyCountry: string | undefined;
  /** Country of the entity's own side of the transaction, if given. */
  readonly ownCountry: string | undefined;
  readonly conductor: string | undefined;
  readonly location: string | undefined;
  /** Local calendar day number (days since 1970-01-01) in the jurisdiction's time zone. */
  readonly day: number;
  /** Regulatory aggregation unit key under the jurisdiction's rule (day, business day, month …). */
  readonly unit: number;
  /** Whether this single transaction is at or over the cash threshold (a report is due). */
  readonly reportable: boolean;
}

/**
 * The recent history of one entity, oldest first, as long as the longest enabled rule needs.
 * `events[events.length - 1]` is the event being evaluated.
 *
 * **The window is `events[start..]`, not `events`.** Events before `start` have expired and are
 * kept only until the engine next trims the array; when that happens differs between an
 * uninterrupted run and one restored from a checkpoint. Read the window with `windowEvents`,
 * `windowSize` or `eachRecent`; `events.length` or a loop from 0 gives answers that change with a
 * checkpoint.
 * @category Rules
 */
export interface EntityWindow {
  readonly kind: EntityKind;
  readonly id: string;
  /** Window events from index `start` on; **entries before `start` are expired** (see `windowEvents`). */
  readonly events: readonly WindowEvent[];
  /** Index of the oldest event still inside the retention horizon: the window starts here, not at 0. */
  readonly start: number;
  /**
   * Time (epoch ms) of the newest event that has left the window — aged out of the retention
   * horizon, or the entity's last activity before it was evicted while idle (the engine remembers
   * one number per evicted entity); `undefined` when nothing has left yet. With the events still in
   * the window it tells the full gap before any of them, so a rule can see a long-dormant account
   * re-awaken without keeping months of history.
   */
  readonly expiredTs: number | undefined;
  readonly account: Account | undefined;
  readonly party: Party | undefined;
}

/** What a rule may read besides the window. @category Rules */
export interface RuleContext {
  readonly jurisdiction: JurisdictionProfile;
  readonly accounts: ReadonlyMap<string, Account>;
  readonly parties: ReadonlyMap<string, Party>;
  /** Households and shared identifiers from the reference data. */
  readonly identity: IdentityIndex;
  /** Exact conversion through the FX table; `undefined` when no usable rate exists. */
  readonly convert: (amountMinor: number, from: string, to: string, ts: number) => number | undefined;
}

/** The numbers behind a hit: plain counts, sums in minor units, ratios. @category Rules */
export type HitFacts = Readonly<Record<string, number | string | boolean>>;

/**
 * One rule firing on one entity: the explanation an analyst reads.
 * @category Rules
 */
export interface RuleHit {
  readonly rule: string;
  readonly indicators: readonly string[];
  readonly entity: EntityRef;
  /** 0..1 */
  readonly strength: number;
  /** Epoch ms, inclusive. */
  readonly window: { readonly from: number; readonly to: number };
  readonly transactionIds: readonly string[];
  /** One plain sentence; says "possible … pattern", never a finding. */
  readonly reason: string;
  readonly facts: HitFacts;
  /** Distinguishes sub-signals of one rule (e.g. deposits vs withdrawals) when merging episodes. */
  readonly variant?: string;
  /** Other entities this hit ties to the entity (a collector's payers, a conductor's accounts); used to form network alerts. */
  readonly related?: readonly EntityRef[];
}

/**
 * A rule's incremental state for one entity (rule contract v2): pure transitions on an event
 * entering the rule's window and on an event leaving one of its horizons, from which the rule
 * decides cheaply whether the newest event can raise a hit. The engine keeps one state per entity
 * and rule, calls {@link RuleIncremental.leave} for every event that falls behind a horizon, then
 * {@link RuleIncremental.enter} for the newest event, then {@link Rule.evaluate} with the state.
 *
 * The state must be a function of the events inside the rule's horizons only (aggregates with
 * subtract-on-leave, never "everything ever seen"): the engine does not write it into checkpoints
 * but rebuilds it on restore by replaying the retained window, which gives the same state exactly
 * when that holds. Transitions must not depend on what `evaluate` returned.
 * @category Rules
 * @example
 * // Count of cash deposits in the last 7 days (the newest event's ts minus 7 d, exclusive).
 * const incremental: RuleIncremental<{ n: number }> = {
 *   horizonsMs: [7 * 86_400_000],
 *   init: () => ({ n: 0 }),
 *   enter: (s, e) => { if (e.kind === 'cash_deposit') s.n++; },
 *   leave: (s, e) => { if (e.kind === 'cash_deposit') s.n--; },
 * };
 */
export interface RuleIncremental<S> {
  /**
   * Horizons (ms back from the newest event's time): an event leaves horizon `h` when
   * `event.ts < newest.ts - h`. Each must be at most the rule's `windowMs`.
   */
  readonly horizonsMs: readonly number[];
  /** A fresh state for an entity that has no events in the window. */
  init(): S;
  /** The newest event enters the window (called after the leaves it causes, before `evaluate`). */
  enter(state: S, event: WindowEvent, window: EntityWindow, context: RuleContext): void;
  /** `event` fell behind horizon number `horizon` (an index into `horizonsMs`); events leave each horizon oldest first. */
  leave(state: S, event: WindowEvent, horizon: number, window: EntityWindow, context: RuleContext): void;
  /**
   * Rules whose incremental states have the same `shareKey` keep one state per entity between them:
   * the key must name the transitions and the horizons exactly (the first such rule's are used).
   * For a primitive several rules read the same way (counterparty counts over one lookback).
   */
  readonly shareKey?: string;
}

/**
 * A rule: a pure description of a pattern (STYLE: factory returns plain data), optionally with
 * incremental per-entity state ({@link RuleIncremental}).
 * @category Rules
 */
export interface Rule<Id extends string = string, S = unknown> {
  readonly id: Id;
  readonly indicators: readonly string[];
  readonly family: IndicatorFamily;
  /** The entity kinds whose windows this rule is evaluated on. */
  readonly entities: readonly EntityKind[];
  /** How far back (ms) the rule looks from the newest event. */
  readonly windowMs: number;
  /** The effective options, after defaults, for listing and the config hash. */
  readonly options: Readonly<Record<string, unknown>>;
  /** One sentence describing what a hit means. */
  readonly description: string;
  /** Incremental per-entity state (rule contract v2); rules without it read only the window. */
  readonly incremental?: RuleIncremental<S>;
  /**
   * Called for each new event in an entity's window, with the rule's incremental state when it has
   * one; returns zero or more hits. Never throws on valid input.
   */
  evaluate(window: EntityWindow, context: RuleContext, state: S): readonly RuleHit[];
}
