import { createHash } from 'node:crypto';
import { parse as parseYamlValue } from 'yaml';
import { checkScenario, requireScenario, type Scenario } from './load-scenario.js';
import { getPath, parseKeyPath, setPath } from './key-path.js';
import { formatCount, formatPath, InputError, sortProblems, type KeyPath, type Problem } from './problems.js';
import {
  expandSweep,
  MAX_POINTS,
  NO_SWEEP,
  pointCount,
  sweepSchema,
  type Axis,
  type Sweep,
  type SweepValue,
} from './sweep.js';
import { parseYamlSource, problemAt, sourceLocator, type Locator, type YamlSource } from './yaml-source.js';
import { knownKeys, zodProblems } from './zod-problems.js';
import { MAX_RUNS, scenarioSchema } from './schema.js';
import { suggest } from './nearest.js';

/** A `--set path=value` override, applied to every point. */
export interface SetOverride {
  readonly text: string;
  readonly path: KeyPath;
  readonly value: unknown;
}

/** A scenario file with its overrides and sweep: one checked scenario per point. */
export interface Experiment {
  readonly file: string;
  /** sha256 of the file's bytes. */
  readonly sha256: string;
  readonly sets: readonly SetOverride[];
  readonly sweep: Sweep;
  /** The scenario of each point, in point order. */
  readonly points: readonly Scenario[];
}

/** Keys no sweep or --set may change: they name the experiment rather than describe it. */
const FIXED = new Set(['name', 'seed', 'outputs', 'sweep']);

/**
 * Reads a scenario file into an experiment, or throws InputError with every problem of the file,
 * of the --set overrides and of every sweep point, each at the line that caused it.
 */
export function loadExperiment(text: string, file: string, setTexts: readonly string[] = []): Experiment {
  const { source, sets, base, sweep } = readExperiment(text, file, setTexts);
  const points = checkPoints(source, base, sweep);
  const runs = points.reduce((n, p) => n + p.runs, 0);
  if (runs > MAX_RUNS)
    throw new InputError([
      problemAt(
        source,
        ['runs'],
        `expected at most ${formatCount(MAX_RUNS)} runs in all (every point's runs), received ${formatCount(runs)}`,
      ),
    ]);
  return { file, sha256: createHash('sha256').update(text).digest('hex'), sets, sweep, points };
}

/** An experiment whose points are checked one at a time, as they are asked for. */
export interface LazyExperiment {
  readonly sweep: Sweep;
  /** The scenario of point `index`; throws InputError with its problems if it has any. */
  point(index: number): Scenario;
}

/**
 * The experiment a worker thread runs jobs of: the file, its overrides and sweep checked as
 * `loadExperiment` checks them, but each point's scenario made only when a job of it comes (the
 * last one kept: a point's runs come one after another). A thread runs a share of a sweep's points,
 * and the main thread has checked them all before any run starts: checking every point again in
 * every thread took seconds of start-up and a scenario per point of memory in each (20,000 points:
 * 3-5.5 s in each thread).
 */
export function openExperiment(text: string, file: string, setTexts: readonly string[] = []): LazyExperiment {
  const { source, base, sweep } = readExperiment(text, file, setTexts);
  let last: { readonly index: number; readonly scenario: Scenario } | null = null;
  return {
    sweep,
    point(index) {
      if (last?.index !== index) {
        const checked = checkPoint(source, base, sweep, index);
        if (!checked.scenario) throw new InputError(checked.problems);
        last = { index, scenario: checked.scenario };
      }
      return last.scenario;
    },
  };
}

/** The file with its overrides applied, and its sweep: everything but the points' own checks. */
function readExperiment(
  text: string,
  file: string,
  setTexts: readonly string[],
): { source: YamlSource; sets: SetOverride[]; base: Scenario; sweep: Sweep } {
  const parsed = parseYamlSource(text, file);
  if (!parsed.source) throw new InputError(parsed.problems);
  const source = parsed.source;
  const { rest, sweepData } = splitSweep(source.data);
  const here = sourceLocator(source);
  const checked = checkScenario(rest, here);
  if (!checked.scenario) throw new InputError(checked.problems);
  const sets = setTexts.map(parseSet);
  const base = applySets(checked.scenario, sets);
  const sweep = sweepData === undefined ? NO_SWEEP : readSweep(source, sweepData, base);
  return { source, sets, base, sweep };
}

