/** Alert bands by score. @category Scoring */
export type Band = 'low' | 'medium' | 'high' | 'critical';

/** Lowest score of each band. @category Scoring */
export const BAND_FLOORS: Readonly<Record<Band, number>> = { low: 0, medium: 40, high: 70, critical: 90 };

/**
 * The band of a 0–100 score: low < 40 ≤ medium < 70 ≤ high < 90 ≤ critical.
 * @category Scoring
 * @example bandOf(72) // 'high'
 */
export function bandOf(score: number): Band {
  if (score >= BAND_FLOORS.critical) return 'critical';
  if (score >= BAND_FLOORS.high) return 'high';
  if (score >= BAND_FLOORS.medium) return 'medium';
  return 'low';
}

/**
 * Whether a band counts as high for the run summaries (`high` or `critical`).
 * @example isHighBand('critical') // true
 */
export function isHighBand(band: Band): boolean {
  return band === 'high' || band === 'critical';
}
