import { GENERIC_NEXT_STEPS, NEXT_STEPS, SIGNALS_DISCLAIMER } from '../report/next-steps.js';
import type { Account, Party } from '../schema/reference-data.js';
import type { Alert, AlertHit } from '../scoring/alert.js';

/** Options of {@link formatText}. */
export interface FormatTextOptions {
  /** Accounts by id, to name each account's holder. */
  readonly accounts?: ReadonlyMap<string, Account>;
  /** Parties by id, for the holders' and alerted parties' names. */
  readonly parties?: ReadonlyMap<string, Party>;
  /** How many alerts the run raised before `--top` cut the list (for the header). */
  readonly total?: number;
  /** IANA zone the dates are printed in (the jurisdiction's); UTC when absent. */
  readonly timeZone?: string;
  /** Hits listed per alert (the rest are counted); 6 by default. */
  readonly hitsPerAlert?: number;
}

const IDS_SHOWN = 6;
const CHECKS_SHOWN = 3;

/**
 * Alerts as an analyst reads them in a terminal: for each, the score and band, the alert id, the
 * entity with its holder's name, the dates it covers, its leading hits (dates, indicators, the
 * sentence and the evidence it rests on, with the full count), the points behind the score and
 * what to check next for its leading typology; then where to find the rest (HTML report, JSON).
 * Dates are calendar days in `timeZone`.
 * @example formatText(result.alerts.slice(0, 5), { total: result.alerts.length, timeZone: 'Asia/Kuala_Lumpur' })
 */
export function formatText(alerts: readonly Alert[], options: FormatTextOptions = {}): string {
  const total = options.total ?? alerts.length;
  if (total === 0) return 'No alerts at or above the minimum score.\n';
  const day = dayFormatter(options.timeZone);
  const span = (from: string, to: string): string => {
    const a = day(from);
    const b = day(to);
    return a === b ? a : `${a} → ${b}`;
  };
  const name = holderNamer(options);
  const perAlert = options.hitsPerAlert ?? 6;
  const lines: string[] = [
    `${total} alert${total === 1 ? '' : 's'}${alerts.length < total ? `, the top ${alerts.length} shown` : ''}; ` +
      `dates in ${options.timeZone ?? 'UTC'}.`,
    '',
  ];
  alerts.forEach((a, n) => {
    lines.push(
      `#${n + 1}  ${a.score} ${a.band.toUpperCase()}  ${a.entity.kind} ${a.entity.id}${name(a.entity.kind, a.entity.id)}  ` +
        `${span(a.firstSeen, a.lastSeen)}  alert ${a.id}`,
    );
    lines.push(`    typologies: ${a.typologies.map((t) => `${t.id} ${t.score}`).join(', ')}`);
    if (a.members !== undefined) lines.push(`    members: ${a.members.map((m) => `${m.kind} ${m.id}${name(m.kind, m.id)}`).join(', ')}`);
    for (const h of a.hits.slice(0, perAlert)) {
      lines.push(`    - ${span(h.window.from, h.window.to)}  [${h.indicators.join(', ')}] ${h.reason}`);
      lines.push(`      ${evidence(h)}`);
    }
    if (a.hits.length > perAlert) lines.push(`    … ${a.hits.length - perAlert} more hit${a.hits.length - perAlert === 1 ? '' : 's'} in the HTML report and the JSON`);
    lines.push(`    points: ${a.contributions.filter((c) => c.points > 0).map((c) => `${c.rule} ${c.points}`).join(', ')}`);
    const lead = [...a.typologies].sort((x, y) => y.score - x.score)[0];
    const steps = (lead === undefined ? undefined : NEXT_STEPS[lead.id]) ?? GENERIC_NEXT_STEPS;
    lines.push(steps === GENERIC_NEXT_STEPS ? '    next checks:' : `    next checks (${steps.title.toLowerCase()}):`);
    for (const check of steps.checks.slice(0, CHECKS_SHOWN)) lines.push(`      * ${check}`);
    lines.push('');
  });
  lines.push(
    'Every case in full (flow graph, timeline, evidence table, all next checks): --format html --out report.html',
    '(or `tidewatch report alerts.json --transactions …`); every field of every alert: --format json.',
    SIGNALS_DISCLAIMER,
  );
  return `${lines.join('\n')}\n`;
}

/** `evidence (42 transactions): TX1, … TX6 and 36 more`. */
function evidence(h: AlertHit): string {
  const shown = h.transactionIds.slice(0, IDS_SHOWN);
  const more = h.transactionCount - shown.length;
  return `evidence (${h.transactionCount} transaction${h.transactionCount === 1 ? '' : 's'}): ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** ` (Siti Aminah)` for an account whose holder has a name, or a named party; '' otherwise. */
function holderNamer(options: FormatTextOptions): (kind: string, id: string) => string {
  return (kind, id) => {
    const party = kind === 'party' ? id : kind === 'account' ? options.accounts?.get(id)?.party : undefined;
    const named = party === undefined ? undefined : options.parties?.get(party)?.name;
    return named === undefined || named === '' ? '' : ` (${named})`;
  };
}

/** Calendar day (`2024-03-01`) of an ISO instant in a zone. */
function dayFormatter(timeZone: string | undefined): (iso: string) => string {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
  return (iso) => f.format(new Date(iso));
}
