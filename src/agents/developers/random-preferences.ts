import * as z from 'zod';
import type { Departed } from '../../mechanism/preference-lists.js';
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
      draw: (miners, _view, rng) => Int32Array.from(shuffled(miners, rng)),
      update: (list, departed, joined, _view, rng) => insertAtRandom(list, joined, rng, departed),
    };
  },
};

const NONE: Departed = { flags: new Uint8Array(0), count: 0 };

/**
 * Drops departed miners and inserts newcomers at random positions, keeping the order of the rest,
 * in one pass over the list. Inserting j newcomers one by one, each at a uniform position, makes
 * every arrangement equally likely (there are (m + j)! / m! of each), so the newcomers take a
 * uniform random set of j of the m + j places, in a uniform random order: O(m + j log j), where a
 * splice per newcomer would cost O(m · j).
 */
export function insertAtRandom(list: ArrayLike<number>, joined: readonly number[], rng: Rng, departed: Departed = NONE): Int32Array {
  const kept = list.length - departed.count;
  const total = kept + joined.length;
  const newcomers = shuffled(joined, rng);
  const places = chooseSorted(joined.length, total, rng);
  const out = new Int32Array(total);
  let r = 0;
  let fromNew = 0;
  for (let p = 0; p < total; p++) {
    if (fromNew < places.length && places[fromNew] === p) {
      out[p] = newcomers[fromNew++] as number;
      continue;
    }
    // The next entry of the old list that has not departed.
    while (departed.count > 0 && departed.flags[list[r] as number] === 1) r += 1;
    out[p] = list[r++] as number;
  }
  return out;
}

/** k distinct values of [0, n), uniformly, sorted. Draws the smaller of the set and its complement. */
function chooseSorted(k: number, n: number, rng: Rng): number[] {
  if (k === 0) return [];
  const complement = k * 2 > n;
  const want = complement ? n - k : k;
  const picked = new Set<number>();
  while (picked.size < want) picked.add(randomInt(rng, n));
  if (!complement) return [...picked].sort((a, b) => a - b);
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (!picked.has(i)) out.push(i);
  return out;
}
