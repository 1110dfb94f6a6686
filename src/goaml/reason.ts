import type { Alert } from '../scoring/alert.js';
import { asciiText, clip } from './text.js';

/** Facts written as `name value` pairs; numbers as they are, booleans as yes/no. */
function facts(f: Readonly<Record<string, number | string | boolean>>): string {
  return Object.entries(f).map(([k, v]) => `${k} ${typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v)}`).join(', ');
}

/**
 * The report's `reason`: the alert's score and typologies, then each hit's reason sentence with
 * its indicators, evidence count, window and facts, ending with the review caveat. At most 4,000
 * characters (the schema's limit); printable ASCII when the profile requires it.
 * @param alert - the alert the report is drafted from
 * @param options - `ascii` for schemas that allow only printable ASCII
 * @returns the text
 * @category goAML
 * @example goamlReason(alert).startsWith('tidewatch alert')
 */
export function goamlReason(alert: Alert, options: { readonly ascii?: boolean } = {}): string {
  const lines = [
    `tidewatch alert ${alert.id} on ${alert.entity.kind} ${alert.entity.id}: score ${alert.score} (${alert.band}); ` +
      `typologies: ${alert.typologies.map((t) => `${t.id} ${t.score}`).join(', ')}.`,
    ...alert.hits.map(
      (h, i) =>
        `${i + 1}. ${h.reason} [${h.rule}; ${h.indicators.join(', ')}; ${h.transactionCount} transaction${h.transactionCount === 1 ? '' : 's'} ` +
        `${h.window.from.slice(0, 10)} to ${h.window.to.slice(0, 10)} UTC; ${facts(h.facts)}]`,
    ),
    'Generated as a draft for analyst review: these are signals, not determinations.',
  ];
  const text = lines.join('\n');
  return clip(options.ascii === true ? asciiText(text) : text, 4000);
}
