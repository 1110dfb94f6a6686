import { countedKeysAdd, countedKeysRemove, createCountedKeys, type CountedKeys } from '../../engine/incremental/index.js';
import type { EntityWindow, RuleContext, WindowEvent } from '../types.js';
import { latestSenderOf, rawSenderOf, type SenderIndex } from './sender-index.js';
import { DAY_MS, flowReference } from '../_lib.js';
import { counterpartyCountryOf, ownCountryOf } from '../_payments.js';

/**
 * @internal Incremental state of {@link funnelAccount}'s gate for one account: over the inflows
 * that can count (a sender written on them, at least the minimum payment), how many distinct
 * senders as written (raw ids) paid in the short and the long window — each raw sender's own
 * counts are kept on its entry in the rule's {@link SenderIndex} — and the distinct regions in the
 * long window. Raw senders are never fewer than the counted sender families and the regions of all
 * such inflows never fewer than those of the counted ones (a superset adds a region or keeps the
 * count), so `mayFire` is a necessary condition of a hit: evaluations it rules out cannot fire.
 */
export interface FunnelGateState {
  /** Raw senders with a counted inflow in the short window, and in the long window. */
  sendersShort: number;
  sendersLong: number;
  /** Region → inflows in the long window, except the unspecified domestic one. */
  regions: CountedKeys<string> | undefined;
  /** Inflows in the long window from an unspecified domestic region. */
  domestic: number;
  /** Distinct regions in `regions` that are institutions or places (not countries). */
  specific: number;
  /** Inflows in the long window that carry no geography at all (see {@link hasNoGeography}). */
  geoless: number;
}

/** @internal What the gate needs of the rule's options. */
export interface FunnelGateOptions {
  readonly shortWindowDays: number;
  readonly longWindowDays: number;
  readonly minSendersShort: number;
  readonly minSendersLong: number;
  readonly minRegions: number;
  readonly minPaymentShareOfThreshold: number;
}

/** The sender as written on an inflow (cheap, no normalising); `undefined` for the holder's own cash or an outflow. */
export function rawSenderId(e: WindowEvent, holderParty: string | undefined): string | undefined {
  if (e.direction !== 'in') return undefined;
  if (e.kind === 'transfer') return e.counterparty ?? (e.counterpartyName === undefined ? undefined : `n|${e.counterpartyName}`);
  if (e.kind !== 'cash_deposit') return undefined;
  if (e.conductor !== undefined) return e.conductor === holderParty ? undefined : `c|${e.conductor}`;
  return e.counterpartyName === undefined ? undefined : `n|${e.counterpartyName}`;
}

/** Where a payment came from: a country abroad (`c:`), else the sender's institution (`i:`) or the cash location (`l:`), else 'domestic'. */
export function regionOf(e: WindowEvent, own: string | undefined, context: RuleContext): string {
  if (e.kind === 'cash_deposit') {
    if (e.location !== undefined) return `l:${e.location}`;
    const c = e.tx.locationCountry;
    return c !== undefined && own !== undefined && c !== own ? `c:${c}` : 'domestic';
  }
  const c = counterpartyCountryOf(e, context);
  if (c !== undefined && own !== undefined && c !== own) return `c:${c}`;
  const inst = e.tx.fromInstitution ?? (e.counterparty === undefined ? undefined : context.accounts.get(e.counterparty)?.institution);
  if (inst !== undefined) return `i:${inst}`;
  return 'domestic'; // nothing more precise known: one unspecified domestic region
}

/**
 * Whether an inflow says nothing about where it came from: no country on either side (transaction
 * or accounts.csv), no sender institution, no cash location. Exports without geography (AMLSim, many
 * integrators' feeds) make every payment like this; the region condition then cannot be judged.
 */