/** The scenario of a file without a sweep (or its first point): for tests and tools. */
export function loadScenario(text: string, file: string): Scenario {
  return loadExperiment(text, file).points[0] as Scenario;
}

function splitSweep(data: unknown): { rest: unknown; sweepData: unknown } {
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !('sweep' in data))
    return { rest: data, sweepData: undefined };
  const { sweep, ...rest } = data as Record<string, unknown>;
  return { rest, sweepData: sweep };
}

function parseSet(text: string): SetOverride {
  const eq = text.indexOf('=');
  const path = eq > 0 ? parseKeyPath(text.slice(0, eq)) : null;
  const fail = (message: string) => new InputError([{ file: `--set ${text}`, line: 0, col: 0, path: [], message }]);
  if (!path) throw fail('expected path=value, as in network.alpha=0.2 or miners[0].count=50');
  if (FIXED.has(String(path[0]))) throw fail(`${String(path[0])} cannot be overridden`);
  return { text, path, value: parseYamlValue(text.slice(eq + 1)) as unknown };
}

/** Overrides go onto the scenario with its defaults filled in, so a default can be overridden too. */
function applySets(base: Scenario, sets: readonly SetOverride[]): Scenario {
  let scenario = base;
  for (const set of sets) {
    const where: Locator = { file: `--set ${set.text}`, position: () => ({ line: 0, col: 0 }) };
    const data = setPath(plain(scenario), set.path, set.value);
    if (data === null)
      throw new InputError([
        problemAt(where, set.path, `expected a path to a scenario value, received ${formatPath(set.path)}`),
      ]);
    scenario = requireScenario(data, where);
  }
  return scenario;
}

/** The data of a checked scenario, without what checking added. */
function plain(scenario: Scenario): Record<string, unknown> {
  const { file: _file, formulas: _formulas, formulaPositions: _positions, strategies: _strategies, ...data } = scenario;
  return data;
}

function readSweep(source: YamlSource, data: unknown, base: Scenario): Sweep {
  const result = sweepSchema.safeParse(data, { reportInput: true });
  if (!result.success)
    throw new InputError(sortProblems(zodProblems(sourceLocator(source), sweepSchema, result.error.issues, ['sweep'])));
  const input = result.data;
  const problems: Problem[] = [];
  const names = [...Object.keys(input.grid), ...Object.keys(input.zip), ...Object.keys(input.sample?.ranges ?? {})];
  const declared = (name: string): KeyPath =>
    name in input.grid
      ? ['sweep', 'grid', name]
      : name in input.zip
        ? ['sweep', 'zip', name]
        : ['sweep', 'sample', 'ranges', name];
  for (const name of names) {
    const path = parseKeyPath(name);
    const trouble = !path
      ? { reason: 'expected a path like network.alpha or miners[0].count' }
      : axisProblem(base, path);
    if (trouble)
      problems.push(
        problemAt(source, declared(name), `${trouble.reason}, received ${JSON.stringify(name)}`, {
          atKey: true,
          ...(trouble.hint ? { hint: trouble.hint } : {}),
        }),
      );
  }
  if (new Set(names).size !== names.length)
    problems.push(problemAt(source, ['sweep'], 'expected each path in one axis only'));
  const zipLengths = Object.entries(input.zip).map(([name, values]) => [name, values.length] as const);
  for (const [name, length] of zipLengths) {
    const first = zipLengths[0] as readonly [string, number];
    if (length !== first[1]) {
      problems.push(
        problemAt(
          source,
          ['sweep', 'zip', name],
          `expected ${first[1]} values, as many as ${first[0]} (zip pairs lists of equal length), received ${length}`,
        ),
      );
    }
  }
  for (const [name, [lo, hi]] of Object.entries(input.sample?.ranges ?? {})) {
    if (lo > hi)
      problems.push(
        problemAt(
          source,
          ['sweep', 'sample', 'ranges', name],
          `expected [low, high] with low ≤ high, received [${lo}, ${hi}]`,
        ),
      );
  }
  const count = pointCount(input);
  if (count > MAX_POINTS)
    problems.push(
      problemAt(
        source,
        ['sweep'],
        `expected at most ${formatCount(MAX_POINTS)} points (grid × zip × sample), received ${formatCount(count)}`,
        { atKey: true },
      ),
    );
  if (problems.length > 0) throw new InputError(sortProblems(problems));
  const wholeNumbers = (name: string) => {
    const [lo, hi] = input.sample?.ranges[name] ?? [0.5, 0.5];
    return Number.isInteger(getPath(base, parseKeyPath(name) ?? [])) && Number.isInteger(lo) && Number.isInteger(hi);
  };
  return expandSweep(input, base.seed, wholeNumbers);
}

