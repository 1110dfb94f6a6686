import { localDay, unitKey } from '../jurisdictions/units.js';
import { reportableAmount } from '../rules/_lib.js';
import type { EntityKind, Rule, WindowEvent } from '../rules/types.js';
import type { Account, Party } from '../schema/reference-data.js';
import type { Transaction } from '../schema/transaction.js';
import type { Alert } from '../scoring/alert.js';
import { buildAlert, scoreOfEntity } from './build-alert.js';
import { cashPartyOf } from './cash-party.js';
import type { EngineConfig } from './config.js';
import type { CoreSnapshot } from './core-snapshot.js';
import { NO_EPISODES, addEvidenceHit, hitsSnapshot, restoreHits } from './entity-hits.js';
import { addHit, hasEndedBefore, pruneEpisodes, type Episode } from './episodes.js';
import { evidenceEndedBefore, evidenceOf, type Evidence } from './evidence.js';
import { EVIDENCE_KINDS, evidenceKindIndex, isEvidenceHit } from './evidence-kinds.js';
import { incrementalSlots, type IncrementalSlot } from './incremental-slots.js';
import { DEFAULT_MIN_MEMBER_SCORE, isEvidenceCandidate, isNetworkCandidate, isReported, reportedNetworkAlertsOf } from './network.js';
import { candidateOfParts, type NetworkCandidate } from './network-candidate.js';
import { checkPartition, partitionOf, type Partition } from './partition.js';
import { conversionRejection, type EngineRejection } from './rejection.js';
import { retire, revive, reviveCandidate, type RetiredAlert } from './retired-alert.js';
import { appendCompact, dropDeadPrefix } from './incremental/fifo.js';
import { sweepInterval } from './sweep-interval.js';
import { EngineEvent, SIDE_BENEFICIARY, SIDE_CASH_PARTY, SIDE_ORIGINATOR } from './window-event.js';

/** Per-entity state; it is also the window rules read. */
export interface EntityState {
  readonly kind: EntityKind;
  readonly id: string;
  events: WindowEvent[];
  start: number;
  /** Absolute position (events appended since the entity was created) of `events[0]`. */
  base: number;
  /**
   * Incremental state per stateful rule of the entity's kind, by slot (see {@link IncrementalSlot}),
   * then the absolute position (events appended since the entity was created) of the oldest event
   * still inside each (stateful rule, horizon), flattened — one array for both (an array less per
   * entity); undefined before the first event.
   */
  ruleStates: unknown[] | undefined;
  lastTs: number;
  expiredTs: number | undefined;
  episodes: Map<string, Episode[]>;
  /**
   * Strength-0 evidence found on the entity (layering hops, fan legs), kept compact (see
   * evidence.ts): its one record, or its records in the order found; undefined without any.
   */
  evidence: Evidence | undefined;
  anchor: string | undefined;
  dirty: boolean;
  readonly account: Account | undefined;
  readonly party: Party | undefined;
}

/**
 * The engine proper: processes transactions strictly in the order given (the callers guarantee
 * time order), keeps per-entity windows and hit episodes, and evicts idle entities.
 */
