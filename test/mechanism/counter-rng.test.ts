import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CounterStream, keyOf, streamKey } from '../../src/mechanism/counter-rng.js';

/** The "lowbias32" finalizer, written out as the stream's definition. */
function lowbias32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Draw i (from 1) of stream (k0, k1, k2, k3): the four words chained into one hash, then i. */
function definedDraw(k0: number, k1: number, k2: number, k3: number, i: number): number {
  const key = lowbias32(lowbias32(lowbias32(lowbias32(k0 ^ 0x9e3779b9) ^ k1) ^ (k2 + 0x85ebca6b)) ^ (k3 + 0xc2b2ae35));
  return lowbias32(key ^ Math.imul(i, 0x27d4eb2d)) / 4294967296;
}

const word = fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 });
const era = fc.integer({ min: 0, max: 100_000 });

describe('counter streams (SPEC §7: named streams)', () => {
  it('draw i of a stream opened from its key prefix is the hash of its four words and i', () => {
    fc.assert(
      fc.property(word, word, word, era, (k0, k1, seed, k3) => {
        const stream = new CounterStream(streamKey(k0, k1, seed), k3);
        for (let i = 1; i <= 3; i++) expect(stream.next()).toBe(definedDraw(k0, k1, seed, k3, i));
      }),
    );
  });

  it('a rekeyed stream draws what a new one would, whatever it drew before', () => {
    fc.assert(
      fc.property(word, era, word, era, fc.integer({ min: 0, max: 5 }), (keyA, k3A, keyB, k3B, drawn) => {
        const reused = new CounterStream(keyA, k3A);
        for (let i = 0; i < drawn; i++) reused.next();
        reused.rekey(keyB, k3B);
        const fresh = new CounterStream(keyB, k3B);
        expect([reused.next(), reused.next()]).toEqual([fresh.next(), fresh.next()]);
      }),
    );
  });

  it('draws in [0, 1), and agents apart by their ids', () => {
    const [a0, a1] = keyOf('miner:solo-1');
    const [b0, b1] = keyOf('miner:solo-2');
    const a = new CounterStream(streamKey(a0, a1, 7), 16);
    const b = new CounterStream(streamKey(b0, b1, 7), 16);
    const draws = [a.next(), a.next(), b.next(), b.next()];
    for (const u of draws) expect(u >= 0 && u < 1).toBe(true);
    expect(new Set(draws).size).toBe(4);
  });
});