/**
 * Why a path cannot be an axis, or null: it must lead to a value of the scenario (defaults count),
 * or to a key the scenario's schema knows (strategy params are checked with each point).
 */
function axisProblem(base: Scenario, path: KeyPath): { reason: string; hint?: string } | null {
  const nowhere = { reason: 'expected a path to a scenario value' };
  if (FIXED.has(String(path[0]))) return { reason: `expected a scenario value other than ${[...FIXED].join(', ')}` };
  const parentPath = path.slice(0, -1);
  const parent = getPath(base, parentPath);
  if (parent === null || typeof parent !== 'object') return nowhere;
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(parent)) return typeof last === 'number' && last < parent.length ? null : nowhere;
  const known = knownKeys(scenarioSchema, parentPath);
  if (!(String(last) in parent) && known.length > 0 && !known.includes(String(last))) {
    const near = suggest(String(last), known);
    return near ? { ...nowhere, hint: near } : nowhere;
  }
  return null;
}

/** Each point's scenario, checked in full; a problem points at the sweep entry that caused it. */
function checkPoints(source: YamlSource, base: Scenario, sweep: Sweep): Scenario[] {
  if (sweep.axes.length === 0) return [base];
  const problems: Problem[] = [];
  const points = sweep.points.map((_, index) => {
    const checked = checkPoint(source, base, sweep, index);
    problems.push(...checked.problems);
    return checked.scenario ?? base;
  });
  if (problems.length > 0) throw new InputError(sortProblems(collapseRepeats(problems)));
  return points;
}

/** One point's scenario: the base with the point's values, checked; its problems say which point. */
function checkPoint(
  source: YamlSource,
  base: Scenario,
  sweep: Sweep,
  index: number,
): { scenario?: Scenario; problems: Problem[] } {
  if (sweep.axes.length === 0) return { scenario: base, problems: [] };
  const point = sweep.points[index];
  if (point === undefined) throw new Error(`no sweep point ${index}: the sweep has ${sweep.points.length}`);
  let data: unknown = plain(base);
  sweep.axes.forEach((axis, i) => (data = setPath(data, axis.path, point.values[i])));
  const checked = checkScenario(data, axisLocator(source, sweep.axes));
  if (checked.scenario) return { scenario: checked.scenario, problems: [] };
  const values = sweep.axes.map((a, i) => `${a.name} = ${JSON.stringify(point.values[i] as SweepValue)}`).join(', ');
  return { problems: checked.problems.map((p) => ({ ...p, hint: `at sweep point ${point.index}: ${values}` })) };
}

/** The same problem at several points is said once, with the first point and how many more. */
function collapseRepeats(problems: readonly Problem[]): Problem[] {
  const groups = new Map<string, Problem[]>();
  for (const p of problems) {
    const key = `${p.line}:${p.col}:${formatPath(p.path)}:${p.message}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map(([first, ...more]) =>
    more.length === 0
      ? (first as Problem)
      : {
          ...(first as Problem),
          hint: `${(first as Problem).hint}; and ${more.length} more point${more.length === 1 ? '' : 's'}`,
        },
  );
}

/** Points a problem at the axis whose path leads to it, or at the first axis. */
function axisLocator(source: YamlSource, axes: readonly Axis[]): Locator {
  const here = sourceLocator(source);
  return {
    file: source.file,
    position(path) {
      const axis = axes.find((a) => a.path.every((step, i) => path[i] === step)) ?? (axes[0] as Axis);
      return here.position(axis.declared, true);
    },
  };
}
