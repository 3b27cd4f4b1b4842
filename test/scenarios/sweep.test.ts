import { describe, expect, it } from 'vitest';
import { getPath, parseKeyPath, setPath } from '../../src/scenarios/key-path.js';
import { expandSweep, latinHypercube } from '../../src/scenarios/sweep.js';
import { loadExperiment, openExperiment } from '../../src/scenarios/experiment.js';
import { InputError, renderProblem } from '../../src/scenarios/problems.js';
import { tinyScenario } from '../scenario-text.js';

describe('key paths', () => {
  it.each([
    ['network.alpha', ['network', 'alpha']],
    ['miners[0].count', ['miners', 0, 'count']],
    ['miners[1].strategy.params.payout_every', ['miners', 1, 'strategy', 'params', 'payout_every']],
    ['eras', ['eras']],
  ])('parses %s', (text, path) => {
    expect(parseKeyPath(text)).toEqual(path);
  });
  it.each(['', 'a..b', '.a', 'a.', '[0]', 'a[x]', 'a b'])('refuses %j', (text) => {
    expect(parseKeyPath(text)).toBeNull();
  });
  it('sets a copy and leaves the original alone', () => {
    const data = { network: { alpha: 0.1 }, miners: [{ count: 1 }] };
    const copy = setPath(data, ['miners', 0, 'count'], 5);
    expect(getPath(copy, ['miners', 0, 'count'])).toBe(5);
    expect(data.miners[0]!.count).toBe(1);
    expect(setPath(data, ['nope', 'x'], 1)).toBeNull();
  });
});

