#!/usr/bin/env node
// Per-rule cost: runs scan() over the first N rows of a bench file with every default rule wrapped
// in a timer, and prints, per rule, the time spent in evaluate (and in the evaluations that returned
// a hit) and in enter / leave, the evaluations and how many of them returned a hit. Finds what dominates before touching a rule.
// Usage: npm run build && node bench/rules.mjs --file bench/data/tx-1000000.csv [--rows 200000] [--only id,id] [--dist dist]
import { parseArgs } from 'node:util';
import { firstRows } from './lib/common.mjs';

const { values } = parseArgs({ options: { file: { type: 'string' }, rows: { type: 'string' }, dist: { type: 'string' }, only: { type: 'string' } } });
if (values.file === undefined) throw new Error('--file is required');
const { tw, txs } = await firstRows({ file: values.file, rows: values.rows === undefined ? 200_000 : Number(values.rows), dist: values.dist });

const now = () => process.hrtime.bigint();
const cost = new Map();
const wrap = (rule) => {
  const c = { evaluate: 0n, firing: 0n, enter: 0n, leave: 0n, evaluations: 0, fired: 0 };
  cost.set(rule.id, c);
  const inc = rule.incremental;
  return {
    ...rule,
    evaluate: (w, ctx, s) => {
      const t = now();
      const hits = rule.evaluate(w, ctx, s);
      const d = now() - t;
      c.evaluate += d;
      c.evaluations++;
      if (hits.length > 0) {
        c.fired++;
        c.firing += d;
      }
      return hits;
    },
    ...(inc === undefined ? {} : {
      incremental: {
        ...inc,
        enter: (s, e, w, ctx) => { const t = now(); const r = inc.enter(s, e, w, ctx); c.enter += now() - t; return r; },
        leave: (s, e, h, w, ctx) => { const t = now(); const r = inc.leave(s, e, h, w, ctx); c.leave += now() - t; return r; },
      },
    }),
  };
};
const only = values.only?.split(',');
const rules = tw.defaultRules().filter((r) => only === undefined || only.includes(r.id)).map(wrap);
const t0 = now();
const result = tw.scan(txs, { jurisdiction: 'MY', rules });
const total = Number(now() - t0) / 1e9;
const ms = (x) => Number(x) / 1e6;
const rows = [...cost].map(([id, c]) => ({ id, ms: ms(c.evaluate + c.enter + c.leave), evaluateMs: ms(c.evaluate), firingMs: ms(c.firing), enterLeaveMs: ms(c.enter + c.leave), evaluations: c.evaluations, firedPct: +(100 * c.fired / Math.max(1, c.evaluations)).toFixed(1) }));
rows.sort((a, b) => b.ms - a.ms);
const inRules = rows.reduce((s, r) => s + r.ms, 0);
console.log(`${txs.length} rows, scan ${total.toFixed(2)} s, in rules ${(inRules / 1000).toFixed(2)} s, ${result.alerts.length} alerts`);
for (const r of rows) console.log(`${r.id.padEnd(30)} ${r.ms.toFixed(0).padStart(7)} ms  evaluate ${r.evaluateMs.toFixed(0).padStart(6)} (firing ${r.firingMs.toFixed(0).padStart(6)})  enter/leave ${r.enterLeaveMs.toFixed(0).padStart(5)}  ${String(r.evaluations).padStart(8)} evals  ${String(r.firedPct).padStart(5)} % fired`);
