import { compileExpression, ExpressionError, type CompiledExpression } from '../mechanism/expressions.js';
import { REWARD_VARIABLES } from '../mechanism/rewards.js';
import type { KeyPath, Problem } from './problems.js';
import { problemAt, type Locator } from './yaml-source.js';
import type { ScenarioShape } from './schema.js';

/** The scenario's formulas, compiled once for every run (issue 2: never re-parsed per era). */
export interface Formulas {
  readonly f: CompiledExpression;
  readonly g: CompiledExpression;
  readonly minStake: CompiledExpression;
  /** Per miner group: the stake S it puts down, given S_min, C and P. */
  readonly groupStakes: readonly CompiledExpression[];
}

/** Variables each formula may read besides the constants (SPEC §3.6, §4). */
export const FORMULA_VARIABLES = {
  f: ['C', 'P', 'k', 'm', 't'],
  g: ['b', 'k', 'm', 't'],
  min_stake: ['C', 'P'],
  stake: ['S_min', 'C', 'P'],
} as const;

export function compileFormulas(source: Locator, shape: ScenarioShape, problems: Problem[]): Formulas | null {
  const constants = Object.keys(shape.network.constants);
  const reserved = [...REWARD_VARIABLES, 'S_min'];
  for (const name of constants) {
    if (reserved.includes(name)) {
      const message = `expected a constant name other than the formula variables (${reserved.join(', ')}), received "${name}"`;
      problems.push(problemAt(source, ['network', 'constants', name], message, { atKey: true }));
    }
  }
  const compile = (path: KeyPath, text: string, variables: readonly string[]) =>
    compileAt(source, path, text, [...variables, ...constants], problems);
  const f = compile(['network', 'rewards', 'f'], shape.network.rewards.f, FORMULA_VARIABLES.f);
  const g = compile(['network', 'rewards', 'g'], shape.network.rewards.g, FORMULA_VARIABLES.g);
  const minStake = compile(['network', 'min_stake'], shape.network.min_stake, FORMULA_VARIABLES.min_stake);
  const groupStakes = shape.miners.map((group, i) =>
    compile(['miners', i, 'stake'], group.stake, FORMULA_VARIABLES.stake),
  );
  if (!f || !g || !minStake || groupStakes.some((s) => s === null)) return null;
  return { f, g, minStake, groupStakes: groupStakes as CompiledExpression[] };
}

/**
 * Formulas compiled before, by their variables and text: a sweep's points mostly share their
 * formulas, and compiling them again was about a third of checking each point. A compiled formula
 * keeps no state, so points may share one. Kept small: a process sees few distinct formulas.
 */
const compiled = new Map<string, CompiledExpression>();
const COMPILED_KEPT = 1024;

function compileShared(text: string, variables: readonly string[]): CompiledExpression {
  const key = `${variables.join(' ')}\n${text}`;
  let formula = compiled.get(key);
  if (formula === undefined) {
    formula = compileExpression(text, variables);
    if (compiled.size >= COMPILED_KEPT) compiled.clear();
    compiled.set(key, formula);
  }
  return formula;
}

function compileAt(
  source: Locator,
  path: KeyPath,
  text: string,
  variables: readonly string[],
  problems: Problem[],
): CompiledExpression | null {
  try {
    return compileShared(text, variables);
  } catch (err) {
    if (!(err instanceof ExpressionError)) throw err;
    const at = err.position === null ? '' : ` at character ${err.position}`;
    problems.push(problemAt(source, path, `expected a formula, received ${JSON.stringify(text)}: ${err.message}${at}`));
    return null;
  }
}
