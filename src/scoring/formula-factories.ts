/**
 * The mathjs factories a typology formula needs: the parser and compiler, the functions of
 * `FORMULA_FUNCTIONS` and the constants `pi` and `e` (`true` and `false` are the parser's own) —
 * nothing else. Named one by one (not mathjs's `all`) so the bundler keeps only these: mathjs's
 * main entry builds every function of the library when it is loaded (138 MB resident and 1.2 s on
 * Node 20, in every process and worker thread), while typologies without a formula — all the
 * default ones — need none of it. formula.ts imports this module as one namespace object and
 * hands it to `create`; the test of the whitelist checks every function compiles.
 */
export {
  parseDependencies, compileDependencies,
  absDependencies, addDependencies, cbrtDependencies, ceilDependencies, compareDependencies, cubeDependencies,
  divideDependencies, expDependencies, expm1Dependencies, fixDependencies, floorDependencies, hypotDependencies,
  logDependencies, log10Dependencies, log1pDependencies, log2Dependencies, maxDependencies, meanDependencies,
  medianDependencies, minDependencies, modDependencies, multiplyDependencies, nthRootDependencies, powDependencies,
  prodDependencies, roundDependencies, signDependencies, sqrtDependencies, squareDependencies, subtractDependencies,
  sumDependencies, unaryMinusDependencies, unaryPlusDependencies,
  andDependencies, orDependencies, notDependencies, xorDependencies, equalDependencies, unequalDependencies,
  largerDependencies, largerEqDependencies, smallerDependencies, smallerEqDependencies,
  piDependencies, eDependencies,
} from 'mathjs';
