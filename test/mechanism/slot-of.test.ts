import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGenesis } from '../../src/mechanism/era.js';
import { copyMiners } from '../../src/mechanism/miner-columns.js';
import { openEra, slotOf } from '../../src/mechanism/open-era.js';
import { makeMiner } from '../helpers.js';

/** An era open on `ids.length` miners, miner `ids[slot]` in each slot. */
function eraWith(ids: readonly string[]) {
  const { miners, columns } = copyMiners(
    ids.map((id, slot) => makeMiner({ id, slot })),
    new Map(),
  );
  const state = {
    ...createGenesis({ balances: [], subsidyPool: 0, treasury: 0 }),
    miners,
    minerColumns: columns,
    minerSlots: new Map(ids.map((id, slot) => [id, slot])),
  };
  return openEra(state, true);
}

describe('slotOf', () => {
  it('answers what the map of slots answers, whatever order miners are looked up in', () => {
    fc.assert(
      fc.property(
        // Slots in id order for some miners and shuffled for others (solo miners joined together,
        // pool workers as their pools filled), looked up in runs with gaps, and ids never joined.
        fc.shuffledSubarray(
          Array.from({ length: 40 }, (_, i) => `m${i}`),
          { minLength: 40, maxLength: 40 },
        ),
        fc.nat({ max: 40 }),
        fc.array(fc.tuple(fc.nat({ max: 45 }), fc.nat({ max: 6 }), fc.integer({ min: 1, max: 5 })), { maxLength: 20 }),
        (shuffled, inOrder, runs) => {
          const ids = [
            ...Array.from({ length: inOrder }, (_, i) => `m${i}`),
            ...shuffled.filter((id) => Number(id.slice(1)) >= inOrder),
          ];
          const s = eraWith(ids);
          for (const [start, length, stride] of runs) {
            for (let n = 0, i = start; n < length; n++, i += stride) {
              // A string of its own each time, equal to the id the miner joined with.
              const id = `m${i}`;
              expect(slotOf(s, id)).toBe(s.minerSlots.get(id));
            }
          }
        },
      ),
    );
  });
});
