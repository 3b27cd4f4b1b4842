import * as z from 'zod';
import { rngFor, shuffled } from '../mechanism/rng.js';
import { parseKeyPath } from './key-path.js';
import type { KeyPath } from './problems.js';

/**
 * A parameter sweep (issue 5): `grid` is the Cartesian product of its lists, `zip` pairs lists of
 * equal length, `sample` draws a Latin hypercube from the root seed; they combine as
 * grid × zip × sample. Each axis is a scenario value named by its dotted path.
 */
const values = z.array(z.union([z.number(), z.string(), z.boolean(), z.null()])).min(1);

export const sweepSchema = z.strictObject({
  grid: z.record(z.string(), values).default({}),
  zip: z.record(z.string(), values).default({}),
  sample: z
    .strictObject({
      method: z.literal('lhs'),
      points: z.number().int().positive(),
      ranges: z.record(z.string(), z.tuple([z.number(), z.number()])),
    })
    .optional(),
});

export type SweepInput = z.output<typeof sweepSchema>;

/**
 * Points a sweep may have: each is checked as a scenario before any run starts (about 70 µs) and
 * kept while the sweep runs (about 3 KB), and each run of it is a job and a line of the parts' log.
 */
export const MAX_POINTS = 100_000;

/** How many points the sweep expands to: grid × zip × sample, worked out without expanding it. */
export function pointCount(sweep: SweepInput): number {
  const grid = Object.values(sweep.grid).reduce((n, values) => n * values.length, 1);
  const zip = Object.values(sweep.zip)[0]?.length ?? 1;
  return grid * zip * (sweep.sample?.points ?? 1);
}

export type SweepValue = number | string | boolean | null;

/** One swept parameter: where it is in the file and where it points in the scenario. */
export interface Axis {
  /** As written: `network.alpha`; also the column name in every table. */
  readonly name: string;
  readonly path: KeyPath;
  /** Where the axis is declared, for problems: `['sweep', 'grid', name]`. */
  readonly declared: KeyPath;
}

export interface SweepPoint {
  readonly index: number;
  /** A value per axis, in `axes` order. */
  readonly values: readonly SweepValue[];
}

export interface Sweep {
  readonly axes: readonly Axis[];
  readonly points: readonly SweepPoint[];
}

/** The single point of a scenario without a sweep. */
export const NO_SWEEP: Sweep = { axes: [], points: [{ index: 0, values: [] }] };

/**
 * Expands a sweep into its points, in a fixed order: grid axes vary slowest (in the order they
 * are written, the last fastest), then zip rows, then sample points. `wholeNumbers` says which
 * sampled axes take whole numbers (their base value is whole and so are both bounds).
 */
export function expandSweep(sweep: SweepInput, rootSeed: number, wholeNumbers: (name: string) => boolean): Sweep {
  const gridNames = Object.keys(sweep.grid);
  const zipNames = Object.keys(sweep.zip);
  const sampleNames = Object.keys(sweep.sample?.ranges ?? {});
  const axes: Axis[] = [
    ...gridNames.map((name) => axis(name, ['sweep', 'grid', name])),
    ...zipNames.map((name) => axis(name, ['sweep', 'zip', name])),
    ...sampleNames.map((name) => axis(name, ['sweep', 'sample', 'ranges', name])),
  ];
  const gridRows = cartesian(gridNames.map((n) => sweep.grid[n] as SweepValue[]));
  const zipLength = zipNames.length === 0 ? 1 : (sweep.zip[zipNames[0] as string] as SweepValue[]).length;
  const zipRows = Array.from({ length: zipLength }, (_, i) =>
    zipNames.map((n) => (sweep.zip[n] as SweepValue[])[i] as SweepValue),
  );
  const sampleRows = sweep.sample
    ? latinHypercube(sweep.sample.points, sampleNames, sweep.sample.ranges, rootSeed, wholeNumbers)
    : [[]];
  const points: SweepPoint[] = [];
  for (const g of gridRows)
    for (const zr of zipRows)
      for (const s of sampleRows) points.push({ index: points.length, values: [...g, ...zr, ...s] });
  return { axes, points };
}

function axis(name: string, declared: KeyPath): Axis {
  return { name, path: parseKeyPath(name) ?? [name], declared };
}

function cartesian(lists: SweepValue[][]): SweepValue[][] {
  return lists.reduce<SweepValue[][]>((rows, list) => rows.flatMap((row) => list.map((v) => [...row, v])), [[]]);
}

/**
 * A Latin hypercube: each axis's range is cut into `n` equal strata, every stratum is used once,
 * and strata are paired across axes by a random permutation per axis, drawn from the root seed
 * by the axis name (so adding an axis does not move the others).
 */
export function latinHypercube(
  n: number,
  names: readonly string[],
  ranges: Readonly<Record<string, readonly [number, number]>>,
  rootSeed: number,
  wholeNumbers: (name: string) => boolean,
): number[][] {
  const columns = names.map((name) => {
    const [lo, hi] = ranges[name] as readonly [number, number];
    const rng = rngFor('lhs', rootSeed, name);
    const strata = shuffled(
      Array.from({ length: n }, (_, i) => i),
      rng,
    );
    return strata.map((stratum) => {
      const x = lo + ((stratum + rng.next()) / n) * (hi - lo);
      return wholeNumbers(name) ? Math.min(hi, Math.max(lo, Math.round(x))) : x;
    });
  });
  return Array.from({ length: n }, (_, i) => columns.map((c) => c[i] as number));
}
