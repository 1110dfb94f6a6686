import type { Alert } from '../scoring/alert.js';
import { esc } from './escape.js';

const BAR_W = 600;

/**
 * The score as its contributions: a stacked bar (one segment per rule with points) and a table
 * of rule, typology, weight, strength and points, with the total. The alert@1 contract says the
 * points add up to the score; when they do not (edited input), the table says so instead of
 * hiding it.
 * @example contributionsHtml(alert)
 */
export function contributionsHtml(alert: Alert): string {
  const scoring = alert.contributions.filter((c) => c.points > 0);
  const total = scoring.reduce((s, c) => s + c.points, 0);
  let x = 0;
  const segments = scoring
    .map((c, i) => {
      const w = (c.points / 100) * BAR_W;
      const seg = `<g class="seg s${i % 8}" data-rule="${esc(c.rule)}" data-points="${c.points}"><title>${esc(`${c.rule}: ${c.points} points`)}</title><rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="22"/>${w >= 26 ? `<text x="${(x + w / 2).toFixed(1)}" y="15" text-anchor="middle">${c.points}</text>` : ''}</g>`;
      x += w;
      return seg;
    })
    .join('');
  const bar = `<svg class="score-bar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${BAR_W + 60} 24" width="${BAR_W + 60}" height="24" role="img" aria-label="Score ${alert.score} as contributions"><rect class="track" x="0" y="0" width="${BAR_W}" height="22"/>${segments}<text class="total" x="${BAR_W + 8}" y="16">= ${alert.score}</text></svg>`;
  const rows = scoring
    .map((c, i) => `<tr><td><span class="swatch s${i % 8}"></span><code>${esc(c.rule)}</code></td><td>${esc(c.typology)}</td><td class="num">${esc(c.weight)}</td><td class="num">${esc(c.strength)}</td><td class="num">${c.points}</td></tr>`)
    .join('');
  const mismatch = total === alert.score ? '' : `<p class="warn">The contributions add up to ${total}, not to the score ${alert.score}: this alert was not produced as alert@1 promises.</p>`;
  return (
    `${bar}<table class="contrib"><thead><tr><th>rule</th><th>typology</th><th class="num">weight</th><th class="num">strength</th><th class="num">points</th></tr></thead>` +
    `<tbody>${rows}</tbody><tfoot><tr><td colspan="4">score</td><td class="num">${total}</td></tr></tfoot></table>${mismatch}` +
    '<p class="note">Weights below 1 are context multipliers (points they add on top of the others); the high band also needs two indicator families.</p>'
  );
}
