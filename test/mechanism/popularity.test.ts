import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignBrackets, pointsFor, scorePopularity, sortByPoints } from '../../src/mechanism/popularity.js';
import { matchingUpperBound } from '../../src/mechanism/efficiency.js';

describe('scorePopularity (paper §4: rank r earns m − r + 1)', () => {
  it('sums points over the lists', () => {
    // m = 3; lists [a, b, c] and [b, a, c]: a = 3 + 2, b = 2 + 3, c = 1 + 1.
    expect([
      ...scorePopularity(
        [
          [0, 1, 2],
          [1, 0, 2],
        ],
        3,
        3,
      ),
    ]).toEqual([5, 5, 2]);
  });

  it('adds in 32 bits while every sum fits, and in doubles, still exact, past that', () => {
    expect(pointsFor(1000, 100_000, 4)).toBeInstanceOf(Int32Array); // at most 10^8 points
    expect(pointsFor(2, 2 ** 30 - 1, 4)).toBeInstanceOf(Int32Array); // at most 2^31 − 2
    expect(pointsFor(2, 2 ** 30, 4)).toBeInstanceOf(Float64Array); // 2^31: one past
    expect(pointsFor(3, 2 ** 30, 4)).toBeInstanceOf(Float64Array);
    // m = 2^30 + 1 (a count the lists need not reach): slot 0 first on three lists, 3 · (2^30 + 1).
    const m = 2 ** 30 + 1;
    const points = scorePopularity(
      [
        [0, 1],
        [0, 1],
        [0, 1],
      ],
      m,
      2,
    );
    expect(points).toBeInstanceOf(Float64Array);
    expect([...points]).toEqual([3 * m, 3 * (m - 1)]);
  });
});

describe('assignBrackets (paper §4, SPEC §3.5)', () => {
  it.each([
    // name, points per slot, k, expected brackets
    ['equal-size brackets, k = 2, no ties', [1, 2, 3, 4], 2, [1, 1, 2, 2]],
    ['ties take the lowest bracket of the tie', [5, 5, 2, 1], 2, [2, 2, 1, 1]],
    ['a tie across a boundary stays in the lower bracket', [1, 2, 2, 3], 2, [1, 1, 1, 2]],
    ['k larger than m skips brackets', [1, 2], 4, [1, 3]],
    ['everyone tied (no clusters) is bracket 1', [0, 0, 0], 5, [1, 1, 1]],
    ['k = 1 puts everyone in bracket 1', [3, 1, 2], 1, [1, 1, 1]],
  ])('%s', (_name, points, k, expected) => {
    const slots = points.map((_, i) => i);
    expect([...assignBrackets(slots, points, k, points.length)]).toEqual(expected);
  });
});

describe('sortByPoints', () => {
  /** The plain rule: a comparator sort by points, then slot. */
  const plain = (slots: number[], points: number[]) =>
    slots.slice().sort((a, b) => (points[a] as number) - (points[b] as number) || a - b);

  it('orders as a comparator sort does, whole points (radix) or not (comparator)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.nat(50), fc.nat(2 ** 40), fc.double({ min: 0, max: 100, noNaN: true })), {
          maxLength: 60,
        }),
        fc.func(fc.boolean()),
        (points, keep) => {
          const slots = points.map((_, i) => i).filter((i) => keep(i));
          expect([...sortByPoints(slots, points)]).toEqual(plain(slots, points));
        },
      ),
    );
  });

  it('orders whole points as a comparator sort does, miners given in slot order or not (put in slot order first)', () => {
    fc.assert(
      fc.property(
        // Few distinct points (ties), or points of up to five 11-bit digits.
        fc.array(fc.oneof(fc.nat(20), fc.nat(2 ** 45)), { maxLength: 80 }),
        fc.func(fc.boolean()),
        fc.boolean(),
        (points, keep, shuffle) => {
          const slots = points.map((_, i) => i).filter((i) => keep(i));
          // A fixed shuffle: reversed halves, so the slots are not in order.
          const given = shuffle
            ? [...slots.slice(slots.length >> 1).reverse(), ...slots.slice(0, slots.length >> 1)]
            : slots;
          expect([...sortByPoints(given, points)]).toEqual(plain(slots, points));
        },
      ),
    );
  });

  it('keeps slot order among miners with no points at all (no clusters)', () => {
    expect([...sortByPoints([0, 2, 5], [0, 0, 0, 0, 0, 0])]).toEqual([0, 2, 5]);
  });

  it('orders points up to 2^53 exactly', () => {
    const points = [2 ** 50, 3, 2 ** 50 - 1];
    expect([...sortByPoints([0, 1, 2], points)]).toEqual([1, 2, 0]);
  });
});

describe('matchingUpperBound (SPEC §3.3)', () => {
  it('floors budgets when powers are whole', () => {
    // powers 3, 3, 3; budgets 4.5, 4.5: min(9, 4 + 4) = 8.
    expect(matchingUpperBound([3, 3, 3], [4.5, 4.5])).toBe(8);
  });
  it('uses budgets as they are when a power is fractional', () => {
    expect(matchingUpperBound([3, 3, 3.5], [4.5, 4.5])).toBe(9);
  });
  it('is the total power when budgets exceed it', () => {
    expect(matchingUpperBound([1, 2], [10])).toBe(3);
  });
});
