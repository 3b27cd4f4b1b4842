import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CounterStream } from '../../src/mechanism/counter-rng.js';
import { drawsOf, randomInt, rngFor, shuffled, type Rng } from '../../src/mechanism/rng.js';

const take = (n: number, draw: () => number) => Array.from({ length: n }, draw);

describe('drawsOf (a stream lent to loops of many draws)', () => {
  it("draws a labelled stream's own numbers, in turn with the stream's next()", () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(20), fc.nat(20), (label, before, lent) => {
        const reference = rngFor('test', label);
        const expected = take(before + lent + 5, () => reference.next());
        const stream = rngFor('test', label);
        const got = [
          ...take(before, () => stream.next()),
          ...take(lent, drawsOf(stream)),
          ...take(5, () => stream.next()),
        ];
        expect(got).toEqual(expected);
      }),
    );
  });

  it('draws any other stream through its next()', () => {
    const a = new CounterStream(7, 3);
    const b = new CounterStream(7, 3);
    expect(take(10, drawsOf(a))).toEqual(take(10, () => b.next()));
  });

  it('leaves a shuffle as randomInt draws it, one draw per place from the last', () => {
    // The shuffle draws on the lent generator; written out here with randomInt on the stream.
    const items = Array.from({ length: 50 }, (_, i) => i);
    const expected = items.slice();
    const rng: Rng = rngFor('shuffle');
    for (let i = expected.length - 1; i > 0; i--) {
      const j = randomInt(rng, i + 1);
      [expected[i], expected[j]] = [expected[j]!, expected[i]!];
    }
    expect(shuffled(items, rngFor('shuffle'))).toEqual(expected);
  });
});
