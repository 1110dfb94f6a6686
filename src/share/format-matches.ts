import type { MatchResult } from './match-packages.js';

const short = (hash: string): string => `${hash.slice(0, 10)}…`;

/**
 * Matches as plain text: per match, the identifiers that linked it (kind and a shortened hash)
 * and each side's package, alerts (role, score, band, typologies, weeks) and typologies.
 * @param result from {@link matchPackages}
 * @returns the text, ending in a newline
 * @category Sharing
 * @example process.stdout.write(formatMatches(matchPackages(packages)));
 */
export function formatMatches(result: MatchResult): string {
  const out: string[] = [];
  out.push(`${result.packages.length} packages: ${result.packages.map((p) => `${p.name} (${p.jurisdiction}, ${p.alerts} alerts, key ${p.keyId})`).join('; ')}`);
  for (const s of result.skipped) out.push(`skipped ${s.name}: ${s.reason}`);
  if (result.matches.length === 0) out.push('', 'No entity or network appears in more than one package.');
  result.matches.forEach((m, i) => {
    out.push('', `match ${i + 1}: ${m.sides.map((s) => s.package).join(' ↔ ')} — linked by ${m.identifiers.map((x) => `${x.kind} ${short(x.hash)}`).join(', ')}${m.corroboratingNames > 0 ? `; ${m.corroboratingNames} shared name(s) corroborate` : ''}`);
    for (const s of m.sides) {
      out.push(`  ${s.package}${s.institution === undefined ? '' : ` (${s.institution})`}: ${s.typologies.join(', ') || 'no typology'}`);
      for (const a of s.alerts) out.push(`    ${a.role.padEnd(6)} ${a.entity.padEnd(7)} ${String(a.score).padStart(3)} ${a.band.padEnd(8)} ${a.typologies.join(', ')}  ${a.weeks.first}…${a.weeks.last}  alert ${short(a.ref)}`);
    }
  });
  out.push('', 'A match means the same keyed identifier hash appears in both packages; ask the partner FIU for the case behind its alert ref.');
  return `${out.join('\n')}\n`;
}
