import * as z from 'zod';
import type { Rng } from '../mechanism/rng.js';

/**
 * A quantity drawn per agent: a plain number, or one of a few named distributions, optionally
 * clamped to [min, max]. Written in a scenario as `120`, `{ uniform: [100, 3000] }`,
 * `{ normal: { mean: 1500, sd: 400 }, min: 1 }`, `{ lognormal: { median: 50000, sigma: 1 } }` or
 * `{ choice: { values: [1, 2, 3], weights: [5, 3, 2] } }`.
 */
const clamp = { min: z.number().optional(), max: z.number().optional() };

/** A distribution; with `nonNegative`, a plain number or a uniform bound below 0 is refused by the schema. */
export function distributionSchema(options: { nonNegative: boolean }) {
  const value = options.nonNegative ? z.number().nonnegative() : z.number();
  return z.union([
    value,
    z.strictObject({ uniform: z.tuple([value, value]), ...clamp }),
    z.strictObject({ normal: z.strictObject({ mean: z.number(), sd: z.number().nonnegative() }), ...clamp }),
    z.strictObject({
      lognormal: z.strictObject({ median: z.number().positive(), sigma: z.number().nonnegative() }),
      ...clamp,
    }),
    z.strictObject({
      choice: z.strictObject({
        values: z.array(z.number()).min(1),
        weights: z.array(z.number().nonnegative()).optional(),
      }),
      ...clamp,
    }),
  ]);
}

export type Distribution = z.infer<ReturnType<typeof distributionSchema>>;

export function sample(dist: Distribution, rng: Rng): number {
  if (typeof dist === 'number') return dist;
  const value = sampleRaw(dist, rng);
  return Math.min(dist.max ?? Infinity, Math.max(dist.min ?? -Infinity, value));
}

function sampleRaw(dist: Exclude<Distribution, number>, rng: Rng): number {
  if ('uniform' in dist) return dist.uniform[0] + rng.next() * (dist.uniform[1] - dist.uniform[0]);
  if ('normal' in dist) return dist.normal.mean + dist.normal.sd * standardNormal(rng);
  if ('lognormal' in dist) return dist.lognormal.median * Math.exp(dist.lognormal.sigma * standardNormal(rng));
  return pickWeighted(dist.choice.values, dist.choice.weights, rng);
}

/** Box-Muller; 1 − u keeps the logarithm's argument in (0, 1]. */
function standardNormal(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function pickWeighted<T>(values: readonly T[], weights: readonly number[] | undefined, rng: Rng): T {
  const w = weights ?? values.map(() => 1);
  const total = w.reduce((a, b) => a + b, 0);
  let r = rng.next() * total;
  for (let i = 0; i < values.length; i++) {
    r -= w[i] ?? 0;
    if (r < 0) return values[i] as T;
  }
  return values[values.length - 1] as T;
}

/** The smallest and largest value a distribution can give, for checks before a run. */
export function distributionRange(dist: Distribution): [number, number] {
  if (typeof dist === 'number') return [dist, dist];
  let lo: number;
  let hi: number;
  if ('uniform' in dist) [lo, hi] = [Math.min(...dist.uniform), Math.max(...dist.uniform)];
  else if ('choice' in dist) [lo, hi] = [Math.min(...dist.choice.values), Math.max(...dist.choice.values)];
  else if ('normal' in dist && dist.normal.sd === 0) [lo, hi] = [dist.normal.mean, dist.normal.mean];
  else if ('normal' in dist) [lo, hi] = [-Infinity, Infinity];
  else [lo, hi] = [0, Infinity];
  return [Math.max(lo, dist.min ?? -Infinity), Math.min(hi, dist.max ?? Infinity)];
}
