import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ListPool } from '../../src/runner/list-pool.js';

/** Whether two arrays share any byte of memory. */
function overlap(a: Int32Array, b: Int32Array): boolean {
  if (a.buffer !== b.buffer || a.byteLength === 0 || b.byteLength === 0) return false;
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

describe('ListPool (arrays for preference lists, reused across eras)', () => {
  it('hands out arrays of the length asked for, and reuses a given-back one for any list that fits', () => {
    const pool = new ListPool(100);
    const first = pool.take(40);
    expect(first.length).toBe(40);
    pool.give(first);
    const second = pool.take(100);
    expect(second.length).toBe(100);
    expect(second.buffer).toBe(first.buffer);
    expect(second.byteOffset).toBe(first.byteOffset);
  });

  it('hands out a new array object even for reused memory: a list is known by identity (MatchMemo)', () => {
    const pool = new ListPool(10);
    const list = pool.take(10);
    pool.give(list);
    const again = pool.take(10);
    expect(again.buffer).toBe(list.buffer);
    expect(again).not.toBe(list);
  });

  it('reuses a list given back as a shorter view of its region (a list without departed miners)', () => {
    const pool = new ListPool(10);
    const list = pool.take(10);
    pool.give(list.subarray(0, 7));
    expect(pool.take(10).byteOffset).toBe(list.byteOffset);
  });

  it('ignores a view into the middle of a region, which is no region of its own', () => {
    const pool = new ListPool(10);
    const list = pool.take(10);
    pool.give(list.subarray(3));
    expect(overlap(pool.take(10), list)).toBe(false);
  });

  it('serves lists longer than a region (miners a script adds) from arrays of their own', () => {
    const pool = new ListPool(4);
    const long = pool.take(9);
    expect(long.length).toBe(9);
    pool.give(long);
    expect(pool.take(9).buffer).toBe(long.buffer);
  });

  it('never hands out memory a live list still uses', () => {
    // Random sequences of takes and give-backs: live lists stay disjoint and keep their contents.
    const step = fc.oneof(fc.record({ take: fc.integer({ min: 0, max: 30 }) }), fc.record({ give: fc.nat() }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const pool = new ListPool(20);
        const live: { list: Int32Array; mark: number }[] = [];
        steps.forEach((s, i) => {
          if ('take' in s) {
            const list = pool.take(s.take);
            expect(list.length).toBe(s.take);
            list.fill(i);
            live.push({ list, mark: i });
          } else if (live.length > 0) {
            const [gone] = live.splice(s.give % live.length, 1);
            pool.give(gone!.list);
          }
        });
        for (const a of live) {
          expect(a.list.every((x) => x === a.mark)).toBe(true);
          for (const b of live) if (a !== b) expect(overlap(a.list, b.list)).toBe(false);
        }
      }),
    );
  });
});
