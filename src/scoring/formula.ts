import { create, all, type EvalFunction } from 'mathjs';
import { ConfigError } from '../_internal/config-error.js';

type Evaluate = (scope: Readonly<Record<string, number>>) => number;

let restricted: ReturnType<typeof create> | undefined;

/**
 * A mathjs instance with every function that could reach outside pure arithmetic disabled,
 * as the mathjs security guide recommends for user-supplied expressions.
 */
function mathInstance(): ReturnType<typeof create> {
  if (restricted !== undefined) return restricted;
  const math = create(all as NonNullable<typeof all>);
  const compile = math.compile.bind(math);
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
  restricted = Object.assign(math, { compile });
  return restricted;
}

/**
 * Compiles a typology formula once (mathjs, restricted scope: only the given variable names,
 * only numbers). Unknown variables and non-numeric results are configuration errors.
 * @category Scoring
 * @example const f = compileFormula('max(split_sum, near_threshold_cash) * 70', ['split_sum', 'near_threshold_cash']);
 */
export function compileFormula(expression: string, variables: readonly string[]): Evaluate {
  let code: EvalFunction;
  const math = mathInstance();
  try {
    code = math.compile(expression);
  } catch (error) {
    throw new ConfigError('invalid_formula', `formula "${expression}": ${(error as Error).message}`);
  }
  const allowed = new Set(variables);
  const probe = Object.fromEntries(variables.map((v) => [v, 0]));
  const run: Evaluate = (scope) => {
    const s = new Map<string, number>();
    for (const v of allowed) s.set(v, scope[v] ?? 0);
    const value: unknown = code.evaluate(s);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error('formula did not produce a finite number');
    return value;
  };
  try {
    run(probe);
  } catch (error) {
    throw new ConfigError('invalid_formula', `formula "${expression}": ${(error as Error).message}`);
  }
  return (scope) => {
    try {
      return run(scope);
    } catch {
      return 0;
    }
  };
}
