import { findStrategy, strategiesOf } from '../agents/registry.js';
import type { StrategyChoice, StrategyKind } from '../agents/strategy.js';
import { checkRanges } from './check-ranges.js';
import { checkAccountCount, checkReferences } from './check-references.js';
import { compileFormulas, type Formulas } from './formulas.js';
import { suggest } from './nearest.js';
import { InputError, renderProblem, sortProblems, type KeyPath, type Problem } from './problems.js';
import { AGENT_SECTIONS, scenarioSchema, type ScenarioShape, type StrategyRef } from './schema.js';
import { problemAt, type Locator } from './yaml-source.js';
import { zodProblems } from './zod-problems.js';

/** A scenario (one sweep point) that passed every check, with formulas compiled and strategies resolved. */
export interface Scenario extends ScenarioShape {
  readonly file: string;
  readonly formulas: Formulas;
  /** Where f and g are written, for errors they raise mid-run: `file:line:col: network.rewards.f:`. */
  readonly formulaPositions: Readonly<Record<'f' | 'g', string>>;
  readonly strategies: {
    readonly miners: readonly { strategy: StrategyChoice; faults: StrategyChoice }[];
    readonly clusters: readonly { strategy: StrategyChoice; preferences: StrategyChoice }[];
    readonly pools: readonly StrategyChoice[];
    readonly delegators: readonly StrategyChoice[];
    readonly endUsers: readonly StrategyChoice[];
  };
}

export type Checked = { scenario: Scenario; problems: [] } | { scenario: null; problems: Problem[] };

/**
 * Checks scenario data (parsed YAML, with defaults or without): its shape, then its meaning:
 * strategies against the registry, references, formulas and ranges. Every problem is collected,
 * sorted by position (house style: report all at once).
 */
export function checkScenario(data: unknown, where: Locator): Checked {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const received = data === null || data === undefined ? 'an empty file' : 'a list or a value';
    return {
      scenario: null,
      problems: [problemAt(where, [], `expected a map of scenario keys, received ${received}`)],
    };
  }
  const result = scenarioSchema.safeParse(data, { reportInput: true });
  if (!result.success)
    return { scenario: null, problems: sortProblems(zodProblems(where, scenarioSchema, result.error.issues)) };
  const shape = result.data;
  const problems: Problem[] = [];
  checkUniqueGroups(where, shape, problems);
  const strategies = resolveStrategies(where, shape, problems);
  // Before any index of the scenario's ids is made: past the limit, making one would fail.
  if (checkAccountCount(where, shape, problems)) checkReferences(where, shape, problems);
  const formulas = compileFormulas(where, shape, problems);
  if (formulas) checkRanges(where, shape, formulas, problems);
  if (problems.length > 0) return { scenario: null, problems: sortProblems(problems) };
  const formulaPositions = {
    f: renderProblem(problemAt(where, ['network', 'rewards', 'f'], '')).trimEnd(),
    g: renderProblem(problemAt(where, ['network', 'rewards', 'g'], '')).trimEnd(),
  };
  const scenario: Scenario = {
    ...shape,
    file: where.file,
    formulas: formulas as Formulas,
    formulaPositions,
    strategies,
  };
  return { scenario, problems: [] };
}

/** The scenario in `data`, or InputError with every problem. */
export function requireScenario(data: unknown, where: Locator): Scenario {
  const checked = checkScenario(data, where);
  if (!checked.scenario) throw new InputError(checked.problems);
  return checked.scenario;
}

function resolveStrategies(where: Locator, shape: ScenarioShape, problems: Problem[]): Scenario['strategies'] {
  return {
    miners: shape.miners.map((g, i) => ({
      // A miner run by a pool is started by its owner: it must not join by itself.
      strategy: resolve(
        where,
        'miner',
        g.strategy ?? (g.pool ? 'pool-worker' : 'always-on'),
        ['miners', i, 'strategy'],
        problems,
      ),
      faults: resolve(where, 'fault-model', g.faults, ['miners', i, 'faults'], problems),
    })),
    clusters: shape.clusters.map((g, i) => ({
      strategy: resolve(where, 'developer', g.strategy, ['clusters', i, 'strategy'], problems),
      preferences: resolve(where, 'preference-policy', g.preferences, ['clusters', i, 'preferences'], problems),
    })),
    pools: shape.pools.map((g, i) => resolve(where, 'pool-owner', g.strategy, ['pools', i, 'strategy'], problems)),
    delegators: shape.delegators.map((g, i) =>
      resolve(where, 'delegator', g.strategy, ['delegators', i, 'strategy'], problems),
    ),
    endUsers: shape.end_users.map((g, i) =>
      resolve(where, 'end-user', g.strategy, ['end_users', i, 'strategy'], problems),
    ),
  };
}

function checkUniqueGroups(where: Locator, shape: ScenarioShape, problems: Problem[]): void {
  for (const kind of AGENT_SECTIONS) {
    const seen = new Set<string>();
    shape[kind].forEach((g, i) => {
      if (seen.has(g.group))
        problems.push(
          problemAt(
            where,
            [kind, i, 'group'],
            `expected a group name not used before, received ${JSON.stringify(g.group)}`,
          ),
        );
      seen.add(g.group);
    });
  }
}

/** Looks a strategy up in the registry and checks its params against the strategy's schema. */
function resolve(
  where: Locator,
  kind: StrategyKind,
  ref: StrategyRef,
  path: KeyPath,
  problems: Problem[],
): StrategyChoice {
  const name = typeof ref === 'string' ? ref : ref.name;
  const given = typeof ref === 'string' ? {} : ref.params;
  const namePath = typeof ref === 'string' ? path : [...path, 'name'];
  const strategy = findStrategy(kind, name);
  if (!strategy) {
    const known = strategiesOf(kind).map((s) => s.name);
    const near = suggest(name, known);
    const hint = `known: ${known.join(', ')}${near ? `; ${near}` : ''}`;
    problems.push(
      problemAt(where, namePath, `expected a ${kind} strategy, received ${JSON.stringify(name)}`, { hint }),
    );
    return { name, params: {} };
  }
  const parsed = strategy.params.safeParse(given, { reportInput: true });
  if (!parsed.success) {
    problems.push(...zodProblems(where, strategy.params, parsed.error.issues, [...path, 'params']));
    return { name, params: {} };
  }
  return { name, params: parsed.data };
}
