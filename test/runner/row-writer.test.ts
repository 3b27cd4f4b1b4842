import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPha } from '../../src/mechanism/units.js';
import { toCsv, type Row } from '../../src/runner/csv-table.js';
import { RowRecorder, RowReplayer } from '../../src/runner/row-recorder.js';
import { CsvRowWriter, leadText, RowCollector, type RowWriter } from '../../src/runner/row-writer.js';

/** Strings rich in what CSV and the formula guard care about. */
const cellString = fc.string({
  unit: fc.constantFrom('a', 'Z', '0', '.', '-', '+', '=', '@', '\t', '\r', '\n', ',', '"', "'", ' ', 'é'),
  maxLength: 6,
});

type Cell =
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'amount'; value: number }
  | { kind: 'joined'; first: string; separator: string; second: string; firstKey: number; secondKey: number }
  | { kind: 'cell'; value: unknown };

const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.record({ kind: fc.constant('number' as const), value: fc.oneof(fc.integer(), fc.double()) }),
  fc.record({ kind: fc.constant('text' as const), value: cellString }),
  fc.record({
    kind: fc.constant('amount' as const),
    value: fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  }),
  fc.record({
    kind: fc.constant('joined' as const),
    // Parts from a few strings, keyed (0-2) or not (−1): a key mostly comes with its one text, as
    // a table's do, and sometimes with another (the recorder checks, and must still be right).
    first: fc.oneof(fc.constantFrom('d0', 'd1', 'd,2'), cellString),
    separator: cellString,
    second: fc.oneof(fc.constantFrom('p0', 'p"1'), cellString),
    firstKey: fc.integer({ min: -1, max: 2 }),
    secondKey: fc.integer({ min: -1, max: 2 }),
  }),
  fc.record({
    kind: fc.constant('cell' as const),
    value: fc.oneof(cellString, fc.double(), fc.boolean(), fc.constant(undefined), fc.bigInt()),
  }),
);

function write(out: RowWriter, c: Cell): void {
  if (c.kind === 'joined') out.joined(c.first, c.separator, c.second, c.firstKey, c.secondKey);
  else if (c.kind === 'number') out.number(c.value);
  else if (c.kind === 'text') out.text(c.value);
  else if (c.kind === 'amount') out.amount(c.value);
  else out.cell(c.value);
}

/** The cell as a row object holds it, for csv-stringify. */
function rowValue(c: Cell): unknown {
  if (c.kind === 'joined') return c.first + c.separator + c.second;
  return c.kind === 'amount' ? formatPha(c.value) : c.value;
}

/** Eras of rows of `width` cells, each era with its lead cells. */
const eras = (width: number) =>
  fc.array(
    fc.record({
      lead: fc.tuple(fc.nat(), cellString),
      rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 4 }),
      handOver: fc.boolean(),
    }),
    { maxLength: 5 },
  );

