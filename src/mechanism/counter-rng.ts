import type { Rng } from './rng.js';

/**
 * Streams keyed by integers, for the per-agent, per-era draws of large runs: draw i of stream
 * (k0, k1, k2, k3) is a hash of the five words, so opening a stream costs nothing, unlike seeding
 * a generator (about a microsecond each, times every agent and era). Streams stay named, never
 * handed out in call order (SPEC §7): the words are the agent (two), the run and the era with the
 * purpose.
 *
 * The hash chains the 32-bit "lowbias32" finalizer (C. Wellons' integer hash prospector, bias
 * ≈ 0.17), feeding each word in with a distinct odd constant. A draw keeps 32 bits: resolution
 * 2^-32, ample for the chances and samples of the simulation.
 */

/**
 * The hash of a stream's first three words, which the fourth is mixed into. An agent's streams share
 * their first three (agent key and run seed; the era and purpose come last), so a run works this out
 * once per agent and opens each era's streams from it: three of a stream's four key mixes, saved
 * for every agent and era.
 */
export function streamKey(k0: number, k1: number, k2: number): number {
  return mix(mix(mix(k0 ^ 0x9e3779b9) ^ k1) ^ (k2 + 0x85ebca6b)) | 0;
}

/**
 * The stream's hash of its key is worked out at its first draw: most agents draw nothing most eras.
 * `rekey` turns the object into another stream, for a loop that opens one per agent and is done
 * with each before the next (a million agents would otherwise mean a million objects per era).
 */
export class CounterStream implements Rng {
  private base = 0;
  private i = 0;

  /** Stream (k0, k1, k2, k3) given as `streamKey(k0, k1, k2)` and k3. */
  constructor(
    private key: number,
    private k3: number,
  ) {}

  /** This object as stream (`key`, k3) before its first draw; it stops being the stream it was. */
  rekey(key: number, k3: number): this {
    this.key = key;
    this.k3 = k3;
    this.i = 0;
    return this;
  }

  next(): number {
    if (this.i === 0) this.hashKey();
    this.i += 1;
    return drawAt(this.base, this.i);
  }

  // Apart from `next`, which stays small enough for V8 to inline where it is drawn (an inlined
  // draw's number needs no heap box: a run draws millions).
  private hashKey(): void {
    this.base = streamBase(this.key, this.k3);
  }
}

/**
 * The hash of stream (`key`, k3) that its draws are made from: a loop that draws a few numbers for
 * each of a great many agents (every online miner's faults, every era) can draw them with `drawAt`
 * and no stream object, the same numbers as the stream's `next`.
 */
export function streamBase(key: number, k3: number): number {
  return mix(key ^ (k3 + 0xc2b2ae35));
}

/** Draw `i` (1 for the first) of the stream whose base is `base`: in [0, 1), 32 bits. */
export function drawAt(base: number, i: number): number {
  return mix(base ^ Math.imul(i, 0x27d4eb2d)) / 4294967296;
}

function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Two independent 32-bit hashes of a string (FNV-1a with two offsets, then mixed): a 64-bit agent key. */
export function keyOf(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x2bd6a1c3;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000197);
  }
  return [mix(a), mix(b ^ 0x5bd1e995)];
}
