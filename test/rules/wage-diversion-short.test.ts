import { describe, expect, test } from 'vitest';
import { SHORT_SERIES_CYCLES, wageDiversion } from '../../src/rules/debt/wage-diversion.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { CREW_ACCOUNTS, CREW_PARTIES, D, myr } from '../helpers/wage-crew-fixture.js';
import { MY_LIKE, transfer, withdrawal } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

// A worker's short series (MS-DEBT-02): most of the wage to one account at once in two pay cycles,
// too few to read on its own. The rule keeps it as strength-0 evidence naming the payee and the
// employer; the network stage reads it with the worker's crew (src/engine/wage-employers.ts).

const WAGE = 150_000;
const wage = (day: number, from = 'EMP'): Transaction => transfer(from, 'W1', WAGE, day * D, myr({ reference: 'GAJI', fromName: 'Mutiara Plantation Sdn Bhd' }));
const toAgent = (day: number, amount = 120_000, reference = 'potongan'): Transaction => transfer('W1', 'AGENT', amount, day * D + 5, myr({ toName: 'Thura Aung', reference }));
const run = (txs: Transaction[]) => rawHitsOf([wageDiversion()], txs, { profile: MY_LIKE, accounts: CREW_ACCOUNTS, parties: CREW_PARTIES }).filter((h) => h.entity.id === 'W1' && h.rule === 'wage_diversion');

describe('wage_diversion worker variant: the short series (evidence for the crew)', () => {
  test('positive: two cycles of most of the wage to one account are strength-0 evidence naming the payee and the employer', () => {
    const hits = run([0, 30].flatMap((d) => [wage(d), toAgent(d)]));
    expect(hits).toHaveLength(1);
    const [hit] = hits;
    expect(hit?.strength).toBe(0);
    expect(hit?.variant).toBe('worker_short');
    expect(hit?.facts).toMatchObject({ cycles: 2, short: true, employer: 'EMP', medianShare: 0.8 });
    expect(hit?.related).toEqual([{ kind: 'account', id: 'AGENT' }]);
  });

  test('boundary: SHORT_SERIES_CYCLES cycles at exactly minShare are evidence; one cycle, or one minor unit under half the wage, are not; three cycles are the full pattern', () => {
    expect(SHORT_SERIES_CYCLES).toBe(2);
    expect(run([0, 30].flatMap((d) => [wage(d), toAgent(d, WAGE / 2)]))[0]?.facts['short']).toBe(true);
    // The second cycle one minor unit short of half: a single cycle remains.
    expect(run([wage(0), toAgent(0, WAGE / 2), wage(30), toAgent(30, WAGE / 2 - 1)])).toEqual([]);
    expect(run([wage(0), toAgent(0), wage(30)])).toEqual([]);
    const full = run([0, 30, 60].flatMap((d) => [wage(d), toAgent(d)]));
    expect(full.some((h) => h.facts['cycles'] === 3 && h.strength > 0 && h.facts['short'] === undefined)).toBe(true);
  });

  test('negative: wages from two payers (no one employer), and cash of unknown conductor, raise no short series', () => {
    expect(run([wage(0, 'EMP'), toAgent(0), wage(30, 'EMP2'), toAgent(30)])).toEqual([]);
    expect(run([0, 30].flatMap((d) => [wage(d), withdrawal('W1', 120_000, d * D + 3, { currency: 'MYR' })]))).toEqual([]);
  });

  test('look-alike: money addressed home ("for home", "family") through whoever carries it is not a short series', () => {
    expect(run([wage(0), toAgent(0, 120_000, 'for home'), wage(30), toAgent(30, 120_000, 'potongan')])).toEqual([]);
  });
});
