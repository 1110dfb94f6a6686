import type { MathNode } from 'mathjs';

/**
 * The functions a typology formula may call: deterministic arithmetic, comparison, logic and
 * aggregation over numbers. Everything else mathjs offers is refused at compile time — random
 * numbers (`random`, `pickRandom`, `randomInt`: one config hash, three runs, scores 19, 34 and 63),
 * anything that reaches the parser or the instance (`import`, `createUnit`, `evaluate`, `parse`,
 * `simplify`, `derivative`, `compile` …), units, matrices, strings and complex numbers.
 * @category Scoring
 */
export const FORMULA_FUNCTIONS: readonly string[] = [
  'abs', 'add', 'cbrt', 'ceil', 'compare', 'cube', 'divide', 'exp', 'expm1', 'fix', 'floor', 'hypot',
  'log', 'log10', 'log1p', 'log2', 'max', 'mean', 'median', 'min', 'mod', 'multiply', 'nthRoot', 'pow', 'prod', 'round',
  'sign', 'sqrt', 'square', 'subtract', 'sum', 'unaryMinus', 'unaryPlus',
  'and', 'or', 'not', 'xor', 'equal', 'unequal', 'larger', 'largerEq', 'smaller', 'smallerEq',
];

/** Named constants a formula may use besides rule names. @category Scoring */
export const FORMULA_CONSTANTS: readonly string[] = ['pi', 'e', 'true', 'false'];

/** Expression node types a formula may contain: numbers, names, operators, calls, parentheses, `a ? b : c`, `a < b < c`. */
const NODE_TYPES: ReadonlySet<string> = new Set([
  'ConstantNode', 'SymbolNode', 'OperatorNode', 'FunctionNode', 'ParenthesisNode', 'ConditionalNode', 'RelationalNode',
]);

/** Operators whose functions are not in {@link FORMULA_FUNCTIONS} (units, matrices, bit twiddling) are refused too. */
const OPERATOR_FUNCTIONS: ReadonlySet<string> = new Set([
  ...FORMULA_FUNCTIONS, 'factorial', 'dotMultiply', 'dotDivide', 'dotPow',
]);

/** One reason a formula is refused. */
export interface FormulaProblem {
  readonly code: 'invalid_formula' | 'unknown_rule';
  readonly message: string;
}

/**
 * Walks a parsed formula and lists what it may not contain: a function outside the whitelist, a
 * name that is neither a known rule nor a constant, or a construct such as assignment, property
 * access, matrices or ranges. Empty when the formula is acceptable.
 */
export function formulaProblems(root: MathNode, variables: ReadonlySet<string>, suggest: (name: string) => string): FormulaProblem[] {
  const problems: FormulaProblem[] = [];
  const functions = new Set(FORMULA_FUNCTIONS);
  const constants = new Set(FORMULA_CONSTANTS);
  root.traverse((node, _path, parent) => {
    if (!NODE_TYPES.has(node.type)) {
      problems.push({ code: 'invalid_formula', message: `${describeNode(node.type)} is not allowed (only numbers, rule names, operators and whitelisted functions)` });
      return;
    }
    if (node.type === 'FunctionNode') {
      const fn = (node as unknown as { fn: MathNode & { name?: string } }).fn;
      const name = fn.type === 'SymbolNode' ? fn.name ?? '' : '';
      if (!functions.has(name)) {
        problems.push({ code: 'invalid_formula', message: `function ${name === '' ? '(computed)' : `"${name}"`} is not allowed; allowed: ${FORMULA_FUNCTIONS.join(', ')}` });
      }
      return;
    }
    if (node.type === 'OperatorNode') {
      const fn = (node as unknown as { fn: string; op: string }).fn;
      if (!OPERATOR_FUNCTIONS.has(fn)) problems.push({ code: 'invalid_formula', message: `operator "${(node as unknown as { op: string }).op}" is not allowed` });
      return;
    }
    if (node.type === 'SymbolNode') {
      const isCallee = parent !== null && parent.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === node;
      if (isCallee) return;
      const name = (node as unknown as { name: string }).name;
      if (!variables.has(name) && !constants.has(name)) problems.push({ code: 'unknown_rule', message: `unknown rule "${name}"${suggest(name)}` });
    }
  });
  return problems;
}

function describeNode(type: string): string {
  switch (type) {
    case 'AssignmentNode':
    case 'FunctionAssignmentNode':
      return 'assignment';
    case 'AccessorNode':
    case 'IndexNode':
      return 'property or index access';
    case 'ArrayNode':
    case 'RangeNode':
      return 'a matrix or range';
    case 'ObjectNode':
      return 'an object';
    case 'BlockNode':
      return 'several statements';
    default:
      return type;
  }
}
