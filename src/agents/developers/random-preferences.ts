import * as z from 'zod';
import { freshList, type Departed } from '../../mechanism/preference-lists.js';
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
      update: (list, departed, joined, view, rng) => insertAtRandom(list, joined, rng, departed, view.allocate),
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
export function insertAtRandom(
  list: ArrayLike<number>,
  joined: readonly number[],
  rng: Rng,
  departed: Departed = NONE,
  allocate: (length: number) => Int32Array = freshList,
): Int32Array {
  const kept = list.length - departed.count;
  const total = kept + joined.length;
  const newcomers = shuffled(joined, rng);
  const places = chooseSorted(joined.length, total, rng);
  const out = allocate(total);
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

/**
 * k distinct values of [0, n), uniformly, sorted. Few: drawn, sorted, and any repeat drawn again.
 * Many (over a sixteenth of n): marked in a flag per value, drawing the smaller of the set and its
 * complement. No Set: this runs for every cluster every era.
 */
function chooseSorted(k: number, n: number, rng: Rng): Int32Array {
  if (k === 0) return new Int32Array(0);
  if (k * 16 <= n) {
    const out = new Int32Array(k);
    for (let i = 0; i < k; i++) out[i] = randomInt(rng, n);
    for (;;) {
      out.sort();
      let repeats = 0;
      for (let i = 1; i < k; i++) if (out[i] === out[i - 1]) out[i - 1] = (repeats++, randomInt(rng, n));
      if (repeats === 0) return out;
    }
  }
  const complement = k * 2 > n;
  const want = complement ? n - k : k;
  const marked = new Uint8Array(n);
  for (let got = 0; got < want;) {
    const i = randomInt(rng, n);
    if (marked[i] === 0) {
      marked[i] = 1;
      got += 1;
    }
  }
  const out = new Int32Array(k);
  let o = 0;
  for (let i = 0; i < n; i++) if ((marked[i] === 1) !== complement) out[o++] = i;
  return out;
}
