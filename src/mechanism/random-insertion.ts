/**
 * Random insertion (paper §3: "the order of the list is drawn randomly"; SPEC §3.4): how the
 * random policy, and others that place newcomers at random, bring a list up to date. A function
 * of the list, the era's departures and arrivals and the list's own stream alone, so any thread
 * may run it for any list (mechanism/list-work.ts).
 */
import { freshList, withoutDeparted, type Departed } from './preference-lists.js';
import { drawsOf, shuffleInPlace, type Rng } from './rng.js';

const NONE: Departed = { flags: new Uint8Array(0), count: 0 };

/**
 * Working arrays of the insertion, kept between calls and grown as needed: at a large scale a
 * thousand clusters each take in tens of thousands of newcomers in one era, and fresh arrays for
 * each would be hundreds of megabytes of garbage, whose collection cost seconds.
 */
const scratch = {
  newcomers: new Int32Array(0),
  places: new Int32Array(0),
  marked: new Uint8Array(0),
  kept: new Int32Array(0),
};

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
  joined: ArrayLike<number>,
  rng: Rng,
  departed: Departed = NONE,
  allocate: (length: number) => Int32Array = freshList,
  copyAround: CopyAround = copyAroundPlaces, // or its WebAssembly form (runner/list-loops.ts)
): Int32Array {
  const j = joined.length;
  const total = list.length - departed.count + j;
  const newcomers = shuffleInto(joined, rng);
  const places = chooseSorted(j, total, rng);
  const out = allocate(total);
  // Two loops for one result, for the branch predictor. Few newcomers (the usual era): copy the
  // runs of old entries between them, skipping the departed, in one pass. Many (a thousand lists
  // each taking in tens of thousands of new pool workers): a branch per entry would go either way
  // at random and be mispredicted half the time, so each entry is chosen without one (twice as
  // fast, measured), from the old list without the departed.
  if (j * 8 <= total) copyAround(out, list, departed, newcomers, places, j);
  else {
    const placed = interleaveAtPlaces(out, withoutDeparted(list, departed, keptScratch), newcomers, places);
    if (placed !== j) throw new Error(`interleaveAtPlaces placed ${placed} of ${j} newcomers`);
  }
  return out;
}

/**
 * Fills `out`: newcomer i at `places[i]` (ascending), the entries of `list` that have not departed
 * in order everywhere else.
 */
export function copyAroundPlaces(
  out: Int32Array,
  list: ArrayLike<number>,
  departed: Departed,
  newcomers: Int32Array,
  places: Int32Array,
  j: number,
): void {
  if (departed.count === 0 && list instanceof Int32Array) return copyRunsAroundPlaces(out, list, newcomers, places, j);
  const total = out.length;
  let r = 0;
  let p = 0;
  for (let i = 0; i <= j; i++) {
    const place = i < j ? (places[i] as number) : total;
    while (p < place) {
      const slot = list[r++] as number;
      if (departed.count === 0 || departed.flags[slot] === 0) out[p++] = slot;
    }
    if (i < j) out[p++] = newcomers[i] as number;
  }
}

/** The shape of `copyAroundPlaces`, which another form may take (runner/list-loops.ts). */
export type CopyAround = typeof copyAroundPlaces;

/**
 * The same where nobody departed: the old entries between two places are one run, copied as a
 * block (M's usual change, a handful of pool workers started: its 50 lists of 40,000 in about 1 ms
 * where an entry at a time took about 5, measured alone).
 */
function copyRunsAroundPlaces(
  out: Int32Array,
  list: Int32Array,
  newcomers: Int32Array,
  places: Int32Array,
  j: number,
): void {
  let r = 0;
  let p = 0;
  for (let i = 0; i <= j; i++) {
    const run = (i < j ? (places[i] as number) : out.length) - p;
    out.set(list.subarray(r, r + run), p);
    r += run;
    p += run;
    if (i < j) out[p++] = newcomers[i] as number;
  }
}

