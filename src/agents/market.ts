import * as z from 'zod';
import { rngFor } from '../mechanism/rng.js';

/**
 * The price of PHA (in USD, or any currency the costs are given in) era by era: a constant, a path
 * of [era, price] points joined by straight lines, or a geometric Brownian motion drawn per run.
 * Exogenous: agents read it, nothing in the mechanism moves it.
 */
export const priceSchema = z.union([
  z.number().positive(),
  z.strictObject({ path: z.array(z.tuple([z.number().int().nonnegative(), z.number().positive()])).min(1) }),
  z.strictObject({
    gbm: z.strictObject({
      start: z.number().positive(),
      drift: z.number().describe('mean log-return per era'),
      volatility: z.number().nonnegative().describe('standard deviation of the log-return per era'),
    }),
  }),
]);

export type PriceSpec = z.infer<typeof priceSchema>;

export function pricePath(spec: PriceSpec, eras: number, runSeed: number): Float64Array {
  const prices = new Float64Array(Math.max(eras, 1));
  if (typeof spec === 'number') return prices.fill(spec);
  if ('path' in spec) {
    const points = spec.path.slice().sort((a, b) => a[0] - b[0]);
    for (let t = 0; t < prices.length; t++) prices[t] = interpolate(points, t);
    return prices;
  }
  // Drawn once per run from its own stream: the same run, the same path.
  const rng = rngFor(runSeed, 'market', 'price');
  let price = spec.gbm.start;
  for (let t = 0; t < prices.length; t++) {
    prices[t] = price;
    const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    price *= Math.exp(spec.gbm.drift - spec.gbm.volatility ** 2 / 2 + spec.gbm.volatility * z);
  }
  return prices;
}

function interpolate(points: readonly (readonly [number, number])[], t: number): number {
  const first = points[0] as readonly [number, number];
  if (t <= first[0]) return first[1];
  for (let i = 1; i < points.length; i++) {
    const [t1, p1] = points[i] as readonly [number, number];
    const [t0, p0] = points[i - 1] as readonly [number, number];
    if (t <= t1) return p0 + ((p1 - p0) * (t - t0)) / (t1 - t0);
  }
  return (points[points.length - 1] as readonly [number, number])[1];
}