describe('CsvRowWriter (rows written cell by cell)', () => {
  it('writes the bytes csv-stringify writes for the same rows, lead cells first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((width) => fc.tuple(fc.constant(width), eras(width))),
        ([width, era]) => {
          const columns = ['id', 'axis', ...Array.from({ length: width }, (_, i) => `c${i}`)];
          const writer = new CsvRowWriter();
          const rows: Row[] = [];
          for (const e of era) {
            writer.startEra(leadText(e.lead));
            for (const r of e.rows) {
              writer.row();
              r.forEach((c) => write(writer, c));
              rows.push(
                Object.fromEntries(columns.map((col, i) => [col, i < 2 ? e.lead[i] : rowValue(r[i - 2]!)])) as Row,
              );
            }
          }
          expect(writer.take()).toBe(toCsv(rows, columns));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('writes nothing for an era without rows, and each take() ends its rows', () => {
    const writer = new CsvRowWriter();
    expect(() => writer.startEra('')).toThrow(/lead/);
    writer.startEra('0,1');
    expect(writer.take()).toBe('');
    writer.row();
    writer.amount(-1_500_000);
    writer.joined('chaser-1', '@', 'pool-2');
    expect(writer.take()).toBe('0,1,-1.500000,chaser-1@pool-2\n');
    writer.row();
    writer.text('=1+1');
    expect(writer.take()).toBe("0,1,'=1+1\n");
  });
  it('with a spill, hands on whole rows as they are written, and take() the rest: the same text in all', () => {
    fc.assert(
      fc.property(
        // Eras of up to a few spills' worth of rows (a spill every 256), taken at their ends or not.
        fc.array(fc.record({ rows: fc.nat({ max: 700 }), take: fc.boolean() }), { minLength: 1, maxLength: 4 }),
        (eras) => {
          const plain = new CsvRowWriter();
          const pieces: string[] = [];
          const spilling = new CsvRowWriter((text) => pieces.push(text));
          eras.forEach((era, e) => {
            for (const writer of [plain, spilling]) {
              writer.startEra(leadText([e]));
              for (let r = 0; r < era.rows; r++) {
                writer.row();
                writer.number(r);
                writer.text(r % 3 === 0 ? 'a,b' : 'c');
              }
            }
            if (era.take) pieces.push(spilling.take());
          });
          pieces.push(spilling.take());
          expect(pieces.join('')).toBe(plain.take());
          // Every piece is whole rows, and none is larger than a spill.
          for (const piece of pieces) {
            if (piece === '') continue;
            expect(piece.endsWith('\n')).toBe(true);
            expect(piece.split('\n').length - 1).toBeLessThanOrEqual(256);
          }
          const total = eras.reduce((n, era) => n + era.rows, 0);
          expect(pieces.filter((p) => p !== '').length).toBeGreaterThanOrEqual(Math.ceil(total / 256));
        },
      ),
    );
  });
});

describe('RowRecorder and RowReplayer (rows recorded in one thread, written in another)', () => {
  it('give the bytes the rows written directly give, however the recording is handed over', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((width) => eras(width)),
        (era) => {
          const direct = new CsvRowWriter();
          const recorder = new RowRecorder();
          const replayer = new RowReplayer();
          const replayed = new CsvRowWriter();
          let text = '';
          for (const e of era) {
            const lead = leadText(e.lead);
            direct.startEra(lead);
            recorder.startEra(lead);
            for (const r of e.rows) {
              direct.row();
              recorder.row();
              r.forEach((c) => (write(direct, c), write(recorder, c)));
            }
            // Handed over (and posted, its arrays moved) at the end of some eras only.
            if (e.handOver) {
              replayer.replay(structuredClone(recorder.take()), replayed);
              text += replayed.take();
            }
          }
          replayer.replay(recorder.take(), replayed);
          text += replayed.take();
          expect(text).toBe(direct.take());
        },
      ),
      { numRuns: 400 },
    );
  });

  it('send each string once, however often it is written', () => {
    const recorder = new RowRecorder();
    recorder.startEra('0,0');
    for (let i = 0; i < 3; i++) {
      recorder.row();
      recorder.joined('chaser-1', '@', 'pool-2');
      recorder.text('pool-2');
    }
    const first = recorder.take();
    expect(first.strings).toEqual(['0,0', 'chaser-1', '@', 'pool-2']);
    recorder.row();
    recorder.text('pool-2');
    recorder.text('pool-3');
    const second = recorder.take();
    expect(second.firstCode).toBe(4);
    expect(second.strings).toEqual(['pool-3']);
  });

  it('find a keyed part by its key, and write a key that comes with another text as that text', () => {
    const recorder = new RowRecorder();
    recorder.startEra('0,0');
    recorder.row();
    recorder.joined('chaser-1', '@', 'pool-2', 5, 1);
    recorder.row();
    recorder.joined('chaser-1', '@', 'pool-2', 5, 1);
    recorder.row();
    recorder.joined('chaser-9', '@', 'pool-2', 5, 1);
    const rows = recorder.take();
    expect(rows.strings).toEqual(['0,0', 'chaser-1', '@', 'pool-2', 'chaser-9']);
    const out = new CsvRowWriter();
    new RowReplayer().replay(rows, out);
    expect(out.take()).toBe('0,0,chaser-1@pool-2\n0,0,chaser-1@pool-2\n0,0,chaser-9@pool-2\n');
  });

  it('refuse recordings out of order', () => {
    const recorder = new RowRecorder();
    recorder.startEra('a');
    recorder.take();
    recorder.startEra('b');
    expect(() => new RowReplayer().replay(recorder.take(), new CsvRowWriter())).toThrow(/order/);
  });
});

describe('RowCollector (rows as objects, for tests)', () => {
  it('keys cells by column after the id cells', () => {
    const collector = new RowCollector({ era: 3 }, ['pool', 'free']);
    collector.row();
    collector.text('pool-1');
    collector.amount(2_000_000);
    expect(collector.finish()).toEqual([{ era: 3, pool: 'pool-1', free: '2.000000' }]);
  });

  it('holds a table to its columns', () => {
    const short = new RowCollector({}, ['a', 'b']);
    short.row();
    short.number(1);
    expect(() => short.finish()).toThrow(/1 cells where the table has 2/);
    const long = new RowCollector({}, ['a']);
    long.row();
    long.number(1);
    expect(() => long.number(2)).toThrow(/more than 1/);
    expect(() => new RowCollector({}, ['a']).number(1)).toThrow(/before its row/);
  });
});