export function createCore(config: EngineConfig, partition: Partition = { index: 0, count: 1 }) {
  checkPartition(partition);
  /** Whether this core keeps the entity (always, unless the engine is partitioned). */
  const owns = partition.count === 1 ? () => true : (kind: EntityKind, id: string): boolean => partitionOf(kind, id, partition.count) === partition.index;
  const accountStates = new Map<string, EntityState>();
  const partyStates = new Map<string, EntityState>();
  const ruleByKind: Record<EntityKind, Rule[]> = {
    account: config.rules.filter((r) => r.entities.includes('account')),
    party: config.rules.filter((r) => r.entities.includes('party')),
  };
  const slotsByKind = { account: incrementalSlots(ruleByKind.account), party: incrementalSlots(ruleByKind.party) };
  const incrementalByKind: Record<EntityKind, readonly IncrementalSlot[]> = { account: slotsByKind.account.slots, party: slotsByKind.party.slots };
  /** Per rule of a kind, the index of its slot in {@link EntityState.ruleStates}, or -1 for a rule without state (rules sharing a state share a slot). */
  const slotOfRule: Record<EntityKind, readonly number[]> = { account: slotsByKind.account.slotOf, party: slotsByKind.party.slotOf };
  const cursorsByKind: Record<EntityKind, number> = {
    account: incrementalByKind.account.reduce((n, slot) => n + slot.incremental.horizonsMs.length, 0),
    party: incrementalByKind.party.reduce((n, slot) => n + slot.incremental.horizonsMs.length, 0),
  };
  const { profile, context } = config;
  const maxRetention = Math.max(config.retention.account, config.retention.party, 1);
  const sweepEvery = sweepInterval(config.retention);
  let lastSweep = Number.NEGATIVE_INFINITY;
  let processed = 0;
  /**
   * Final alerts of evicted entities that can join networks (score ≥ the member minimum), kept for
   * the network alerts at the end of the run while they are recent: an alert whose last evidence is
   * more than twice the longest retention before the newest sweep is dropped. Memory follows the
   * rate of alerts, not the length of history (measured: keeping every scored alert made a 3M-row,
   * 540-day stream hold 2.5× the state of a 1M-row, 180-day one).
   */
  let retired: RetiredAlert[] = [];

  /**
   * Last activity of entities evicted while idle, by kind: one number per entity ever evicted (not
   * per event), so a re-awakened account's gap stays visible (EntityWindow.expiredTs).
   */
  const dormant: Record<EntityKind, Map<string, number>> = { account: new Map(), party: new Map() };

  function entity(kind: EntityKind, id: string): EntityState {
    const map = kind === 'account' ? accountStates : partyStates;
    let state = map.get(id);
    if (state === undefined) {
      const last = dormant[kind].get(id);
      if (last !== undefined) dormant[kind].delete(id);
      state = {
        kind, id, events: [], start: 0, base: 0, ruleStates: undefined, lastTs: last ?? 0, expiredTs: last,
        episodes: NO_EPISODES, evidence: undefined, anchor: undefined, dirty: false,
        account: kind === 'account' ? context.accounts.get(id) : undefined,
        party: kind === 'party' ? context.parties.get(id) : context.parties.get(context.accounts.get(id)?.party ?? ''),
      };
      map.set(id, state);
    }
    return state;
  }

  /**
   * Appends an event to an entity's window: the events it pushes behind each stateful rule's
   * horizons leave that rule's state, the retention horizon moves, and the event enters every
   * stateful rule's state. Shared by processing and by restoring a checkpoint (which replays the
   * retained window, so rule states are rebuilt exactly).
   */
  function append(state: EntityState, event: WindowEvent): void {
    const slots = incrementalByKind[state.kind];
    // Most entities see one to three events in a window: short windows are held at their size, not in push's 17 slots.
    state.events = appendCompact(state.events, event);
    state.lastTs = event.ts;
    if (slots.length > 0) {
      if (state.ruleStates === undefined) {
        // Exact size: one state per stateful rule, then one cursor per horizon (allocated once per entity).
        const all = new Array<unknown>(slots.length + cursorsByKind[state.kind]);
        for (let i = 0; i < slots.length; i++) all[i] = (slots[i] as IncrementalSlot).incremental.init();
        all.fill(state.base + state.start, slots.length);
        state.ruleStates = all;
      }
      const ruleStates = state.ruleStates;
      const cursors = slots.length; // offset of the first cursor
      const newest = state.base + state.events.length - 1;
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i] as IncrementalSlot;
        const { incremental } = slot;
        const rs = ruleStates[i];
        for (let h = 0; h < incremental.horizonsMs.length; h++) {
          const limit = event.ts - (incremental.horizonsMs[h] as number);
          let c = ruleStates[cursors + slot.cursor + h] as number;
          while (c < newest) {
            const old = state.events[c - state.base] as WindowEvent;
            if (old.ts >= limit) break;
            incremental.leave(rs, old, h, state, context);
            c++;
          }
          ruleStates[cursors + slot.cursor + h] = c;
        }
      }
    }
    const horizon = event.ts - config.retention[state.kind];
    const { events } = state;
    while (state.start < events.length && (events[state.start] as WindowEvent).ts < horizon) {
      state.expiredTs = (events[state.start] as WindowEvent).ts;
      state.start++;
    }
    const dropped = dropDeadPrefix(events, state.start);
    state.base += dropped;
    state.start -= dropped;
    if (slots.length > 0) {
      const ruleStates = state.ruleStates as unknown[];
      for (let i = 0; i < slots.length; i++) (slots[i] as IncrementalSlot).incremental.enter(ruleStates[i], event, state, context);
    }
  }

  function observe(kind: EntityKind, id: string, event: WindowEvent, touched: Set<EntityState>): void {
    const rules = ruleByKind[kind];
    if (rules.length === 0) return;
    const state = entity(kind, id);
    append(state, event);
    const ruleStates = state.ruleStates;
    const slotOf = slotOfRule[kind];
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r] as Rule;
      const slot = slotOf[r] as number;
      const hits = rule.evaluate(state, context, ruleStates === undefined || slot < 0 ? undefined : ruleStates[slot]);
      for (const hit of hits) {
        // Strength-0 evidence is kept as compact records (evidence.ts), every other hit as an episode; either anchors a case that has none.
        const added = isEvidenceHit(hit)
          ? addEvidenceHit(state, evidenceKindIndex(hit.rule), hit)
          : addHit(state.episodes === NO_EPISODES ? (state.episodes = new Map()) : state.episodes, hit);
        if (added) {
          state.anchor ??= hit.transactionIds[0];
          state.dirty = true;
        }
      }
    }
    if (state.dirty) touched.add(state);
  }

  /**
   * Calls `visit` with the window events a transaction creates for the entities this core owns: one
   * per account side, one for the cash conductor (or, without one, the account holder's party). No
   * intermediate arrays, and no event for another partition's entity: this runs once per transaction.
   */
  function eachEvent(tx: Transaction, amount: number, visit: (kind: EntityKind, id: string, event: WindowEvent) => void): void {
    const cash = tx.kind !== 'transfer';
    const day = localDay(profile, tx.timestamp);
    const unit = unitKey(profile, tx.timestamp);
    const reportable = cash && reportableAmount(profile, amount);
    const from = tx.fromAccount;
    const to = tx.toAccount;
    if (from !== undefined && owns('account', from)) visit('account', from, new EngineEvent(tx, amount, SIDE_ORIGINATOR, false, to, day, unit, reportable));
    if (to !== undefined && to !== from && owns('account', to)) visit('account', to, new EngineEvent(tx, amount, SIDE_BENEFICIARY, true, from, day, unit, reportable));
    if (cash) {
      const deposit = tx.kind === 'cash_deposit';
      const party = cashPartyOf(tx, context.accounts);
      if (party !== undefined && owns('party', party)) visit('party', party, new EngineEvent(tx, amount, SIDE_CASH_PARTY, deposit, deposit ? to : from, day, unit, reportable));
    }
  }

  /** The transaction's amount in the jurisdiction currency, or undefined when it cannot be converted. */
  function amountOf(tx: Transaction): number | undefined {
    return context.convert(tx.amount, tx.currency, profile.currency, tx.timestamp);
  }

  /** Processes one transaction; returns a rejection when it cannot be evaluated. */
  function process(tx: Transaction, touched: Set<EntityState>, finished: Alert[]): EngineRejection | undefined {
    const amount = amountOf(tx);
    if (amount === undefined) return conversionRejection(tx, profile.currency);
    processed++;
    if (tx.timestamp - lastSweep >= sweepEvery) {
      sweep(tx.timestamp, finished);
      lastSweep = tx.timestamp;
    }
    eachEvent(tx, amount, (kind, id, event) => observe(kind, id, event, touched));
    return undefined;
  }

  /** Finalizes and forgets entities idle for longer than their retention. */
  function sweep(now: number, finished: Alert[]): void {
    const keepFrom = now - 2 * maxRetention;
    // Cases span the longest retention of any kind (180 days by default) whatever the entity's own (a conductor's 30 days), so hits a few months apart still add up.
    const caseFrom = now - maxRetention;
    if (retired.length > 0) retired = retired.filter((r) => r.lastSeen >= keepFrom);
    for (const map of [accountStates, partyStates]) {
      for (const [id, state] of map) {
        const horizon = now - config.retention[state.kind];
        if (state.episodes !== NO_EPISODES) pruneEpisodes(state.episodes, horizon);
        if (state.lastTs < horizon) {
          close(state, finished);
          map.delete(id);
          dormant[state.kind].set(id, state.lastTs);
        } else if ((state.episodes !== NO_EPISODES && hasEndedBefore(state.episodes, caseFrom)) || (state.evidence !== undefined && evidenceEndedBefore(EVIDENCE_KINDS, state.evidence, caseFrom))) {
          // Still active, but part of its case lies more than the longest retention back: the case is closed as at eviction, and a later hit opens a new one.
          close(state, finished);
          state.episodes = NO_EPISODES;
          state.evidence = undefined;
          state.anchor = undefined;
          state.dirty = false;
        }
      }
    }
  }

  /** Hands on an entity's alert as final: kept for network alerts if it can be a member, output if it reaches the minimum score. */
  function close(state: EntityState, finished: Alert[]): void {
    const candidate = candidateOfState(state);
    if (candidate === undefined) return;
    const { alert } = candidate;
    // Only alerts that can be members, or carry layering hops or fan legs, are kept once final (fainter ones could only bridge).
    if ((isNetworkCandidate(alert) && alert.score >= DEFAULT_MIN_MEMBER_SCORE) || isEvidenceCandidate(candidate)) retired.push(retire(alert, state.evidence));
    if (isReported(alert, config.minScore)) finished.push(alert);
  }

  /**
   * The entity's alert whatever its score, as reported (without its evidence hits: built so, never
   * built only to drop them), with its evidence records by kind; undefined without hits.
   */
  function candidateOfState(state: EntityState): NetworkCandidate | undefined {
    if ((state.episodes.size === 0 && state.evidence === undefined) || state.anchor === undefined) return undefined;
    const alert = buildAlert(state, config, undefined, true);
    const evidence = state.evidence;
    if (evidence === undefined) return { alert };
    return candidateOfParts(alert, EVIDENCE_KINDS.map((_, k) => evidenceOf(EVIDENCE_KINDS, evidence, k)));
  }

  /** The entity's alert if it reaches the minimum score (scored first: most updates stay below it and build no alert). */
  function alertOf(state: EntityState): Alert | undefined {
    // Evidence alone (strength 0) is never reported: no alert to build (most entities with evidence have nothing else).
    if (state.episodes.size === 0 || state.anchor === undefined) return undefined;
    const { score, anyStrength } = scoreOfEntity(state, config);
    if (!anyStrength || score.score < config.minScore) return undefined;
    // anyStrength and the score make it reported: built as reportedAlert would leave it, without its evidence hits.
    return buildAlert(state, config, score, true);
  }

  /** Live window events (inside the retention horizon) over all entities; O(entities), for stats only. */
  function windowEvents(): number {
    let n = 0;
    for (const map of [accountStates, partyStates]) for (const state of map.values()) n += state.events.length - state.start;
    return n;
  }

  /** Every live entity state, accounts first, in insertion order. */
  function liveStates(): EntityState[] {
    return [...accountStates.values(), ...partyStates.values()];
  }

  /** Alerts of every live entity (at the end of a batch or on flush). */
  function liveAlerts(): Alert[] {
    const out: Alert[] = [];
    for (const state of liveStates()) {
      const alert = alertOf(state);
      if (alert !== undefined) out.push(alert);
    }
    return out;
  }

  /**
   * End of input: the alerts of every live entity at or above the minimum score, then the network
   * alerts (at or above it too) over every entity alert of the run — evicted ones and live ones.
   * The live entities stay as they are, so more input may follow.
   */
  function finish(): Alert[] {
    const { alerts, candidates } = finishEntities();
    for (const alert of reportedNetworkAlertsOf(candidates, config, config.minScore)) alerts.push(alert);
    return alerts;
  }

  /**
   * End of input for this core's entities: their alerts at or above the minimum score, and every
   * entity alert that can join a network (evicted and live) — what a partition hands to the merge
   * that forms network alerts over all partitions ({@link mergePartitions}).
   */
  function finishEntities(): { alerts: Alert[]; candidates: NetworkCandidate[] } {
    const candidates = retired.map(reviveCandidate);
    const alerts = finishLive((c) => candidates.push(c));
    return { alerts, candidates };
  }

  /** The live entities' part of {@link finishEntities}: each candidate to `each`; returns the alerts at or above the minimum score. */
  function finishLive(each: (candidate: NetworkCandidate) => void): Alert[] {
    const alerts: Alert[] = [];
    for (const state of liveStates()) {
      const candidate = candidateOfState(state);
      if (candidate === undefined) continue;
      if (isNetworkCandidate(candidate.alert) || isEvidenceCandidate(candidate)) each(candidate);
      if (isReported(candidate.alert, config.minScore)) alerts.push(candidate.alert);
    }
    return alerts;
  }

  /**
   * {@link finishEntities} handing each candidate to `each` as it is built, in the same order,
   * instead of listing them: a caller that packs them one at a time (a scan worker) never holds
   * every candidate as objects at once. The kept final alerts are let go as they are handed on:
   * the core must take no more input after it. Returns the alerts at or above the minimum score.
   */
  function finishEntitiesInto(each: (candidate: NetworkCandidate) => void): Alert[] {
    const kept: (RetiredAlert | undefined)[] = retired;
    retired = [];
    for (let i = 0; i < kept.length; i++) {
      const r = kept[i] as RetiredAlert;
      kept[i] = undefined; // its JSON can go once revived
      each(reviveCandidate(r));
    }
    kept.length = 0;
    return finishLive(each);
  }

  /** JSON-safe snapshot of every live entity; transactions are listed once and referenced by index. */
  function snapshot(): CoreSnapshot {
    const txIndex = new Map<Transaction, number>();
    const transactions: Transaction[] = [];
    const ref = (tx: Transaction): number => {
      let i = txIndex.get(tx);
      if (i === undefined) {
        i = transactions.length;
        transactions.push(tx);
        txIndex.set(tx, i);
      }
      return i;
    };
    const list: CoreSnapshot['entities'] = [];
    for (const state of liveStates()) {
      list.push({
        kind: state.kind,
        id: state.id,
        events: state.events.slice(state.start).map((e) => ref(e.tx)),
        lastTs: state.lastTs,
        expiredTs: state.expiredTs ?? null,
        ...hitsSnapshot(state),
      });
    }
    return {
      transactions, entities: list, lastSweep: Number.isFinite(lastSweep) ? lastSweep : null, processed, retired: retired.map(revive),
      dormant: { account: [...dormant.account], party: [...dormant.party] },
    };
  }

  /** Restores a snapshot taken by {@link snapshot} from an engine with the same configuration. */
  function restore(snap: CoreSnapshot): void {
    accountStates.clear();
    partyStates.clear();
    dormant.account = new Map(snap.dormant?.account ?? []);
    dormant.party = new Map(snap.dormant?.party ?? []);
    for (const e of snap.entities) {
      const state = entity(e.kind, e.id);
      for (const i of e.events) {
        const tx = snap.transactions[i] as Transaction;
        let own: WindowEvent | undefined;
        eachEvent(tx, amountOf(tx) as number, (kind, id, event) => {
          if (own === undefined && kind === e.kind && id === e.id) own = event;
        });
        if (own !== undefined) append(state, own);
      }
      state.lastTs = e.lastTs;
      state.expiredTs = e.expiredTs ?? undefined;
      restoreHits(state, e);
    }
    lastSweep = snap.lastSweep ?? Number.NEGATIVE_INFINITY;
    processed = snap.processed;
    retired = (snap.retired ?? []).map((a) => retire(a));
  }

  return {
    process,
    snapshot,
    restore,
    alertOf,
    liveAlerts,
    liveStates,
    finish,
    finishEntities,
    finishEntitiesInto,
    stats: () => ({ processed, entities: accountStates.size + partyStates.size, windowEvents: windowEvents() }),
  };
}

/** The engine core's interface. */
export type EngineCore = ReturnType<typeof createCore>;

