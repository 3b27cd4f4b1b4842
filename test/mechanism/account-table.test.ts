import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccountBook, AccountIndex } from '../../src/mechanism/account-table.js';

const writes = fc.array(
  fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.integer({ min: -1e9, max: 1e9 })), {
    maxLength: 6,
  }),
  { maxLength: 20 },
);

/** Only accounts with a value that is not 0: an account at 0 and one never written are alike. */
const nonZero = (entries: Iterable<[string, number]>) => new Map([...entries].filter(([, v]) => v !== 0));

describe('AccountBook (balances copied once per era)', () => {
  it('behaves like a Map copied at every fork, never changes an earlier era, and keeps its total', () => {
    fc.assert(
      fc.property(writes, (eras) => {
        let book = AccountBook.from<string>([['a', 1]]);
        let plain = new Map<string, number>([['a', 1]]);
        const history: [AccountBook<string>, Map<string, number>][] = [];
        for (const era of eras) {
          history.push([book, new Map(plain)]);
          book = book.fork();
          plain = new Map(plain);
          for (const [k, v] of era) {
            book.set(k, v);
            plain.set(k, v);
          }
          expect(nonZero(book.entries())).toEqual(nonZero(plain.entries()));
          expect(book.total).toBe([...plain.values()].reduce((a, b) => a + b, 0));
        }
        for (const [old, snapshot] of history) expect(nonZero(old.entries())).toEqual(nonZero(snapshot.entries()));
      }),
    );
  });

  it('sums an account given more than once, positions in the order accounts first appear', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 0, max: 1e9 }))),
        (given) => {
          const book = AccountBook.from<string>(given);
          const sums = new Map<string, number>();
          for (const [k, v] of given) sums.set(k, (sums.get(k) ?? 0) + v);
          expect([...book.entries()]).toEqual([...sums.entries()]);
          expect(book.total).toBe(given.reduce((a, [, v]) => a + v, 0));
          for (const [i, k] of [...sums.keys()].entries()) expect(book.positionOf(k)).toBe(i);
        },
      ),
    );
  });

  it('keeps two eras forked from the same one apart', () => {
    const base = AccountBook.from<string>([['a', 5]]);
    const left = base.fork().set('x', 1);
    const right = base.fork().set('y', 2).set('a', 7);
    expect([left.get('a'), left.get('x'), left.get('y') ?? 0]).toEqual([5, 1, 0]);
    expect([right.get('a'), right.get('x') ?? 0, right.get('y')]).toEqual([7, 0, 2]);
    expect(base.get('a')).toBe(5);
    expect([left.total, right.total, base.total]).toEqual([6, 9, 5]);
  });

  it('reads by a kept position what it reads by key, in every era forked later', () => {
    const base = AccountBook.from<string>([['a', 5]]);
    const later = base.fork().set('b', 3).set('a', 4);
    const a = base.positionOf('a') as number;
    const b = later.positionOf('b') as number;
    expect([base.atPosition(a), later.atPosition(a), later.atPosition(b)]).toEqual([5, 4, 3]);
    // A position given after an era was forked reads as no balance there.
    expect(base.atPosition(b)).toBe(0);
    expect(base.positionOf('never')).toBeUndefined();
  });
});

describe('AccountIndex', () => {
  it('gives each key the position of its first appearance, whatever order keys are looked up in', () => {
    const keys = Array.from({ length: 60 }, (_, i) => `k${i}`);
    fc.assert(
      fc.property(
        // Runs of keys in position order, next to each other or some apart (as an era's delegations
        // find their accounts, only some delegators acting), within its look-ahead or past it; and strays.
        fc.array(fc.tuple(fc.nat({ max: 70 }), fc.nat({ max: 5 }), fc.integer({ min: 1, max: 24 })), {
          maxLength: 30,
        }),
        (runs) => {
          const index = new AccountIndex<string>();
          keys.forEach((k) => index.add(k));
          for (const [start, length, stride] of runs) {
            for (let n = 0, i = start; n < length; n++, i += stride) {
              // k60 and up were never added: the keys after the last one found are not theirs.
              // Each key is looked up as a string of its own, equal to the one added.
              expect(index.position(`k${i}`)).toBe(i < keys.length ? i : undefined);
            }
          }
        },
      ),
    );
  });

  it('does not answer a key with the position after the last one found when another key is there', () => {
    const index = new AccountIndex<string>();
    for (const k of ['a', 'b', 'c']) index.add(k);
    expect(index.position('a')).toBe(0);
    expect(index.position('c')).toBe(2);
    expect(index.position('b')).toBe(1);
    expect(index.position('c')).toBe(2);
    expect(index.add('d')).toBe(3);
    expect(index.position('d')).toBe(3);
  });
});

describe('AccountTable (any value per account)', () => {
  it('reads no value at the positions between one set far past the others and them', () => {
    const book = AccountBook.from<string>(Array.from({ length: 5000 }, (_, i) => [`a${i}`, i] as const));
    const table = book.emptyTable<string>().set('a4000', 'x').set('a3', 'y');
    expect(table.atPosition(4000)).toBe('x');
    expect(table.atPosition(3)).toBe('y');
    expect(table.atPosition(2000)).toBeUndefined();
    expect(table.atPosition(4001)).toBeUndefined();
    expect([...table.entries()]).toEqual([
      ['a3', 'y'],
      ['a4000', 'x'],
    ]);
  });

  it('keeps earlier eras as they were', () => {
    const t0 = AccountBook.from<string>([]).emptyTable<number[]>().set('d', [1]);
    const t1 = t0.fork().set('d', [1, 2]).set('e', [3]);
    expect(t0.get('d')).toEqual([1]);
    expect(t0.get('e')).toBeUndefined();
    expect([...t1.entries()]).toEqual([
      ['d', [1, 2]],
      ['e', [3]],
    ]);
  });
});
