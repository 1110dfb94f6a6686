import { describe, expect, test } from 'vitest';
import { sailingSeason } from '../../src/rules/context/sailing-season.js';
import { DEFAULT_SAILING_SEASONS, monthDayKey, seasonPhase } from '../../src/domain/season.js';
import { daysFromCivil } from '../../src/_internal/civil.js';
import { ConfigError } from '../../src/_internal/config-error.js';
import type { Account } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, at, hitsOf, transfer } from '../helpers/builders.js';

// The builders' origin is Monday 3 March 2025, 09:00 in Kuala Lumpur: peak season.
const D = 24;
const W = 7 * D;
const BOB = DEFAULT_SAILING_SEASONS[0]!;
/** A cross-border transfer from ACC (Malaysia) to Bangladesh, `hours` after the origin. */
const toBD = (hours: number, extra: Partial<Transaction> = {}) =>
  transfer('ACC', `BD${Math.round(hours)}`, 100_000, hours, { currency: 'MYR', fromCountry: 'MY', toCountry: 'BD', ...extra });
/** An account opened 20 weeks before the origin. */
const old: Account[] = [{ account: 'ACC', openedAt: at(-20 * W), country: 'MY' }];
const run = (txs: Transaction[], accounts: Account[] = old, options: Parameters<typeof sailingSeason>[0] = {}) =>
  hitsOf([sailingSeason(options)], txs, { profile: MY_LIKE, accounts }).filter((h) => h.entity.id === 'ACC');
/** `n` corridor transfers on successive days of the week starting `offset` hours after the origin. */
const week = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => toBD(offset + i * D));

describe('season calendar (RESEARCH §a.4)', () => {
  test('default season 1 Sep – 31 May, peak 1 Oct – 31 Mar, wrapping the new year', () => {
    expect(seasonPhase(daysFromCivil(2025, 8, 31), BOB)).toBe('off');
    expect(seasonPhase(daysFromCivil(2025, 9, 1), BOB)).toBe('season');
    expect(seasonPhase(daysFromCivil(2025, 10, 1), BOB)).toBe('peak');
    expect(seasonPhase(daysFromCivil(2026, 1, 15), BOB)).toBe('peak');
    expect(seasonPhase(daysFromCivil(2024, 2, 29), BOB)).toBe('peak');
    expect(seasonPhase(daysFromCivil(2026, 4, 1), BOB)).toBe('season');
    expect(seasonPhase(daysFromCivil(2026, 5, 31), BOB)).toBe('season');
    expect(seasonPhase(daysFromCivil(2026, 6, 1), BOB)).toBe('off');
    expect(monthDayKey('02-30')).toBeUndefined();
    expect(monthDayKey('13-01')).toBeUndefined();
  });
});

describe('sailing_season (MS-SEAS-01)', () => {
  test('a surge of transfers to Bangladesh in peak season against a quiet baseline fires', () => {
    const hits = run(week(4));
    expect(hits).toHaveLength(1);
    expect(hits[0]?.strength).toBeCloseTo(0.35); // peak 0.3 + 0.05 for z = 4
    expect(hits[0]?.facts).toMatchObject({ corridor: 'bay_of_bengal_andaman', phase: 'peak', weekCount: 4, z: 4, baselineMean: 0, countries: 'BD' });
    expect(hits[0]?.reason).toMatch(/^Possible sailing-season surge pattern/);
  });

  test('boundary on the weekly count: three transfers fire, two do not', () => {
    expect(run(week(3))).toHaveLength(1);
    expect(run(week(2))).toHaveLength(0);
  });

  test('boundary on z: with a weekly floor of 2, z exactly 3 fires and z = 2 does not', () => {
    const hits = run(week(3), old, { minWeekCount: 2 });
    expect(hits[0]?.facts).toMatchObject({ z: 3 });
    expect(run(week(2), old, { minWeekCount: 2 })).toHaveLength(0);
  });

  test('boundary on z: against a steady two a week (sd floored at √2), seven fire and six do not', () => {
    // Twenty baseline weeks (the account is twenty weeks old), two transfers in each.
    const baseline = Array.from({ length: 20 }, (_, k) => [toBD(-(k + 1) * W), toBD(-(k + 1) * W + D)]).flat();
    const seven = run([...baseline, ...week(7)]);
    expect(seven).toHaveLength(1);
    expect(seven[0]?.facts).toMatchObject({ baselineMean: 2, weekCount: 7 });
    expect(run([...baseline, ...week(6)])).toHaveLength(0);
  });

  test('peak season is stronger than the shoulder season; the off-season never fires', () => {
    const may = 9 * W; // Monday 5 May 2025: season, not peak
    const july = 18 * W; // Monday 7 July 2025: off-season
    const mayHit = run(week(4, may))[0]!;
    expect(mayHit.facts['phase']).toBe('season');
    expect(mayHit.strength).toBeCloseTo(0.25);
    expect(run(week(6, july))).toHaveLength(0);
  });

  test('not enough history: an account opened three weeks ago does not fire', () => {
    expect(run(week(5), [{ account: 'ACC', openedAt: at(-3 * W), country: 'MY' }])).toHaveLength(0);
    // Without an opening date, the oldest event in the window is the history.
    expect(run(week(5), [{ account: 'ACC', country: 'MY' }])).toHaveLength(0);
    expect(run([toBD(-10 * W, { toCountry: 'MY', toAccount: 'LOCAL' }), ...week(5)], [{ account: 'ACC', country: 'MY' }])).toHaveLength(1);
  });

  test('domestic transfers and transfers outside the corridor do not count', () => {
    expect(run(week(5).map((t) => ({ ...t, toCountry: 'MY' })))).toHaveLength(0);
    expect(run(week(5).map((t) => ({ ...t, toCountry: 'GB' })))).toHaveLength(0);
  });

  test('look-alike: a migrant remitting a wage home to Bangladesh monthly all year does not fire', () => {
    const txs = Array.from({ length: 12 }, (_, m) => toBD(-m * 30 * D, { reference: 'gaji for amma' }));
    // Eid: a second remittance in the same week.
    txs.push(toBD(2 * D, { reference: 'eid' }));
    expect(run(txs)).toHaveLength(0);
  });

  test('a corridor surge that is the account\'s normal volume is in its baseline', () => {
    const busy = Array.from({ length: 20 }, (_, k) => Array.from({ length: 10 }, (_, i) => toBD(-(k + 1) * W + i * 12))).flat();
    const surge = Array.from({ length: 12 }, (_, i) => toBD(i * 12));
    expect(run([...busy, ...surge])).toHaveLength(0);
    // The same twelve against a quiet baseline are a surge.
    expect(run(surge)).toHaveLength(1);
  });

  test('configurable calendars: a corridor with its own season', () => {
    const seasons = [{ corridor: 'sri_lanka_route', countries: ['LK'], season: [{ from: '06-01', to: '08-31' }] }];
    const july = 18 * W;
    const lk = week(4, july).map((t) => ({ ...t, toCountry: 'LK' }));
    expect(run(lk, old, { seasons })).toHaveLength(1);
    expect(run(lk)).toHaveLength(0);
  });

  test('invalid options throw a ConfigError', () => {
    expect(() => sailingSeason({ seasons: [{ corridor: 'x', countries: ['BD'], season: [{ from: '09-31', to: '05-31' }] }] })).toThrow(ConfigError);
    expect(() => sailingSeason({ baselineWeeks: 100 })).toThrow(ConfigError);
  });
});