describe('expandSweep (issue 5: grid × zip × sample)', () => {
  it("takes the grid's Cartesian product, the last axis fastest, then zip rows in step", () => {
    const sweep = expandSweep(
      { grid: { a: [1, 2], b: ['x', 'y'] }, zip: { c: [10, 20], d: [true, false] } },
      1,
      () => false,
    );
    expect(sweep.axes.map((a) => a.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(sweep.points.map((p) => p.values)).toEqual([
      [1, 'x', 10, true],
      [1, 'x', 20, false],
      [1, 'y', 10, true],
      [1, 'y', 20, false],
      [2, 'x', 10, true],
      [2, 'x', 20, false],
      [2, 'y', 10, true],
      [2, 'y', 20, false],
    ]);
    expect(sweep.points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
  it('multiplies by the sample points', () => {
    const sweep = expandSweep(
      { grid: { a: [1, 2, 3] }, zip: {}, sample: { method: 'lhs', points: 4, ranges: { r: [0, 1] } } },
      1,
      () => false,
    );
    expect(sweep.points).toHaveLength(12);
  });
});

describe('latinHypercube', () => {
  it('uses every stratum of every axis exactly once', () => {
    const rows = latinHypercube(10, ['u', 'v'], { u: [0, 1], v: [100, 200] }, 42, () => false);
    for (const [axis, [lo, hi]] of [
      [0, [0, 1]],
      [1, [100, 200]],
    ] as const) {
      const strata = rows.map((r) => Math.floor(((r[axis]! - lo) / (hi - lo)) * 10)).sort((a, b) => a - b);
      expect(strata).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
  });
  it('draws from the root seed: the same seed the same points, another seed others', () => {
    const draw = (seed: number) => latinHypercube(5, ['u'], { u: [0, 1] }, seed, () => false);
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });
  it('gives whole numbers where asked', () => {
    const rows = latinHypercube(6, ['n'], { n: [10, 20] }, 3, () => true);
    for (const [n] of rows) expect(Number.isInteger(n)).toBe(true);
  });
});

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

function problemsOf(text: string, sets: string[] = []): string[] {
  try {
    loadExperiment(text, 's.yaml', sets);
  } catch (err) {
    if (err instanceof InputError) return err.problems.map(renderProblem);
    throw err;
  }
  return [];
}

describe('loadExperiment', () => {
  it('builds one checked scenario per point, with defaults sweepable', () => {
    const e = loadExperiment(
      `${tinyScenario()}sweep:\n  grid:\n    network.alpha: [0, 0.5]\n    miners[0].count: [2, 4]\n`,
      's.yaml',
    );
    expect(e.points.map((p) => [p.network.alpha, p.miners[0]!.count])).toEqual([
      [0, 2],
      [0, 4],
      [0.5, 2],
      [0.5, 4],
    ]);
  });
  it('points a bad sweep value at its axis, naming the point', () => {
    const text = `${tinyScenario()}sweep:\n  grid:\n    network.alpha: [0.5, 1.5]\n`;
    expect(problemsOf(text)).toEqual([
      `s.yaml:${lineOf(text, 'network.alpha: [')}:5: network.alpha: expected a number ≤ 1, received 1.5 (at sweep point 1: network.alpha = 1.5)`,
    ]);
  });
  it('refuses a path that leads nowhere, and zip lists of unequal length', () => {
    const text = `${tinyScenario()}sweep:\n  grid:\n    miners[7].count: [1]\n  zip:\n    eras: [5, 6]\n    runs: [1]\n`;
    expect(problemsOf(text)).toEqual([
      `s.yaml:${lineOf(text, 'miners[7]')}:5: sweep.grid.miners[7].count: expected a path to a scenario value, received "miners[7].count"`,
      `s.yaml:${lineOf(text, 'runs: [1]')}:11: sweep.zip.runs: expected 2 values, as many as eras (zip pairs lists of equal length), received 1`,
    ]);
  });
  it('applies --set overrides, defaults included, and checks them', () => {
    expect(loadExperiment(tinyScenario(), 's.yaml', ['network.cooldown_days=9', 'runs=3']).points[0]).toMatchObject({
      runs: 3,
      network: { cooldown_days: 9 },
    });
    expect(problemsOf(tinyScenario(), ['network.alpha=2'])).toEqual([
      '--set network.alpha=2: network.alpha: expected a number ≤ 1, received 2',
    ]);
    expect(problemsOf(tinyScenario(), ['name=x'])).toEqual(['--set name=x: name cannot be overridden']);
  });
});

describe('formulas across a sweep', () => {
  it('are compiled once for the points that share their text, and apart where it differs', () => {
    const text = `${tinyScenario()}sweep:\n  grid:\n    network.constants.rate: [0.001, 0.002]\n    network.rewards.f: ["rate * C * P", "rate * P"]\n`;
    const [a, b, c, d] = loadExperiment(text, 's.yaml').points;
    expect(a!.formulas.f).toBe(c!.formulas.f); // same f, another rate
    expect(a!.formulas.f).not.toBe(b!.formulas.f);
    expect(a!.formulas.g).toBe(d!.formulas.g);
    // Each point evaluates with its own constants.
    expect(c!.formulas.f.evaluate({ ...c!.network.constants, C: 2, P: 1000 })).toBeCloseTo(4, 12);
    expect(d!.formulas.f.evaluate({ ...d!.network.constants, C: 2, P: 1000 })).toBeCloseTo(2, 12);
  });
});

describe('openExperiment (a worker thread’s: each point checked when asked for)', () => {
  // Its data, without what checking compiles (formulas and strategies are new objects each time).
  const data = (s: object) => JSON.stringify(s, (key, v: unknown) => (typeof v === 'function' ? undefined : v));

  it('gives each point the scenario loadExperiment gives it, --set overrides applied', () => {
    const text = `${tinyScenario()}sweep:\n  grid:\n    network.alpha: [0, 0.5]\n  zip:\n    eras: [5, 6]\n    miners[0].count: [2, 4]\n`;
    const eager = loadExperiment(text, 's.yaml', ['runs=2']);
    const lazy = openExperiment(text, 's.yaml', ['runs=2']);
    expect(lazy.sweep).toEqual(eager.sweep);
    // Out of order and again: each point its own scenario whatever was asked before.
    for (const i of [3, 0, 2, 2, 1, 3]) {
      expect(data(lazy.point(i))).toBe(data(eager.points[i]!));
      expect(lazy.point(i).network.alpha).toBe(eager.points[i]!.network.alpha);
    }
  });

  it("refuses a point with problems when it is asked for, and the file's own problems at once", () => {
    const text = `${tinyScenario()}sweep:\n  grid:\n    network.alpha: [0.5, 1.5]\n`;
    const lazy = openExperiment(text, 's.yaml');
    expect(lazy.point(0).network.alpha).toBe(0.5);
    expect(() => lazy.point(1)).toThrow(InputError);
    expect(() => openExperiment(tinyScenario({ eras: -4 }), 's.yaml')).toThrow(InputError);
  });
});
