import type { Alert } from '../scoring/alert.js';

/** Human-readable alert list for a terminal: score, entity, and each hit's reason. */
export function formatText(alerts: readonly Alert[]): string {
  if (alerts.length === 0) return 'No alerts at or above the minimum score.\n';
  const lines: string[] = [];
  for (const a of alerts) {
    const typologies = a.typologies.map((t) => `${t.id} ${t.score}`).join(', ');
    lines.push(`${String(a.score).padStart(3)} ${a.band.toUpperCase().padEnd(8)} ${a.entity.kind} ${a.entity.id}  (${typologies})`);
    if (a.members !== undefined) lines.push(`    members: ${a.members.map((m) => `${m.kind}:${m.id}`).join(', ')}`);
    for (const h of a.hits.slice(0, 6)) {
      const ids = h.transactionIds.slice(0, 6).join(', ') + (h.transactionCount > 6 ? `, … (${h.transactionCount})` : '');
      lines.push(`    - [${h.indicators.join(', ')}] ${h.reason}`);
      lines.push(`      evidence: ${ids}`);
    }
    if (a.hits.length > 6) lines.push(`    … ${a.hits.length - 6} more hits`);
    lines.push(`    points: ${a.contributions.filter((c) => c.points > 0).map((c) => `${c.rule} ${c.points}`).join(', ')}`);
    lines.push('');
  }
  lines.push('Signals for analyst review, not determinations.');
  return `${lines.join('\n')}\n`;
}
