import { compareText } from '../_internal/compare-text.js';

/** One row of a labels file: `account,label[,typology]`. @category Backtest */
export interface AccountLabel {
  readonly account: string;
  /** 1 = the account belongs to a case; 0 = it does not (a look-alike or background account). */
  readonly label: 0 | 1;
  /** The case typology (label 1) or the look-alike group (label 0); `''` when not given. */
  readonly typology?: string;
}

/** Precision, recall and average precision of one set of labelled accounts. @category Backtest */
export interface RankingMetrics {
  /** Labelled accounts in the set. */
  readonly n: number;
  readonly positives: number;
  /** Accounts scoring at or above the threshold (and above 0). */
  readonly flagged: number;
  readonly truePositives: number;
  /** truePositives / flagged; 0 when nothing is flagged. */
  readonly precision: number;
  /** truePositives / positives; 0 without positives. */
  readonly recall: number;
  /** See {@link rankingMetrics}; 0 without positives. */
  readonly averagePrecision: number;
}

/** The figures of one labelled typology (or look-alike group). @category Backtest */
export interface TypologyMetrics {
  readonly typology: string;
  /** Label-1 accounts of this typology and how many are flagged (the recall for it). */
  readonly positives: number;
  readonly flaggedPositives: number;
  /** Label-0 accounts of this group (look-alikes) and how many are flagged: the look-alike alert rate. */
  readonly negatives: number;
  readonly flaggedNegatives: number;
  /** AP of this typology's positives ranked against every label-0 account; 0 without positives. */
  readonly averagePrecision: number;
}

/** Label figures of one configuration. @category Backtest */
export interface LabelMetrics extends RankingMetrics {
  readonly threshold: number;
  /** One entry per typology value in the labels, sorted by typology. */
  readonly byTypology: readonly TypologyMetrics[];
}

/**
 * Precision, recall and average precision at a threshold. An account is flagged when its score is
 * at least `threshold` and above 0. Average precision ranks every account by score, descending,
 * ties by account id ascending (unscored accounts sit at 0 in the tail):
 * AP = (1/P) · Σₖ rel(k) · precision@k, P = positives. Same definition as `examples/evaluate.ts`.
 * @param ids the labelled accounts of the set
 * @param label account → 0 or 1
 * @param score account → score (0 when unscored)
 * @param threshold lowest flagged score
 * @returns the counts and ratios
 * @category Backtest
 * @example rankingMetrics(['a', 'b'], (id) => (id === 'a' ? 1 : 0), (id) => (id === 'a' ? 80 : 0), 40).averagePrecision // 1
 */
export function rankingMetrics(ids: readonly string[], label: (id: string) => 0 | 1, score: (id: string) => number, threshold: number): RankingMetrics {
  let positives = 0;
  let flagged = 0;
  let tp = 0;
  for (const id of ids) {
    const y = label(id);
    const s = score(id);
    const f = s >= threshold && s > 0;
    positives += y;
    if (f) flagged++;
    if (f && y === 1) tp++;
  }
  const ranked = [...ids].sort((a, b) => score(b) - score(a) || compareText(a, b));
  let hits = 0;
  let sum = 0;
  for (let k = 0; k < ranked.length; k++) {
    if (label(ranked[k] as string) === 1) {
      hits++;
      sum += hits / (k + 1);
    }
  }
  return {
    n: ids.length, positives, flagged, truePositives: tp,
    precision: flagged === 0 ? 0 : tp / flagged,
    recall: positives === 0 ? 0 : tp / positives,
    averagePrecision: positives === 0 ? 0 : sum / positives,
  };
}

/**
 * Figures of one configuration against labels: overall precision, recall and AP over every
 * labelled account, and per typology the recall and AP of its positives and the alert rate of
 * its label-0 accounts (the look-alike groups).
 * @param labels the labelled accounts (a repeated account: the last row wins)
 * @param scores account → score (see {@link accountScores})
 * @param threshold lowest flagged score
 * @returns overall and per-typology figures
 * @category Backtest
 * @example labelMetrics([{ account: 'a', label: 1, typology: 'funnel' }], new Map([['a', 55]]), 40).recall // 1
 */
export function labelMetrics(labels: Iterable<AccountLabel>, scores: ReadonlyMap<string, number>, threshold: number): LabelMetrics {
  const byAccount = new Map<string, AccountLabel>();
  for (const l of labels) byAccount.set(l.account, l);
  const ids = [...byAccount.keys()];
  const label = (id: string): 0 | 1 => byAccount.get(id)?.label ?? 0;
  const score = (id: string): number => scores.get(id) ?? 0;
  const flagged = (id: string): boolean => score(id) >= threshold && score(id) > 0;
  const groups = new Map<string, { pos: string[]; neg: string[] }>();
  for (const l of byAccount.values()) {
    const t = l.typology ?? '';
    let g = groups.get(t);
    if (g === undefined) groups.set(t, (g = { pos: [], neg: [] }));
    (l.label === 1 ? g.pos : g.neg).push(l.account);
  }
  const negatives = ids.filter((id) => label(id) === 0);
  const byTypology: TypologyMetrics[] = [...groups.keys()].sort().map((typology) => {
    const g = groups.get(typology) as { pos: string[]; neg: string[] };
    return {
      typology,
      positives: g.pos.length,
      flaggedPositives: g.pos.filter(flagged).length,
      negatives: g.neg.length,
      flaggedNegatives: g.neg.filter(flagged).length,
      averagePrecision: g.pos.length === 0 ? 0 : rankingMetrics([...g.pos, ...negatives], label, score, threshold).averagePrecision,
    };
  });
  return { ...rankingMetrics(ids, label, score, threshold), threshold, byTypology };
}
