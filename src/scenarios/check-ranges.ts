import { distributionRange, type Distribution } from '../agents/distributions.js';
import type { CompiledExpression } from '../mechanism/expressions.js';
import type { Formulas } from './formulas.js';
import type { KeyPath, Problem } from './problems.js';
import type { ScenarioShape } from './schema.js';
import { problemAt, type Locator } from './yaml-source.js';

/**
 * Checks that can be made before any run: distributions that could draw a negative power or
 * stake, and formulas that give a negative or non-numeric value at the edges of what the
 * scenario can draw (paper §4: f, g ≥ 0 and increasing; S ≥ 0).
 */
export function checkRanges(source: Locator, shape: ScenarioShape, formulas: Formulas, problems: Problem[]): void {
  const constants = shape.network.constants;
  const k = shape.network.brackets;
  for (let b = 1; b <= k; b++) {
    if (readsOnly(formulas.g, ['b', 'k'])) {
      checkValue(source, ['network', 'rewards', 'g'], formulas.g, { ...constants, b, k, m: 1, t: 0 }, problems);
    }
  }
  const scores = shape.network.confidence_scores;
  shape.miners.forEach((group, i) => {
    const power = checkDistribution(source, ['miners', i, 'performance'], group.performance, 'a performance', problems);
    if (!power) return;
    const levels = levelsOf(group.confidence_level);
    if (levels.length === 0) {
      problems.push(
        problemAt(
          source,
          ['miners', i, 'confidence_level', 'weights'],
          'expected at least one weight above 0, received all 0',
        ),
      );
      return;
    }
    for (const P of power) {
      for (const level of levels) {
        const C = scores[level - 1] as number;
        if (readsOnly(formulas.f, ['C', 'P', 'k']))
          checkValue(source, ['network', 'rewards', 'f'], formulas.f, { ...constants, C, P, k, m: 1, t: 0 }, problems);
        const S_min = checkValue(source, ['network', 'min_stake'], formulas.minStake, { ...constants, C, P }, problems);
        if (S_min !== null)
          checkValue(
            source,
            ['miners', i, 'stake'],
            formulas.groupStakes[i] as CompiledExpression,
            { ...constants, S_min, C, P },
            problems,
          );
      }
    }
  });
  shape.clusters.forEach((group, i) => {
    checkDistribution(source, ['clusters', i, 'stake'], group.stake, 'a stake', problems);
  });
  shape.pools.forEach((group, i) => {
    const range = checkDistribution(source, ['pools', i, 'commission'], group.commission, 'a commission', problems);
    const hi = distributionRange(group.commission)[1];
    if (range && hi > 1) {
      const received = Number.isFinite(hi) ? `values up to ${hi}` : 'a distribution without an upper bound';
      problems.push(
        problemAt(source, ['pools', i, 'commission'], `expected a commission ≤ 1, received ${received}`, {
          hint: 'add max: 1',
        }),
      );
    }
  });
}

function readsOnly(expr: CompiledExpression, variables: readonly string[]): boolean {
  return ['t', 'm', 'b', 'C', 'P', 'k'].every((v) => variables.includes(v) || !expr.symbols.has(v));
}

/** The finite edges of a distribution, or null after reporting one that can go below 0. */
function checkDistribution(
  source: Locator,
  path: KeyPath,
  dist: Distribution,
  what: string,
  problems: Problem[],
): number[] | null {
  if (typeof dist === 'object' && 'uniform' in dist && dist.uniform[0] > dist.uniform[1]) {
    problems.push(
      problemAt(
        source,
        [...path, 'uniform'],
        `expected [low, high] with low ≤ high, received [${dist.uniform.join(', ')}]`,
      ),
    );
    return null;
  }
  if (
    typeof dist === 'object' &&
    'choice' in dist &&
    dist.choice.weights &&
    dist.choice.weights.length !== dist.choice.values.length
  ) {
    problems.push(
      problemAt(
        source,
        [...path, 'choice', 'weights'],
        `expected ${dist.choice.values.length} weights (one per value), received ${dist.choice.weights.length}`,
      ),
    );
    return null;
  }
  const [lo, hi] = distributionRange(dist);
  if (lo < 0) {
    const received = Number.isFinite(lo) ? `values down to ${lo}` : 'a distribution without a lower bound';
    problems.push(problemAt(source, path, `expected ${what} ≥ 0, received ${received}`, { hint: 'add min: 0' }));
    return null;
  }
  return Number.isFinite(hi) ? [lo, hi] : [lo];
}

function checkValue(
  source: Locator,
  path: KeyPath,
  expr: CompiledExpression,
  scope: Record<string, number>,
  problems: Problem[],
): number | null {
  const value = expr.evaluate(scope);
  if (value >= 0 && Number.isFinite(value)) return value;
  const at = Object.entries(scope)
    .filter(([name]) => expr.symbols.has(name))
    .map(([name, v]) => `${name} = ${v}`)
    .join(', ');
  const message = `expected a formula whose value is a number ≥ 0, received ${value}${at ? ` at ${at}` : ''}`;
  // One problem per formula: the first edge that fails says enough.
  const key = path.join('.');
  if (!problems.some((p) => p.path.join('.') === key)) problems.push(problemAt(source, path, message));
  return null;
}

/** The confidence levels a group can draw: its fixed level, or those with a weight above 0. */
function levelsOf(level: number | { weights: number[] }): number[] {
  return typeof level === 'number' ? [level] : [1, 2, 3, 4, 5].filter((_, i) => (level.weights[i] ?? 0) > 0);
}
