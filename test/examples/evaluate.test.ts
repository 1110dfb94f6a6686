import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../examples/evaluate.js';

describe('evaluation metrics', () => {
  const labels: Record<string, 0 | 1> = { a: 1, b: 0, c: 1, d: 0, e: 1 };
  const scores: Record<string, number> = { a: 90, b: 80, c: 80, d: 10, e: 0 };
  const m = computeMetrics(Object.keys(labels), (id) => labels[id] as 0 | 1, (id) => scores[id] ?? 0, 50);

  it('counts precision, recall and F1 at the threshold', () => {
    expect(m.flagged).toBe(3);
    expect(m.truePositives).toBe(2);
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo(2 / 3);
  });

  it('computes average precision with ties broken by account id and unalerted positives in the tail', () => {
    // Ranking: a(90) b(80) c(80) d(10) e(0) → positives at ranks 1, 3, 5.
    expect(m.averagePrecision).toBeCloseTo((1 / 1 + 2 / 3 + 3 / 5) / 3);
  });

  it('never counts a zero score as flagged, even at threshold 0', () => {
    const z = computeMetrics(['x', 'y'], (id) => (id === 'x' ? 1 : 0), () => 0, 0);
    expect(z.flagged).toBe(0);
    expect(z.recall).toBe(0);
  });
});