export function hasNoGeography(e: WindowEvent, window: EntityWindow, context: RuleContext): boolean {
  if (e.ownCountry !== undefined || window.account?.country !== undefined) return false;
  if (e.kind === 'cash_deposit') return e.location === undefined && e.tx.locationCountry === undefined;
  if (counterpartyCountryOf(e, context) !== undefined) return false;
  return e.tx.fromInstitution === undefined && (e.counterparty === undefined || context.accounts.get(e.counterparty)?.institution === undefined);
}

/** Distinct regions of a set: countries abroad, institutions and places; unspecified domestic senders count once, only where nothing more precise is known. */
export function regionCount(distinct: number, domestic: boolean, specific: boolean): number {
  return distinct + (domestic && !specific ? 1 : 0);
}

/** @internal The gate's transitions (horizon 0 is the short window, horizon 1 the long one), over the rule's sender index, which has already taken in an entering event and not yet let go of a leaving one. */
export interface FunnelGate {
  readonly horizonsMs: readonly number[];
  init(): FunnelGateState;
  enter(state: FunnelGateState, index: SenderIndex, e: WindowEvent, window: EntityWindow, context: RuleContext): void;
  leave(state: FunnelGateState, index: SenderIndex, e: WindowEvent, horizon: number, window: EntityWindow, context: RuleContext): void;
  mayFire(state: FunnelGateState): boolean;
}

/** @internal The gate of {@link funnelAccount} (see {@link FunnelGateState}). */
export function funnelGate(o: FunnelGateOptions): FunnelGate {
  // An event is inside a window of D days when ts > newest − D, i.e. it leaves once ts < newest − (D − 1 ms).
  const counts = (e: WindowEvent, window: EntityWindow, context: RuleContext): string | undefined => {
    if (e.amount < o.minPaymentShareOfThreshold * flowReference(context.jurisdiction)) return undefined;
    return rawSenderId(e, window.account?.party);
  };
  const region = (e: WindowEvent, window: EntityWindow, context: RuleContext): string => regionOf(e, ownCountryOf(window, e) ?? context.jurisdiction.code, context);
  return {
    horizonsMs: [o.shortWindowDays * DAY_MS - 1, o.longWindowDays * DAY_MS - 1],
    init: () => ({ sendersShort: 0, sendersLong: 0, regions: undefined, domestic: 0, specific: 0, geoless: 0 }),
    enter(s, index, e, window, context) {
      // The index has just taken the event in: its sender, if it has one, is the index's latest.
      if (e.amount < o.minPaymentShareOfThreshold * flowReference(context.jurisdiction)) return;
      const sender = latestSenderOf(index, e);
      if (sender === undefined) return;
      if (sender.countedShort++ === 0) s.sendersShort++;
      if (sender.countedLong++ === 0) s.sendersLong++;
      if (hasNoGeography(e, window, context)) s.geoless++;
      const r = region(e, window, context);
      if (r === 'domestic') s.domestic++;
      else if (countedKeysAdd((s.regions ??= createCountedKeys()), r) === 1 && !r.startsWith('c:')) s.specific++;
    },
    leave(s, index, e, horizon, window, context) {
      const raw = counts(e, window, context);
      if (raw === undefined) return;
      const sender = rawSenderOf(index, raw);
      if (horizon === 0) {
        if (--sender.countedShort === 0) s.sendersShort--;
        return;
      }
      if (--sender.countedLong === 0) s.sendersLong--;
      if (hasNoGeography(e, window, context)) s.geoless--;
      const r = region(e, window, context);
      if (r === 'domestic') s.domestic--;
      else if (countedKeysRemove(s.regions as CountedKeys<string>, r) === 0 && !r.startsWith('c:')) s.specific--;
    },
    // Without any geography the region condition stands down (the rule weakens instead): a geoless inflow keeps the gate open.
    mayFire: (s) =>
      (regionCount(s.regions?.size ?? 0, s.domestic > 0, s.specific > 0) >= o.minRegions || s.geoless > 0) && (s.sendersShort >= o.minSendersShort || s.sendersLong >= o.minSendersLong),
  };
}
