import { structuringTypology, type Typology } from './typology.js';

/**
 * The default typologies.
 * @category Scoring
 */
export function defaultTypologies(): Typology[] {
  return [structuringTypology()];
}
