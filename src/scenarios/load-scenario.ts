import { createHash } from 'node:crypto';
import { findStrategy, strategiesOf } from '../agents/registry.js';
import type { StrategyChoice, StrategyKind } from '../agents/strategy.js';
import { compileFormulas, type Formulas } from './formulas.js';
import { suggest } from './nearest.js';
import { InputError, renderProblem, sortProblems, type KeyPath, type Problem } from './problems.js';
import { scenarioSchema, type ScenarioShape, type StrategyRef } from './schema.js';
import { parseYamlSource, problemAt, type YamlSource } from './yaml-source.js';
import { zodProblems } from './zod-problems.js';
import { checkRanges } from './check-ranges.js';
import { checkReferences } from './check-references.js';

/** A scenario that passed every check, with its formulas compiled and strategies resolved. */
export interface Scenario extends ScenarioShape {
  readonly file: string;
  /** sha256 of the file's bytes, for the manifest. */
  readonly sha256: string;
  readonly formulas: Formulas;
  /** Where f and g are written, for errors they raise mid-run: `file:line:col: network.rewards.f`. */
  readonly formulaPositions: Readonly<Record<'f' | 'g', string>>;
  readonly strategies: {
    readonly miners: readonly { strategy: StrategyChoice; faults: StrategyChoice }[];
    readonly clusters: readonly { strategy: StrategyChoice; preferences: StrategyChoice }[];
    readonly pools: readonly StrategyChoice[];
    readonly delegators: readonly StrategyChoice[];
  };
}

/**
 * Reads scenario text into a checked Scenario, or throws InputError with every problem found,
 * sorted by position (house style: report all at once).
 */
export function loadScenario(text: string, file: string): Scenario {
  const parsed = parseYamlSource(text, file);
  if (!parsed.source) throw new InputError(parsed.problems);
  const source = parsed.source;
  if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
    throw new InputError([problemAt(source, [], `expected a map of scenario keys, received ${source.data === null ? 'an empty file' : 'a list or a value'}`)]);
  }
  const result = scenarioSchema.safeParse(source.data, { reportInput: true });
  if (!result.success) throw new InputError(sortProblems(zodProblems(source, scenarioSchema, result.error.issues)));
  const shape = result.data;
  const problems: Problem[] = [];
  checkUniqueGroups(source, shape, problems);
  const strategies = {
    miners: shape.miners.map((g, i) => ({
      // A miner run by a pool is started by its owner: it must not join by itself.
      strategy: resolve(source, 'miner', g.strategy ?? (g.pool ? 'pool-worker' : 'always-on'), ['miners', i, 'strategy'], problems),
      faults: resolve(source, 'fault-model', g.faults, ['miners', i, 'faults'], problems),
    })),
    clusters: shape.clusters.map((g, i) => ({
      strategy: resolve(source, 'developer', g.strategy, ['clusters', i, 'strategy'], problems),
      preferences: resolve(source, 'preference-policy', g.preferences, ['clusters', i, 'preferences'], problems),
    })),
    pools: shape.pools.map((g, i) => resolve(source, 'pool-owner', g.strategy, ['pools', i, 'strategy'], problems)),
    delegators: shape.delegators.map((g, i) => resolve(source, 'delegator', g.strategy, ['delegators', i, 'strategy'], problems)),
  };
  checkReferences(source, shape, problems);
  const formulas = compileFormulas(source, shape, problems);
  if (formulas) checkRanges(source, shape, formulas, problems);
  if (problems.length > 0) throw new InputError(sortProblems(problems));
  const sha256 = createHash('sha256').update(text).digest('hex');
  const formulaPositions = {
    f: renderProblem(problemAt(source, ['network', 'rewards', 'f'], '')).trimEnd(),
    g: renderProblem(problemAt(source, ['network', 'rewards', 'g'], '')).trimEnd(),
  };
  return { ...shape, file, sha256, formulas: formulas as Formulas, formulaPositions, strategies };
}

function checkUniqueGroups(source: YamlSource, shape: ScenarioShape, problems: Problem[]): void {
  for (const kind of ['miners', 'clusters', 'pools', 'delegators'] as const) {
    const seen = new Set<string>();
    shape[kind].forEach((g, i) => {
      if (seen.has(g.group)) problems.push(problemAt(source, [kind, i, 'group'], `expected a group name not used before, received ${JSON.stringify(g.group)}`));
      seen.add(g.group);
    });
  }
}

/** Looks a strategy up in the registry and checks its params against the strategy's schema. */
function resolve(source: YamlSource, kind: StrategyKind, ref: StrategyRef, path: KeyPath, problems: Problem[]): StrategyChoice {
  const name = typeof ref === 'string' ? ref : ref.name;
  const given = typeof ref === 'string' ? {} : ref.params;
  const namePath = typeof ref === 'string' ? path : [...path, 'name'];
  const strategy = findStrategy(kind, name);
  if (!strategy) {
    const known = strategiesOf(kind).map((s) => s.name);
    const near = suggest(name, known);
    const hint = `known: ${known.join(', ')}${near ? `; ${near}` : ''}`;
    problems.push(problemAt(source, namePath, `expected a ${kind} strategy, received ${JSON.stringify(name)}`, { hint }));
    return { name, params: {} };
  }
  const parsed = strategy.params.safeParse(given, { reportInput: true });
  if (!parsed.success) {
    problems.push(...zodProblems(source, strategy.params, parsed.error.issues, [...path, 'params']));
    return { name, params: {} };
  }
  return { name, params: parsed.data };
}
