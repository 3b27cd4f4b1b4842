import seedrandom from 'seedrandom';

/**
 * A source of uniform numbers in [0, 1). Mechanism and strategies take one as an argument;
 * nothing in the simulation reaches for a global generator (SPEC §7).
 */
export interface Rng {
  next(): number;
}

/**
 * A stream for a list of labels. Streams are named, never handed out in call order, so a
 * result does not depend on how many other streams were drawn before it, nor on which
 * worker or shard computes it (SPEC §7).
 */
export function rngFor(...labels: ReadonlyArray<string | number>): Rng {
  // Seeding costs more than drawing, and most agents draw nothing in most eras: seed on first use.
  let prng: (() => number) | null = null;
  return {
    next() {
      prng ??= seedrandom.tychei(labels.join('\u241f'));
      return prng();
    },
  };
}

/** A 32-bit unsigned seed derived from labels: the per-run seed printed in every row. */
export function deriveSeed(...labels: ReadonlyArray<string | number>): number {
  const prng = seedrandom.tychei(labels.join('\u241f'));
  return prng.int32() >>> 0;
}

/** An integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng.next() * n);
}

/** A Fisher-Yates shuffle into a new array. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  return shuffleInPlace(items.slice(), rng);
}

/** The same shuffle, draw for draw, of an array in place (a typed array too). */
export function shuffleInPlace<A extends { [i: number]: T; readonly length: number }, T>(out: A, rng: Rng): A {
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}
