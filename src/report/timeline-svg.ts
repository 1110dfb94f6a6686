import type { AlertHit } from '../scoring/alert.js';
import type { Transaction } from '../schema/transaction.js';
import { esc } from './escape.js';
import { flowEndpoints } from './flow-endpoints.js';
import { clip, money, shortMoney, utc } from './format.js';

const W = 940;
const LEFT = 150;
const RIGHT = 20;
const TOP = 18;
const PLOT_H = 190;
const LANE_H = 13;
/** Most hit windows drawn as lanes; the rest are counted. */
const MAX_LANES = 14;
const DAY_MS = 86_400_000;
/** Most transactions drawn on one timeline. */
const MAX_MARKS = 2000;

/** Which way a transaction moves relative to the alerted side (`other`: neither end is on it). */
export type Direction = 'in' | 'out' | 'internal' | 'other';

/**
 * The evidence on a time axis: one mark per transaction (height = amount; circles for transfers,
 * squares for cash; colour by direction relative to the alerted side), a dashed line at the
 * reporting threshold when a hit names one (`facts.threshold`, structuring rules), the leading
 * hit's window (`lead`, by default the first) shaded on the plot, and every hit's window as a labelled lane below it.
 * @example timelineSvg(scope.evidence, alert.hits, scope.inside)
 */
