import seedrandom from 'seedrandom';

/**
 * A source of uniform numbers in [0, 1). Mechanism and strategies take one as an argument;
 * nothing in the simulation reaches for a global generator (SPEC §7).
 */
export interface Rng {
  next(): number;
  /**
   * A named stream's name: `streamNamed(name)` is the same stream from its start, in any thread
   * (runner/list-helper.ts hands a list's insertion to another thread by it). Absent on others.
   */
  readonly streamName?: string;
}

/**
 * A stream for a list of labels. Streams are named, never handed out in call order, so a
 * result does not depend on how many other streams were drawn before it, nor on which
 * worker or shard computes it (SPEC §7).
 */
export function rngFor(...labels: ReadonlyArray<string | number>): Rng {
  return new LabelledStream(labels);
}

/** The stream of that name (Rng.streamName). */
export function streamNamed(name: string): Rng {
  return new LabelledStream([name]);
}

class LabelledStream implements Rng {
  // Seeding costs more than drawing, and most agents draw nothing in most eras: seed on first use.
  private prng: (() => number) | null = null;

  constructor(private readonly labels: ReadonlyArray<string | number>) {}

  /** The labels joined (numbers by their decimal text): what the generator is seeded from. */
  get streamName(): string {
    return this.labels.join('\u241f');
  }

  next(): number {
    return this.generator()();
  }

  /** The stream's generator itself: calling it draws the stream's next number, as `next` does. */
  generator(): () => number {
    return (this.prng ??= seedrandom.tychei(this.streamName));
  }
}

/**
 * A function that draws `rng`'s next number, as `rng.next()` does, for loops of many draws: a
 * labelled stream lends its generator, so a draw is one call instead of a call through the stream
 * (which, with streams of several kinds at one call site, V8 does not inline). The preference
 * lists of a large era are a hundred million draws.
 */
export function drawsOf(rng: Rng): () => number {
  return rng instanceof LabelledStream ? rng.generator() : () => rng.next();
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
  const draw = drawsOf(rng);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(draw() * (i + 1)); // randomInt, on the lent generator
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}
