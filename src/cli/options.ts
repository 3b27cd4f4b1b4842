import { InvalidArgumentError } from 'commander';
import { parseShard, type Shard } from '../runner/jobs.js';

/** Option parsers: a bad value is a usage error (exit 2) that says what was expected. */
export function wholeNumber(min: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`expected a whole number ≥ ${min}, received ${JSON.stringify(text)}`);
    return n;
  };
}

export function shard(text: string): Shard {
  const parsed = parseShard(text);
  if (!parsed)
    throw new InvalidArgumentError(`expected K/N with 1 ≤ K ≤ N, as in 2/4, received ${JSON.stringify(text)}`);
  return parsed;
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
