import type { Alert } from '../scoring/alert.js';
import { structureAlert } from './layering-alert.js';
import { runChurned } from './layering.js';
import { evidenceKindIndex } from './evidence-kinds.js';
import { fanLegFrom, fanLegTo, type FanLegRecord } from './fan-legs.js';
import { candidateRecords, type NetworkCandidate } from './network-candidate.js';
import { candidateEntity, compareCandidates } from './packed-candidates.js';
import type { NetworkConfig } from './network.js';
import { compareText as cmp } from '../_internal/compare-text.js';

/** Fewest dedicated spokes (distinct payers of a fan-in hub, payees of a fan-out hub) for a fan structure. @category Engine */
export const FAN_MIN_SPOKES = 5;
/**
 * Longest time from the first to the last leg of a fan structure (120 days). AMLSim's fan
 * patterns pay one spoke every 3–20 days over up to five months; five legs fit in 120 days.
 * @category Engine
 */
export const FAN_MAX_SPAN_MS = 120 * 86_400_000;
/** Lookback of the `fan_leg` rule when its hits do not state one (its default, 90 days). */
const DEFAULT_LOOKBACK_MS = 90 * 86_400_000;

/** One dedicated leg as a spoke's `fan_leg` hit states it. */
interface Leg {
  readonly spoke: string;
  readonly hub: string;
  readonly tx: string;
  readonly ts: number;
}

/** Index of the fan leg records in a candidate's evidence. */
const LEGS = evidenceKindIndex('fan_leg');

/**
 * Fan structures over the spokes' `fan_leg` evidence (MS-FAN-02, MS-FAN-03): a hub
 * paid by at least {@link FAN_MIN_SPOKES} distinct dedicated payers (each paying the hub and at most
 * one or two others) within {@link FAN_MAX_SPAN_MS} is a fan-in; a hub paying at least as many
 * dedicated payees (each paid by the hub and at most two others) within that span is a fan-out. A
 * spoke's leg is void when the spoke crossed its degree (a `busy_*` marker) within a lookback of the
 * leg: it was not dedicated, only early in the data; a leg between a spoke and a hub with money both
 * ways (a `mutual` marker: a savings group's member and organiser) is void too. A hub broad on that side during the structure
 * (a `broad_payee` fan-in hub: a hawker's or landlord's customers; a `broad_payer` fan-out hub: a
 * payroll or standing-order book) makes none. Hubs of a
 * non-personal type (business, NGO, government, remitter) make none, nor, when accounts.csv is
 * given, hubs missing from it: many quiet customers paying a shop or many staff paid by an employer
 * are the lawful shape of both, and an outside hub's other business is out of sight. Each structure raises one
 * network alert (layering-alert.ts) whose members are the hub and its spokes, scored on the
 * structure alone. In a churned run (see `runChurned`: most accounts see every counterparty once, as
 * on the AMLSim 20K sample) no fan is formed: there a quiet spoke is every account. Pure and deterministic (depends on the set of alerts, not their order).
 * @param candidates entity alerts of one run with their evidence records (any order; all scores)
 * @param config the engine configuration the alerts were built with
 * @param taken entity ids of network alerts already formed
 * @param covered layering alerts already formed: a fan whose hub and spokes are all members of one
 *   of them (a scatter-gather's source or sink) is not raised again
 * @returns network alerts, ordered by entity id
 * @category Engine
 * @example const fans = fanAlerts(candidates, config, new Set());
 */