export function timelineSvg(evidence: readonly Transaction[], hits: readonly AlertHit[], inside: ReadonlySet<string>, lead: AlertHit | undefined = hits[0]): string {
  if (evidence.length === 0) return '';
  const currency = evidence[0]?.currency ?? '';
  const threshold = thresholdOf(hits, currency);
  const windows = hits.map((h) => ({ rule: h.rule, from: Date.parse(h.window.from), to: Date.parse(h.window.to) }));
  // Loops, not Math.min(...spread): a hub's evidence can outgrow the argument limit.
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  let top = Math.max(1, threshold ?? 0);
  for (const t of evidence) {
    t0 = Math.min(t0, t.timestamp);
    t1 = Math.max(t1, t.timestamp);
    top = Math.max(top, t.amount);
  }
  for (const w of windows) {
    t0 = Math.min(t0, w.from);
    t1 = Math.max(t1, w.to);
  }
  const span = Math.max(t1 - t0, DAY_MS);
  t0 -= span * 0.02;
  t1 = t0 + span * 1.04;
  const yMax = top * 1.08;
  const plotW = W - LEFT - RIGHT;
  const x = (t: number): number => LEFT + ((t - t0) / (t1 - t0)) * plotW;
  const y = (amount: number): number => TOP + PLOT_H - (amount / yMax) * PLOT_H;
  const lanes = windows.slice(0, MAX_LANES);
  const height = TOP + PLOT_H + 34 + lanes.length * LANE_H + (windows.length > MAX_LANES ? LANE_H : 0) + 6;

  const parts: string[] = [];
  // The leading hit's window (see leadingHit) shaded on the plot; every window is a lane below.
  if (lead !== undefined) {
    const w = { rule: lead.rule, from: Date.parse(lead.window.from), to: Date.parse(lead.window.to) };
    parts.push(`<rect class="window" x="${x(w.from).toFixed(1)}" y="${TOP}" width="${Math.max(1, x(w.to) - x(w.from)).toFixed(1)}" height="${PLOT_H}"><title>${esc(`window of ${w.rule}: ${utc(w.from)} → ${utc(w.to)}`)}</title></rect>`);
    parts.push(`<text class="tick" x="${(x(w.from) + 4).toFixed(1)}" y="${TOP + 11}">${esc(`${clip(w.rule, 30)} window`)}</text>`);
  }
  parts.push(`<line class="axis" x1="${LEFT}" y1="${TOP + PLOT_H}" x2="${W - RIGHT}" y2="${TOP + PLOT_H}"/><line class="axis" x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${TOP + PLOT_H}"/>`);
  for (const f of [0, 0.5, 1]) {
    const v = Math.round((yMax / 1.08) * f);
    parts.push(`<text class="tick" x="${LEFT - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${esc(shortMoney(v, currency))}</text>`);
  }
  for (let i = 0; i <= 5; i++) {
    const t = t0 + ((t1 - t0) * i) / 5;
    const anchor = i === 0 ? 'start' : i === 5 ? 'end' : 'middle';
    parts.push(`<text class="tick" x="${x(t).toFixed(1)}" y="${TOP + PLOT_H + 14}" text-anchor="${anchor}">${new Date(t).toISOString().slice(0, 10)}</text>`);
  }
  if (threshold !== undefined) {
    const ty = y(threshold).toFixed(1);
    parts.push(`<line class="threshold" x1="${LEFT}" y1="${ty}" x2="${W - RIGHT}" y2="${ty}"/><text class="threshold-label" x="${W - RIGHT - 4}" y="${(y(threshold) - 4).toFixed(1)}" text-anchor="end">${esc(`reporting threshold ${money(threshold, currency)}`)}</text>`);
  }
  // At most MAX_MARKS marks, evenly through time (every k-th): the evidence table and the alert JSON have them all.
  const step = Math.ceil(evidence.length / MAX_MARKS);
  for (let i = 0; i < evidence.length; i += step) {
    const tx = evidence[i] as Transaction;
    const dir = direction(tx, inside);
    const cx = x(tx.timestamp).toFixed(1);
    const cy = y(tx.amount).toFixed(1);
    const title = `<title>${esc(`${tx.id} ${utc(tx.timestamp)} ${money(tx.amount, tx.currency)}`)}</title>`;
    parts.push(
      tx.kind === 'transfer'
        ? `<circle class="tx ${dir}" cx="${cx}" cy="${cy}" r="3.6">${title}</circle>`
        : `<rect class="tx ${dir} cash" x="${(Number(cx) - 3.4).toFixed(1)}" y="${(Number(cy) - 3.4).toFixed(1)}" width="6.8" height="6.8">${title}</rect>`,
    );
  }
  lanes.forEach((w, i) => {
    const ly = TOP + PLOT_H + 24 + i * LANE_H;
    parts.push(
      `<text class="lane-label" x="${LEFT - 6}" y="${ly + 9}" text-anchor="end">${esc(clip(w.rule, 24))}</text>` +
        `<rect class="lane" x="${x(w.from).toFixed(1)}" y="${ly + 2}" width="${Math.max(2, x(w.to) - x(w.from)).toFixed(1)}" height="${LANE_H - 4}"><title>${esc(`${w.rule}: ${utc(w.from)} → ${utc(w.to)}`)}</title></rect>`,
    );
  });
  if (step > 1) parts.push(`<text class="tick" x="${W - RIGHT}" y="${TOP - 6}" text-anchor="end">${esc(`every ${step}th of ${evidence.length} transactions drawn`)}</text>`);
  if (windows.length > MAX_LANES) parts.push(`<text class="tick" x="${LEFT - 6}" y="${height - 8}" text-anchor="end">+${windows.length - MAX_LANES} more windows</text>`);
  return `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="Timeline of the evidence">${parts.join('')}</svg>`;
}

/**
 * In, out or internal relative to the alerted side's node keys.
 * @example direction(tx, new Set(['a:MY001'])) // 'in'
 */
export function direction(tx: Transaction, inside: ReadonlySet<string>): Direction {
  const ends = flowEndpoints(tx);
  const fromIn = inside.has(ends.from);
  const toIn = inside.has(ends.to);
  return fromIn && toIn ? 'internal' : toIn ? 'in' : fromIn ? 'out' : 'other';
}

/** The reporting threshold a structuring hit names (`facts.threshold`, minor units, in the evidence's currency): the largest one. */
function thresholdOf(hits: readonly AlertHit[], currency: string): number | undefined {
  let best: number | undefined;
  for (const h of hits) {
    const t = h.facts.threshold;
    const c = h.facts.thresholdCurrency;
    if (typeof c === 'string' && c !== currency) continue;
    if (typeof t === 'number' && Number.isFinite(t) && t > 0 && (best === undefined || t > best)) best = t;
  }
  return best;
}
