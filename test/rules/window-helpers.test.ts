import { describe, expect, test } from 'vitest';
import { createMonitor } from '../../src/engine/monitor.js';
import { scan } from '../../src/engine/scan.js';
import type { EntityWindow, Rule, RuleHit } from '../../src/rules/types.js';
import { eachRecent, windowEvents, windowSize } from '../../src/rules/window-helpers.js';
import type { Alert } from '../../src/scoring/alert.js';
import { defineTypology } from '../../src/scoring/typology.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { AU_LIKE, deposit } from '../helpers/builders.js';

/**
 * Issue 16, point 4: custom rules and checkpoint equivalence. `EntityWindow.events` still holds
 * expired events before `start` (the engine trims them once they are a quarter of the list), so a
 * rule reading `events.length` fires at other events uninterrupted than after a checkpoint. The
 * window helpers are public API.
 */
const DAY = 86_400_000;

/** A custom rule: at least 30 events in its one-day window; `count` says how it reads the window. */
function busyRule(id: string, count: (w: EntityWindow) => number): Rule {
  return {
    id, indicators: ['TEST-01'], family: 'network_flow', entities: ['account'], windowMs: DAY, options: {}, description: 'Thirty events in a day.',
    evaluate: (w): RuleHit[] => {
      if (count(w) < 30) return [];
      const e = windowEvents(w);
      const last = e[e.length - 1]!;
      return [{ rule: id, indicators: ['TEST-01'], entity: { kind: w.kind, id: w.id }, strength: 1, window: { from: last.ts, to: last.ts }, transactionIds: [last.id], reason: 'Possible busy pattern.', facts: { count: count(w) } }];
    },
  };
}
const naive = busyRule('naive_busy', (w) => w.events.length); // the pitfall
const right = busyRule('busy', windowSize);

// A deposit every hour for four days (the one-day window holds 24 of them; the account never idles
// long enough to be evicted), then twelve in one hour. The engine trims expired events once they are
// a quarter of the list, so up to 7 of them sit before `start` at a time.
const hours = [...Array.from({ length: 100 }, (_, i) => i), ...Array.from({ length: 12 }, (_, i) => 100 + i / 12)];
const txs: Transaction[] = hours.map((h, i) => deposit('A', 10_000 + i, h, { id: `e${String(i).padStart(2, '0')}` }));

function runs(rule: Rule) {
  const opts = { jurisdiction: AU_LIKE, rules: [rule], typologies: [defineTypology({ id: 't', name: 't', weights: { [rule.id]: 50 } })], minScore: 0, latenessMs: 0 };
  const fold = (updates: { alerts: readonly Alert[] }[]) => {
    const byId = new Map<string, Alert>();
    for (const u of updates) for (const a of u.alerts) byId.set(a.id, a);
    return JSON.stringify([...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
  };
  const whole = createMonitor(opts);
  const uninterrupted = fold([...txs.map((t) => whole.push(t)), whole.flush()]);
  // Checkpoint after e66 (hour 66): the expired events still in `events` are not in the checkpoint.
  const first = createMonitor(opts);
  const before = txs.slice(0, 67).map((t) => first.push(t));
  const second = createMonitor({ ...opts, checkpoint: JSON.parse(JSON.stringify(first.checkpoint())) });
  const resumed = fold([...before, ...txs.slice(67).map((t) => second.push(t)), second.flush()]);
  return { uninterrupted, resumed, batch: JSON.stringify(scan(txs, opts).alerts) };
}

describe('rules see only their window', () => {
  test('the pitfall: a rule reading events.length differs between an uninterrupted run and a checkpointed one', () => {
    const { uninterrupted, resumed } = runs(naive);
    expect(resumed).not.toBe(uninterrupted);
  });

  test('the fix: the same rule through windowSize/windowEvents gives the same alerts either way, and they are not empty', () => {
    const { uninterrupted, resumed } = runs(right);
    expect(JSON.parse(uninterrupted)).toHaveLength(1);
    expect(resumed).toBe(uninterrupted);
  });

  test('windowEvents, windowSize and eachRecent never show an expired event', () => {
    const seen: { ids: string[]; size: number; recent: string[]; raw: number }[] = [];
    const probe: Rule = {
      id: 'probe', indicators: ['T'], family: 'context', entities: ['account'], windowMs: DAY, options: {}, description: 'Probe.',
      evaluate: (w) => {
        const recent: string[] = [];
        eachRecent(w, 0, (e) => void recent.push(e.id));
        seen.push({ ids: windowEvents(w).map((e) => e.id), size: windowSize(w), recent, raw: w.events.length });
        return [];
      },
    };
    scan(txs, { jurisdiction: AU_LIKE, rules: [probe], minScore: 0 });
    const at40 = seen[40]!; // e40 at hour 40: e00..e15 are more than a day old (the window is e16..e40)
    expect(at40.ids).toEqual(Array.from({ length: 25 }, (_, i) => `e${16 + i}`));
    expect(at40.size).toBe(25);
    expect(at40.recent).toEqual([...at40.ids].reverse());
    expect(at40.raw).toBe(32); // what the naive rule reads: 7 expired events not yet trimmed
  });
});
