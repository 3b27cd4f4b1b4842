import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/runner/csv-table.js';
import { parse } from 'csv-parse/sync';
import { csvCells } from '../../src/runner/assemble.js';
import { csvText } from '../../src/runner/csv-text.js';
import { toCsv } from '../../src/runner/csv-table.js';

/** Strings rich in what CSV and the formula guard care about. */
const cellString = fc.string({
  unit: fc.constantFrom('a', 'Z', '0', '9', '.', '-', '+', '=', '@', '\t', '\r', '\n', ',', '"', "'", ' ', 'é', '＝'),
  maxLength: 8,
});
const cellNumber = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, 1e21, 1.5e-7, Number.MAX_SAFE_INTEGER),
);
const cell = fc.oneof(cellString, cellNumber, fc.boolean(), fc.constant(undefined), fc.bigInt());

describe('csvText (the direct writer of the per-era tables)', () => {
  it('writes the bytes csv-stringify writes, shared cells included', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 6 }),
        fc.array(cell, { minLength: 2, maxLength: 2 }),
        (columns, cells, shared) => {
          const rows = cells.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])) as Row);
          const extra = { [columns[0] as string]: shared[0], axis: shared[1] } as Row;
          const all = [...columns, 'axis'];
          expect(csvText(rows, all, extra)).toBe(
            toCsv(
              rows.map((r) => ({ ...r, ...extra })),
              all,
            ),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('quotes what needs quotes and guards formulas', () => {
    expect(csvText([{ a: 'x,y', b: 'say "hi"', c: '=SUM(A1)', d: -3.5, e: '-3.5' }], ['a', 'b', 'c', 'd', 'e'])).toBe(
      '"x,y","say ""hi""",\'=SUM(A1),-3.5,-3.5\n',
    );
  });
});

describe('a carriage return in a cell', () => {
  it('is quoted by both writers, as spreadsheets read it as a line break', () => {
    expect(csvText([{ a: 'one\rtwo' }], ['a'])).toBe('"one\rtwo"\n');
    expect(toCsv([{ a: 'one\rtwo' }], ['a'])).toBe('"one\rtwo"\n');
  });
});

describe('csvCells (reading the eras parts back for summary.csv)', () => {
  it('reads what csv-parse reads from any text the writer makes', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }), (cells) => {
        const columns = ['a', 'b', 'c'];
        const text = csvText(
          cells.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])) as Row),
          columns,
          {},
        );
        expect(csvCells(text)).toEqual(parse(text));
      }),
      { numRuns: 500 },
    );
  });
});
