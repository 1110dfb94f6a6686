import * as z from 'zod';

/** Zod pieces shared by rule option schemas. */
export const days = (min: number, max: number, fallback: number) => z.number().min(min).max(max).default(fallback);
export const ratioOpt = (min: number, max: number, fallback: number) => z.number().min(min).max(max).default(fallback);
export const countOpt = (min: number, max: number, fallback: number) => z.number().int().min(min).max(max).default(fallback);