/**
 * The same without departures and without a branch per entry that could go either way:
 * `newcomers` holds one entry past its last and `places[j]` is `out.length`, so the loop may read
 * one ahead (the kept entries are read only while there are any).
 * @returns how many newcomers it placed (all of them: the caller checks). Nothing follows the
 * loop but the return: V8 compiles a long loop while it runs, with the code after it, and code
 * that had not run yet was thrown away on every call (L: a thousand lists an era).
 */
export function interleaveAtPlaces(
  out: Int32Array,
  kept: ArrayLike<number>,
  newcomers: Int32Array,
  places: Int32Array,
): number {
  const keptLength = kept.length;
  let r = 0;
  let i = 0;
  for (let p = 0; p < out.length; p++) {
    const d = (places[i] as number) ^ p;
    const isNew = ((d | -d) >>> 31) ^ 1; // 1 where places[i] === p, else 0
    const mask = -isNew;
    const old = r < keptLength ? (kept[r] as number) : 0; // false only at the tail: predicted
    out[p] = ((newcomers[i] as number) & mask) | (old & ~mask);
    i += isNew;
    r += 1 - isNew;
  }
  return i;
}

/** The kept entries' array for `withoutDeparted`: the scratch one, grown as needed. */
function keptScratch(length: number): Int32Array {
  scratch.kept = atLeast(scratch.kept, length, (n) => new Int32Array(n));
  return scratch.kept.subarray(0, length);
}

/**
 * `shuffled` (rng.ts), draw for draw, into the scratch array: its first `items.length` entries
 * (one entry to spare).
 */
function shuffleInto(items: ArrayLike<number>, rng: Rng): Int32Array {
  const out = (scratch.newcomers = atLeast(scratch.newcomers, items.length + 1, (n) => new Int32Array(n)));
  // Copied by `set`, not a loop of this function's own: V8 compiles a long loop while it runs (on-stack
  // replacement) and enters that code from the loop on later calls too, and what follows the loop,
  // compiled with it before it had run with these arguments, sent every call back to the interpreter
  // (L: a thousand calls an era).
  out.set(items);
  out[items.length] = 0;
  shuffleInPlace(out.subarray(0, items.length), rng);
  return out;
}

/**
 * k distinct values of [0, n), uniformly, sorted, in the first k entries of a scratch array, and n
 * after them (a sentinel no place equals). Few:
 * drawn, sorted, and any repeat drawn again. Many (over a sixteenth of n): marked in a flag per
 * value, drawing the smaller of the set and its complement. No Set: this runs for every cluster
 * every era.
 */
function chooseSorted(k: number, n: number, rng: Rng): Int32Array {
  const out = (scratch.places = atLeast(scratch.places, k + 1, (size) => new Int32Array(size)));
  out[k] = n;
  if (k === 0) return out;
  const draw = drawsOf(rng);
  // randomInt(rng, n), draw for draw.
  const randomPlace = () => Math.floor(draw() * n);
  if (k * 16 <= n) {
    const chosen = out.subarray(0, k);
    for (let i = 0; i < k; i++) chosen[i] = randomPlace();
    for (;;) {
      chosen.sort();
      let repeats = 0;
      for (let i = 1; i < k; i++) if (chosen[i] === chosen[i - 1]) chosen[i - 1] = (repeats++, randomPlace());
      if (repeats === 0) return out;
    }
  }
  // Branch-free loops: with the set near half of n, a branch on each flag would go either way at
  // random and be mispredicted half the time.
  const complement = k * 2 > n ? 1 : 0;
  const want = complement === 1 ? n - k : k;
  const marked = (scratch.marked = atLeast(scratch.marked, n, (size) => new Uint8Array(size)));
  marked.fill(0, 0, n);
  for (let got = 0; got < want;) {
    const i = randomPlace();
    got += 1 - (marked[i] as number);
    marked[i] = 1;
  }
  // Every value is written at the next free entry, which only a chosen one keeps; out[k] is
  // written over and over once all k are in, and takes its sentinel last.
  let o = 0;
  for (let i = 0; i < n; i++) {
    out[o] = i;
    o += (marked[i] as number) ^ complement;
  }
  out[k] = n;
  return out;
}
