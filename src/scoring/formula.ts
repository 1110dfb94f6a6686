import { create, type EvalFunction, type FactoryFunctionMap, type MathNode } from 'mathjs';
import * as formulaFactories from './formula-factories.js';
import { ConfigError } from '../_internal/config-error.js';
import { formulaProblems } from './formula-functions.js';

type Evaluate = (scope: Readonly<Record<string, number>>) => number;

/** The outcome of one formula evaluation: a finite number, or why there is none. @category Scoring */
export type FormulaResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly error: string };

let restricted: { math: ReturnType<typeof create>; parse: (expression: string) => MathNode } | undefined;

/** The factories of formula-factories.ts, as one map for `create`. */
const FORMULA_FACTORIES = { ...formulaFactories } as unknown as FactoryFunctionMap;

/**
 * A mathjs instance holding only {@link FORMULA_FACTORIES}, created on the first formula, with
 * every function that could reach outside pure arithmetic disabled, as the mathjs security guide
 * recommends, plus the parser kept aside for compiling. The whitelist ({@link FORMULA_FUNCTIONS})
 * is the real gate; the smaller instance and the disabled functions are further lines.
 */
function mathInstance(): NonNullable<typeof restricted> {
  if (restricted !== undefined) return restricted;
  const math = create(FORMULA_FACTORIES);
  const parse = math.parse.bind(math) as (expression: string) => MathNode;
  const blocked = (name: string) => () => {
    throw new Error(`function ${name} is disabled in typology formulas`);
  };
  math.import(
    Object.fromEntries(
      ['import', 'createUnit', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve', 'reviver', 'compile', 'chain', 'help', 'parser']
        .map((n) => [n, blocked(n)]),
    ),
    { override: true },
  );
  restricted = { math, parse };
  return restricted;
}

/**
 * Compiles a formula into a function that never throws: a finite number, or the reason there is
 * none. Refused at compile time with a ConfigError: syntax errors, functions outside
 * {@link FORMULA_FUNCTIONS} (`invalid_formula`), names that are not rules (`unknown_rule`), and
 * a formula that fails on probe scopes (every rule at 0, at 0.5, at 1, and each alone at 1) — so
 * `1 / split_sum` or `log(fan_out - 0.5)` are caught before any data is read.
 * @param suggest - a "did you mean" hint for an unknown name ('' for none)
 */
export function compileFormulaResult(expression: string, variables: readonly string[], suggest: (name: string) => string = () => ''): (scope: Readonly<Record<string, number>>) => FormulaResult {
  const { parse } = mathInstance();
  let node: MathNode;
  try {
    node = parse(expression);
  } catch (error) {
    throw new ConfigError('invalid_formula', `formula "${expression}": ${(error as Error).message}`);
  }
  const allowed = new Set(variables);
  const problems = formulaProblems(node, allowed, suggest);
  const first = problems[0];
  if (first !== undefined) throw new ConfigError(first.code, `formula "${expression}": ${problems.map((p) => p.message).join('; ')}`);
  let code: EvalFunction;
  try {
    code = node.compile();
  } catch (error) {
    throw new ConfigError('invalid_formula', `formula "${expression}": ${(error as Error).message}`);
  }
  const run = (scope: Readonly<Record<string, number>>): FormulaResult => {
    const s = new Map<string, number>();
    for (const v of allowed) s.set(v, scope[v] ?? 0);
    try {
      const value: unknown = code.evaluate(s);
      if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };
      return { ok: false, error: `formula gave ${describe(value)}, not a finite number` };
    } catch (error) {
      return { ok: false, error: `formula failed: ${(error as Error).message}` };
    }
  };
  const probe = (value: number, only?: string) => Object.fromEntries(variables.map((v) => [v, only === undefined || v === only ? value : 0]));
  const probes = [probe(0), probe(0.5), probe(1), ...variables.map((v) => probe(1, v))];
  for (const scope of probes) {
    const r = run(scope);
    if (!r.ok) {
      const set = Object.entries(scope).filter(([, x]) => x !== 0);
      const at = set.length === 0 ? 'every rule at 0' : set.length === variables.length ? `every rule at ${set[0]?.[1]}` : `${set.map(([k, x]) => `${k} = ${x}`).join(', ')}, the rest 0`;
      throw new ConfigError('invalid_formula', `formula "${expression}": ${r.error} (with ${at})`);
    }
  }
  return run;
}

/**
 * Compiles a typology formula once (mathjs, restricted: only whitelisted deterministic functions,
 * only the given variable names, only numbers). Unknown names, other functions and formulas that
 * fail on probe values are configuration errors (see `compileFormulaResult`). The returned
 * function gives 0 where the formula has no finite value at run time; the engine reports such
 * cases in the alert (`typologies[].error`).
 * @category Scoring
 * @example const f = compileFormula('max(split_sum, near_threshold_cash) * 70', ['split_sum', 'near_threshold_cash']);
 */
export function compileFormula(expression: string, variables: readonly string[]): Evaluate {
  const run = compileFormulaResult(expression, variables);
  return (scope) => {
    const r = run(scope);
    return r.ok ? r.value : 0;
  };
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return `a ${(value as { type?: string }).type ?? (value as object).constructor?.name ?? 'value'}`;
  return `a ${typeof value}`;
}
