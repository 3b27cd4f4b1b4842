import { InvalidArgumentError } from 'commander';
import type { Shard } from '../runner/jobs.js';

/** Option parsers: a bad value is a usage error (exit 2) that says what was expected. */
export function wholeNumber(min: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`expected a whole number ≥ ${min}, received ${JSON.stringify(text)}`);
    return n;
  };
}

/** `K/N` with 1 ≤ K ≤ N. */
export function shard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const k = Number(match?.[1]);
  const n = Number(match?.[2]);
  if (!match || k < 1 || k > n)
    throw new InvalidArgumentError(`expected K/N with 1 ≤ K ≤ N, as in 2/4, received ${JSON.stringify(text)}`);
  return { k, n };
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
