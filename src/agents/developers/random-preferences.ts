import * as z from 'zod';
import { freshList, shuffledList, type Departed } from '../../mechanism/preference-lists.js';
import { randomInt, shuffleInPlace, type Rng } from '../../mechanism/rng.js';
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
      draw: shuffledList,
      update: (list, departed, joined, view, rng) => insertAtRandom(list, joined, rng, departed, view.allocate),
    };
  },
};

const NONE: Departed = { flags: new Uint8Array(0), count: 0 };

/**
 * Working arrays of the insertion, kept between calls and grown as needed: at a large scale a
 * thousand clusters each take in tens of thousands of newcomers in one era, and fresh arrays for
 * each would be hundreds of megabytes of garbage, whose collection cost seconds.
 */
const scratch = { newcomers: new Int32Array(0), places: new Int32Array(0), marked: new Uint8Array(0) };

function atLeast<A extends Int32Array | Uint8Array>(array: A, length: number, make: (n: number) => A): A {
  return array.length >= length ? array : make(Math.max(length, array.length * 2));
}

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
  const j = joined.length;
  const total = kept + j;
  const newcomers = shuffleInto(joined, rng);
  const places = chooseSorted(j, total, rng);
  const out = allocate(total);
  let r = 0;
  let fromNew = 0;
  for (let p = 0; p < total; p++) {
    if (fromNew < j && places[fromNew] === p) {
      out[p] = newcomers[fromNew++] as number;
      continue;
    }
    // The next entry of the old list that has not departed.
    while (departed.count > 0 && departed.flags[list[r] as number] === 1) r += 1;
    out[p] = list[r++] as number;
  }
  return out;
}

/** `shuffled` (rng.ts), draw for draw, into the scratch array: its first `items.length` entries. */
function shuffleInto(items: readonly number[], rng: Rng): Int32Array {
  const out = (scratch.newcomers = atLeast(scratch.newcomers, items.length, (n) => new Int32Array(n)));
  for (let i = 0; i < items.length; i++) out[i] = items[i] as number;
  shuffleInPlace(out.subarray(0, items.length), rng);
  return out;
}

/**
 * k distinct values of [0, n), uniformly, sorted, in the first k entries of a scratch array. Few:
 * drawn, sorted, and any repeat drawn again. Many (over a sixteenth of n): marked in a flag per
 * value, drawing the smaller of the set and its complement. No Set: this runs for every cluster
 * every era.
 */
function chooseSorted(k: number, n: number, rng: Rng): Int32Array {
  if (k === 0) return scratch.places;
  const out = (scratch.places = atLeast(scratch.places, k, (size) => new Int32Array(size)));
  if (k * 16 <= n) {
    const chosen = out.subarray(0, k);
    for (let i = 0; i < k; i++) chosen[i] = randomInt(rng, n);
    for (;;) {
      chosen.sort();
      let repeats = 0;
      for (let i = 1; i < k; i++) if (chosen[i] === chosen[i - 1]) chosen[i - 1] = (repeats++, randomInt(rng, n));
      if (repeats === 0) return out;
    }
  }
  const complement = k * 2 > n;
  const want = complement ? n - k : k;
  const marked = (scratch.marked = atLeast(scratch.marked, n, (size) => new Uint8Array(size)));
  marked.fill(0, 0, n);
  for (let got = 0; got < want;) {
    const i = randomInt(rng, n);
    if (marked[i] === 0) {
      marked[i] = 1;
      got += 1;
    }
  }
  let o = 0;
  for (let i = 0; i < n; i++) if ((marked[i] === 1) !== complement) out[o++] = i;
  return out;
}
