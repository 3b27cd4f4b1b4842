import { describe, expect, it } from 'vitest';
import { copyMiners, isOnlineAt, isStoppedAt, MinerColumns, plainMiner } from '../../src/mechanism/miner-columns.js';
import type { Miner } from '../../src/mechanism/types.js';
import { makeMiner } from '../helpers.js';

const fieldsOf = ({ slot: _slot, ...fields }: Miner) => fields;

describe('miner columns (struct of arrays, issue #6)', () => {
  it('a row reads back every field it was written with', () => {
    const columns = new MinerColumns(4);
    const record = makeMiner({ slot: 2, accrued: 7, slashed: 2, paid: 1, state: 'CoolingDown', leftEra: 5, pool: 'p' });
    const row = columns.write(2, fieldsOf(record), 0);
    expect(plainMiner(row)).toEqual(record);
    expect(JSON.parse(JSON.stringify(row))).toEqual(record);
    expect(columns.poolIndex[2]).toBe(0);
  });

  it('writes through the row land in the columns, and null stays null', () => {
    const columns = new MinerColumns(2);
    const row = columns.write(0, fieldsOf(makeMiner()), -1);
    row.accrued += 10;
    row.state = 'Stopped';
    row.leftEra = 3;
    expect(columns.accrued[0]).toBe(10);
    expect(isStoppedAt(columns, 0)).toBe(true);
    expect(isOnlineAt(columns, 0)).toBe(false);
    row.leftEra = null;
    expect(row.leftEra).toBeNull();
  });

  it('growing keeps every row and the rows already handed out', () => {
    const columns = new MinerColumns(2);
    const rows = Array.from({ length: 9 }, (_, slot) =>
      columns.write(
        slot,
        fieldsOf(makeMiner({ id: `m${slot}`, slot, stake: 100 + slot, stakeLocked: 100 + slot })),
        -1,
      ),
    );
    expect(rows.map((r) => r.stakeLocked)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108]);
    rows[0]!.paid = 4;
    expect(columns.paid[0]).toBe(4);
  });

  it('units above 2^31 are kept exactly', () => {
    const columns = new MinerColumns();
    const big = 2 ** 52 + 1;
    expect(columns.write(0, fieldsOf(makeMiner({ stake: big, stakeLocked: big })), -1).stakeLocked).toBe(big);
  });

  it('a copy is independent of the miners it was made from', () => {
    const original = [makeMiner({ id: 'a', slot: 0, pool: 'p' }), makeMiner({ id: 'b', slot: 1 })];
    const copy = copyMiners(original, new Map([['p', 3]]));
    copy.miners[0]!.accrued = 99;
    expect(original[0]!.accrued).toBe(0);
    expect(copy.columns.poolIndex[0]).toBe(3);
    expect(copy.columns.poolIndex[1]).toBe(-1);
    expect(copy.miners.map(plainMiner)).toEqual([{ ...original[0], accrued: 99 }, original[1]]);
  });

  it("keeps each pool's locked stake as rows are written, slashed and rewritten", () => {
    const columns = new MinerColumns(2);
    const miner = (id: string, slot: number, stakeLocked: number) =>
      fieldsOf(makeMiner({ id, slot, stake: stakeLocked, stakeLocked }));
    columns.write(0, miner('a', 0, 100), 0);
    const b = columns.write(1, miner('b', 1, 40), 1);
    columns.write(2, miner('c', 2, 7), -1); // solo: in no pool's sum
    columns.write(3, miner('d', 3, 25), 1);
    expect([columns.stakedIn(0), columns.stakedIn(1), columns.stakedIn(5)]).toEqual([100, 65, 0]);
    b.stakeLocked -= 15; // a slash beyond the unpaid promise
    expect(columns.stakedIn(1)).toBe(50);
    columns.write(1, miner('b', 1, 30), 0); // b stopped, then started again by pool 0
    expect(Array.from(columns.stakedInPools(3))).toEqual([130, 25, 0]);
  });

  it('an unknown state is refused rather than stored as a wrong code', () => {
    const row = new MinerColumns().write(0, fieldsOf(makeMiner()), -1);
    expect(() => {
      row.state = 'toString' as Miner['state'];
    }).toThrow(/unknown miner state toString/);
  });
});