export function fanAlerts(candidates: readonly NetworkCandidate[], config: NetworkConfig, taken: ReadonlySet<string> = new Set(), covered: readonly Alert[] = []): Alert[] {
  // In a churned run (every account sees its counterparties once) a dedicated spoke is the norm.
  if (runChurned(candidates)) return [];
  const byAccount = new Map<string, NetworkCandidate[]>();
  const legs = { payer: [] as Leg[], payee: [] as Leg[] };
  // Spoke–hub pairs with money both ways (a savings group's members and organiser): no fan.
  const mutual = new Set<string>();
  const marks = { busy_payer: new Map<string, number[]>(), busy_payee: new Map<string, number[]>() };
  // Broad periods of each hub (window of the merged markers): [from, to] in ms.
  const broad = { payer: new Map<string, [number, number][]>(), payee: new Map<string, [number, number][]>() };
  let lookback = DEFAULT_LOOKBACK_MS;
  for (const c of [...candidates].sort(compareCandidates)) {
    const records = candidateRecords(c, LEGS) as readonly FanLegRecord[];
    const a = candidateEntity(c);
    if (a.kind !== 'account' || records.length === 0) continue;
    const list = byAccount.get(a.id);
    if (list === undefined) byAccount.set(a.id, [c]);
    else list.push(c);
    for (const f of records) {
      if (typeof f.hub !== 'string' || typeof f.tx !== 'string' || typeof f.ts !== 'number') continue;
      if (typeof f.lookbackDays === 'number') lookback = f.lookbackDays * 86_400_000;
      if (f.role === 'payer' || f.role === 'payee') legs[f.role].push({ spoke: a.id, hub: f.hub, tx: f.tx, ts: f.ts });
      else if (f.role === 'mutual') mutual.add(`${a.id}\u0000${f.hub}`);
      else if (f.role === 'busy_payer' || f.role === 'busy_payee') {
        const m = marks[f.role];
        const t = m.get(a.id);
        if (t === undefined) m.set(a.id, [f.ts]);
        else t.push(f.ts);
      } else if (f.role === 'broad_payer' || f.role === 'broad_payee') {
        const m = broad[f.role === 'broad_payer' ? 'payer' : 'payee'];
        const span: [number, number] = [fanLegFrom(f), fanLegTo(f)];
        const t = m.get(a.id);
        if (t === undefined) m.set(a.id, [span]);
        else t.push(span);
      }
    }
  }
  const near = (m: Map<string, number[]>, id: string, ts: number): boolean => (m.get(id) ?? []).some((t) => Math.abs(t - ts) < lookback);
  // With reference data, a hub missing from it is another institution's customer (an employer
  // paying our customers, a shop or biller they pay): its other business is out of sight.
  const accounts = config.context.accounts;
  const personal = (id: string): boolean => {
    const account = accounts.get(id);
    if (account === undefined) return accounts.size === 0;
    return account.type === undefined || account.type === 'personal';
  };
  const within = covered.map((a) => new Set((a.members ?? []).map((m) => m.id)));
  const out: Alert[] = [];
  for (const role of ['payer', 'payee'] as const) {
    const byHub = new Map<string, Leg[]>();
    for (const l of legs[role]) {
      if (l.spoke === l.hub || mutual.has(`${l.spoke}\u0000${l.hub}`) || near(marks[role === 'payer' ? 'busy_payer' : 'busy_payee'], l.spoke, l.ts)) continue;
      const list = byHub.get(l.hub) ?? [];
      list.push(l);
      byHub.set(l.hub, list);
    }
    for (const [hub, list] of [...byHub].sort(([a], [b]) => cmp(a, b))) {
      if (!personal(hub)) continue;
      // The hub's own broad periods: a fan-in hub broad as a payee (many senders), a fan-out hub broad as a payer.
      const periods = broad[role === 'payer' ? 'payee' : 'payer'].get(hub) ?? [];
      const found = fanOf(list.sort((x, y) => x.ts - y.ts || cmp(x.tx, y.tx)), (from, to) => !periods.some(([a, b]) => a <= to && from <= b));
      if (found === undefined) continue;
      const kind = role === 'payer' ? 'fan_in' : 'fan_out';
      const lines = found.map((l) => (role === 'payer' ? `${l.spoke} → ${hub} (${l.tx})` : `${hub} → ${l.spoke} (${l.tx})`));
      const times = found.map((l) => l.ts);
      // A scatter-gather's source and sink are fan hubs of its intermediaries: that structure already says it.
      const accounts = [hub, ...found.map((l) => l.spoke)];
      if (within.some((m) => accounts.every((x) => m.has(x)))) continue;
      const alert = structureAlert(
        { kind, accounts, lines, ids: found.map((l) => l.tx), from: Math.min(...times), to: Math.max(...times) },
        byAccount, config,
      );
      if (alert !== undefined && !taken.has(alert.entity.id)) out.push(alert);
    }
  }
  return out.sort((a, b) => cmp(a.entity.id, b.entity.id) || cmp(a.id, b.id));
}

/**
 * The first span of at most {@link FAN_MAX_SPAN_MS} (in time order) holding {@link FAN_MIN_SPOKES}
 * distinct spokes that `ok` accepts (by the span's first and last leg): one leg per spoke, the earliest.
 */
function fanOf(legs: readonly Leg[], ok: (from: number, to: number) => boolean): Leg[] | undefined {
  for (let i = 0; i < legs.length; i++) {
    const start = (legs[i] as Leg).ts;
    const spokes = new Map<string, Leg>();
    let last = start;
    for (let j = i; j < legs.length && (legs[j] as Leg).ts - start <= FAN_MAX_SPAN_MS; j++) {
      const l = legs[j] as Leg;
      if (!spokes.has(l.spoke)) spokes.set(l.spoke, l);
      last = l.ts;
    }
    if (spokes.size >= FAN_MIN_SPOKES && ok(start, last)) return [...spokes.values()];
  }
  return undefined;
}
