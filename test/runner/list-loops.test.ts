import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scorePopularity } from '../../src/mechanism/popularity.js';
import { copyAroundPlaces } from '../../src/mechanism/random-insertion.js';
import { LIST_LOOPS_WASM } from '../../src/runner/list-loops-wasm.js';
import { ListLoops } from '../../src/runner/list-loops.js';
// @ts-expect-error: a plain script of the build, without declarations
import { compileListLoops } from '../../scripts/wasm.mjs';

/** `values` in an array carved from `loops`' memory. */
function carved(loops: ListLoops, values: readonly number[]): Int32Array {
  const array = loops.carve(Math.max(values.length, 1) * 4)!.subarray(0, values.length);
  array.set(values);
  return array;
}

/** A list of `slots` slots in an order drawn from `keys`, and who of them departed. */
const listAndMoves = fc.integer({ min: 1, max: 300 }).chain((slots) =>
  fc.record({
    order: fc.shuffledSubarray(
      Array.from({ length: slots }, (_, i) => i),
      { minLength: slots, maxLength: slots },
    ),
    departed: fc.uniqueArray(fc.nat(slots - 1), { maxLength: slots }),
    joined: fc.integer({ min: 0, max: 40 }),
    seed: fc.nat(),
  }),
);

describe('the list loops in WebAssembly (runner/list-loops.ts)', () => {
  it('are the module list-loops.wat compiles to (`npm run wasm` writes it)', async () => {
    const bytes = (await compileListLoops('src/runner/list-loops.wat')) as Buffer;
    expect(bytes.toString('base64')).toBe(LIST_LOOPS_WASM);
  });

  it('score a list as scorePopularity does', () => {
    const loops = ListLoops.withNewMemory();
    fc.assert(
      fc.property(listAndMoves, fc.integer({ min: 0, max: 2 ** 20 }), ({ order }, m) => {
        const list = carved(loops, order);
        const points = carved(
          loops,
          order.map((_, i) => i * 3),
        ); // added to, not written over
        const expected = scorePopularity([list], m, order.length, Int32Array.from(points));
        loops.score(list, m, points);
        expect([...points]).toEqual([...expected]);
      }),
    );
  });

  it('copy around the newcomers as copyAroundPlaces does, era after era through one scratch', () => {
    const loops = ListLoops.withNewMemory();
    const scratch = loops.carveScratch(400)!;
    const copy = loops.copyAroundVia(scratch);
    let wasm = 0;
    fc.assert(
      fc.property(listAndMoves, ({ order, departed, joined, seed }) => {
        const slots = order.length + joined;
        const flags = new Uint8Array(slots);
        for (const slot of departed) flags[slot] = 1;
        const moves = { flags, count: departed.length };
        const newcomers = Int32Array.from({ length: joined + 1 }, (_, i) => order.length + i);
        const total = order.length - departed.length + joined;
        // Places: spread evenly (ascending, distinct: total is at least joined), shifted by a drawn
        // amount that keeps the last below total, then the sentinel.
        const spread = (i: number) => Math.floor((i * total) / Math.max(joined, 1));
        const shift = joined === 0 ? 0 : seed % (total - spread(joined - 1));
        const places = Int32Array.from({ length: joined + 1 }, (_, i) => (i === joined ? total : spread(i) + shift));
        const list = carved(loops, order);
        const out = carved(loops, new Array<number>(total).fill(-1));
        const expected = new Int32Array(total);
        copyAroundPlaces(expected, list, moves, newcomers, places, joined);
        copy(out, list, moves, newcomers, places, joined);
        expect([...out]).toEqual([...expected]);
        wasm += departed.length > 0 ? 1 : 0;
      }),
      { numRuns: 200 },
    );
    expect(wasm).toBeGreaterThan(100); // most cases had departures, which the module copies
  });

  it('carve aligned pieces, growing the memory, and start again after a reset', () => {
    const loops = ListLoops.withNewMemory();
    const a = loops.carve(10)!;
    const b = loops.carve(200_000)!;
    expect(a.byteOffset).toBe(0);
    expect(b.byteOffset).toBe(64);
    expect(loops.memory!.buffer.byteLength).toBeGreaterThanOrEqual(200_064);
    expect(loops.holds(a, b)).toBe(true);
    expect(loops.holds(a, new Int32Array(4))).toBe(false);
    b[b.length - 1] = 7;
    expect(a.buffer === b.buffer).toBe(false); // a grown memory gives a new buffer object, the same bytes
    expect(new Int32Array(loops.memory!.buffer, 64, b.length)[b.length - 1]).toBe(7);
    loops.reset();
    expect(loops.carve(4)!.byteOffset).toBe(0);
    expect(loops.carve(2 ** 33)).toBeNull(); // past 4 GiB
  });

  it('without a memory, carve nothing and hold nothing', () => {
    const loops = new ListLoops(null);
    expect(loops.carve(64)).toBeNull();
    expect(loops.carveScratch(10)).toBeNull();
    expect(loops.holds(new Int32Array(new SharedArrayBuffer(8)))).toBe(false);
  });
});
