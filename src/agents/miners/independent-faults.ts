import * as z from 'zod';
import { NO_FAULTS, type FaultChances, type FaultModel } from '../strategy.js';
import type { Rng } from '../../mechanism/rng.js';
import type { Fault } from '../../mechanism/slashing.js';

const params = z.strictObject({
  rates: z
    .record(z.string().regex(/^[1-9][0-9]*$/), z.number().min(0).max(1))
    .default({})
    .describe('chance per era of a fault, by severity level (e.g. { 1: 0.01, 3: 0.0005 })'),
});

/** Each severity level strikes independently each era with its own chance (SPEC §3.7). */
export const independentFaults: FaultModel<z.infer<typeof params>> = {
  kind: 'fault-model',
  name: 'independent',
  summary: 'a fault of each severity level independently each era, with a chance per level',
  params,
  faults(_era, self, p, rng) {
    return drawFaults(self, p.rates, 1, rng);
  },
  // drawFaults with a factor of 1 draws once per level with a positive rate, in level order.
  fixedChances: (p) => sortedRates(p.rates),
};

/**
 * One draw per severity level, in level order: a fault where it falls under the level's rate times
 * `factor`. Most miners most eras commit none, and get the shared empty answer (and the miner's id
 * is not even read: one object fewer to fetch per miner and era).
 */
export function drawFaults(
  miner: { readonly id: string },
  rates: Readonly<Record<string, number>>,
  factor: number,
  rng: Rng,
): readonly Fault[] {
  let out: Fault[] | null = null;
  const pairs = sortedRates(rates);
  for (let i = 0; i < pairs.length; i++) {
    // Indexed, not destructured: destructuring goes through an iterator, per miner and era.
    const pair = pairs[i] as readonly [number, number];
    if (rng.next() < pair[1] * factor) (out ??= []).push({ miner: miner.id, level: pair[0] });
  }
  return out ?? NO_FAULTS;
}

const sorted = new WeakMap<object, FaultChances>();
// The last params asked about: a run's miners mostly share one, and this runs for every miner every era.
let lastRates: object | null = null;
let lastPairs: FaultChances = [];

/** [level, rate] pairs of the positive rates by level, worked out once per params object. */
export function sortedRates(rates: Readonly<Record<string, number>>): FaultChances {
  if (rates === lastRates) return lastPairs;
  let pairs = sorted.get(rates);
  if (!pairs) {
    pairs = Object.entries(rates)
      .map(([level, rate]) => [Number(level), rate] as const)
      .filter(([, rate]) => rate > 0)
      .sort((a, b) => a[0] - b[0]);
    sorted.set(rates, pairs);
  }
  lastRates = rates;
  lastPairs = pairs;
  return pairs;
}
