import * as z from 'zod';
import { randomInt, shuffled, type Rng } from '../../mechanism/rng.js';
import type { PreferencePolicyStrategy } from '../strategy.js';

const params = z.strictObject({});

/**
 * The paper's default list (paper §3: "the order of the list is drawn randomly"): a random order
 * drawn once and kept (SPEC §3.4); miners that join later are inserted at random positions.
 */
export const randomPreferences: PreferencePolicyStrategy<z.infer<typeof params>> = {
  kind: 'preference-policy',
  name: 'random',
  summary: 'a random order drawn once and kept; new miners inserted at random positions',
  params,
  create() {
    return {
      name: 'random',
      draw: (miners, _view, rng) => shuffled(miners, rng),
      update: (list, joined, _view, rng) => insertAtRandom(list, joined, rng),
    };
  },
};

/**
 * Inserts newcomers at random positions, keeping the order of the entries already there.
 * Inserting j newcomers one by one, each at a uniform position, makes every arrangement of the
 * result equally likely (there are (m + j)! / m! of each); so it is done in one pass: the
 * newcomers take a uniform random set of j of the m + j places, in a uniform random order.
 * O(m + j log j), where a splice per newcomer would cost O(m · j).
 */
export function insertAtRandom(list: readonly number[], joined: readonly number[], rng: Rng): number[] {
  if (joined.length === 0) return list.slice();
  const total = list.length + joined.length;
  const newcomers = shuffled(joined, rng);
  const places = chooseSorted(joined.length, total, rng);
  const out = new Array<number>(total);
  let fromList = 0;
  let fromNew = 0;
  for (let p = 0; p < total; p++) {
    out[p] = fromNew < places.length && places[fromNew] === p ? (newcomers[fromNew++] as number) : (list[fromList++] as number);
  }
  return out;
}

/** k distinct values of [0, n), uniformly, sorted. Draws the smaller of the set and its complement. */
function chooseSorted(k: number, n: number, rng: Rng): number[] {
  const complement = k * 2 > n;
  const want = complement ? n - k : k;
  const picked = new Set<number>();
  while (picked.size < want) picked.add(randomInt(rng, n));
  if (!complement) return [...picked].sort((a, b) => a - b);
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (!picked.has(i)) out.push(i);
  return out;
}
