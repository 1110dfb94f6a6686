import * as z from 'zod';

/** Zod pieces shared by rule option schemas. */
export const days = (min: number, max: number, fallback: number) => z.number().min(min).max(max).default(fallback);
export const ratioOpt = (min: number, max: number, fallback: number) => z.number().min(min).max(max).default(fallback);
export const countOpt = (min: number, max: number, fallback: number) => z.number().int().min(min).max(max).default(fallback);
/**
 * The `maxScan` guard of a rule that still reads its window: the most events one evaluation reads.
 * It defaults to the highest allowed value, far above any account in the benchmark or the scenario
 * bank — a guard against a pathological hub, not a cap that changes results; a hit raised after a
 * scan stopped at it carries `facts.scanLimit`.
 */
export const scanGuardOpt = (min: number, max: number) => countOpt(min, max, max);
