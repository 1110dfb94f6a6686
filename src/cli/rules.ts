import { parseArgs } from 'node:util';
import { defaultRules } from '../rules/default-rules.js';
import { defaultTypologies } from '../scoring/default-typologies.js';
import type { Command } from './command.js';

const USAGE = `tidewatch rules [--format text|json]

Lists every rule with its indicator ids, family, options and defaults, and the typologies that score them.`;

/** `tidewatch rules`: the catalogue. */
export const rulesCommand: Command = {
  name: 'rules',
  summary: 'list rules, indicator ids, options and defaults',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const rules = defaultRules().map((r) => ({
      id: r.id, indicators: r.indicators, family: r.family, entities: r.entities,
      windowDays: r.windowMs / 86_400_000, description: r.description, options: r.options,
    }));
    const typologies = defaultTypologies();
    if (values.format === 'json') {
      io.stdout(`${JSON.stringify({ rules, typologies }, null, 2)}\n`);
      return 0;
    }
    for (const r of rules) {
      io.stdout(`${r.id}  [${r.indicators.join(', ')}]  ${r.family}  (${r.entities.join(', ')}; looks back ${r.windowDays} d)\n  ${r.description}\n  options: ${JSON.stringify(r.options)}\n\n`);
    }
    for (const t of typologies) {
      io.stdout(`typology ${t.id}: ${t.name} — alerts at ${t.threshold}\n  weights: ${Object.entries(t.weights).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
      if (Object.keys(t.context).length > 0) io.stdout(`  context: ${Object.entries(t.context).map(([k, v]) => `${k} ×(1+${v}·s)`).join(', ')}\n`);
    }
    return 0;
  },
};
