import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemberTable } from '../../src/mechanism/member-table.js';
import type { Membership } from '../../src/mechanism/types.js';

const record = (n: number): Membership => ({ shares: BigInt(n), deposited: n, withdrawn: 0 });

/** As pools.ts writes a member: its entry's record replaced, or a new entry after the others. */
function put(table: MemberTable, key: number, r: Membership): MemberTable {
  const entry = table.entryOf(key);
  if (entry >= 0) table.update(entry, r.shares, r.deposited, r.withdrawn);
  else table.add(key, r.shares, r.deposited, r.withdrawn);
  return table;
}

const holds = (table: MemberTable, key: number) => table.entryOf(key) >= 0;

// Keys close together (account positions that follow one another) and far apart, so that some
// share a home slot and the table grows several times.
const key = fc.oneof(fc.nat({ max: 64 }), fc.nat({ max: 2 ** 31 - 1 }), fc.constantFrom(0, 8, 16, 1 << 20));

describe('MemberTable (a pool members by account position)', () => {
  it('keeps the records a Map would, in the order a Map iterates them', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.nat()), { maxLength: 300 }), fc.array(key), (writes, probes) => {
        const table = new MemberTable();
        const map = new Map<number, Membership>();
        for (const [k, n] of writes) {
          put(table, k, record(n));
          map.set(k, record(n));
        }
        expect(table.size).toBe(map.size);
        expect([...table]).toEqual([...map]);
        expect([...table.keys()]).toEqual([...map.keys()]);
        for (const k of [...probes, ...map.keys()]) {
          expect(table.get(k)).toEqual(map.get(k));
          expect(holds(table, k)).toBe(map.has(k));
        }
      }),
    );
  });

  it('finds every key of long runs of neighbours and of keys alike in their low bits', () => {
    const table = new MemberTable();
    const keys = [
      ...Array.from({ length: 3000 }, (_, i) => 110_000 + i),
      ...Array.from({ length: 3000 }, (_, i) => i * 16 + 5),
    ];
    keys.forEach((k, i) => put(table, k, record(i)));
    expect(table.size).toBe(new Set(keys).size);
    const firsts = new Map<number, number>();
    keys.forEach((k, i) => firsts.set(k, firsts.get(k) ?? i));
    for (const k of firsts.keys()) expect(table.get(k)).toEqual(record(keys.lastIndexOf(k)));
    expect([...table.keys()]).toEqual([...firsts.keys()]);
    for (const absent of [109_999, 113_000, 6, 48_005, 2 ** 30]) expect(holds(table, absent)).toBe(false);
  });

  it('reads and writes records by entry as by key, and adds a key only once', () => {
    const table = new MemberTable();
    const e = table.add(42, 7n, 100, 0);
    expect([table.entryOf(42), table.entryOf(43)]).toEqual([e, -1]);
    table.update(e, 5n, 100, 20);
    expect([table.sharesAt(e), table.depositedAt(e), table.withdrawnAt(e)]).toEqual([5n, 100, 20]);
    expect(table.get(42)).toEqual({ shares: 5n, deposited: 100, withdrawn: 20 });
    expect(() => table.add(42, 1n, 1, 0)).toThrow(/already/);
  });

  it('copies: changes to the copy leave the original as it was', () => {
    const original = new MemberTable();
    for (let k = 0; k < 20; k++) put(original, k * 7, record(k));
    const copy = put(put(new MemberTable(original), 7, record(100)), 1000, record(1));
    for (let k = 20; k < 200; k++) put(copy, k * 7, record(k));
    expect(original.size).toBe(20);
    expect(original.get(7)).toEqual(record(1));
    expect(holds(original, 1000)).toBe(false);
    expect(copy.get(7)).toEqual(record(100));
    expect(copy.size).toBe(201);
    expect([...copy.keys()].slice(0, 3)).toEqual([0, 7, 14]);
  });
});
