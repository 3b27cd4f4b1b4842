import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LayeredMap } from '../../src/mechanism/layered-map.js';

describe('LayeredMap (balances without a copy per era)', () => {
  it('behaves like a Map copied at every fork, and never changes a parent', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer()), { maxLength: 6 }), { maxLength: 20 }), (eras) => {
        let layered = LayeredMap.from<string>([['a', 1]]);
        let plain = new Map<string, number>([['a', 1]]);
        const history: [LayeredMap<string>, Map<string, number>][] = [];
        for (const writes of eras) {
          history.push([layered, new Map(plain)]);
          layered = layered.fork();
          plain = new Map(plain);
          for (const [k, v] of writes) {
            layered.set(k, v);
            plain.set(k, v);
          }
          expect(new Map(layered.entries())).toEqual(plain);
          expect(layered.size).toBe(plain.size);
          expect(layered.total).toBe([...plain.values()].reduce((a, b) => a + b, 0));
        }
        for (const [old, snapshot] of history) expect(new Map(old.entries())).toEqual(snapshot);
      }),
    );
  });
});
