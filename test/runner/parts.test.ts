import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { writePartTable } from '../../src/runner/assemble.js';
import type { Job } from '../../src/runner/jobs.js';
import { PartStore } from '../../src/runner/parts.js';

const dir = mkdtempSync(join(tmpdir(), 'phala-sim-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'a,b\n';
const headers = { eras: HEADER };
const job = (index: number): Job => ({ index, point: index >> 1, run: index & 1, seed: index });
const rowsOf = (texts: readonly string[]) => texts.map((r) => `${r}\n`).join('');
// Rows of any characters but line feeds.
const row = fc.string({ unit: 'binary', maxLength: 12 }).map((r) => r.replaceAll('\n', ' '));

let case_ = 0;
function freshStore(): PartStore {
  return PartStore.forWriting(join(dir, String(case_++)), headers);
}

describe('PartStore (every run’s rows in one file per table)', () => {
  it('gives each finished run its rows back, however runs interleave, and the table is them in run order', () => {
    fc.assert(
      fc.property(
        // Appends of whole rows, each by one of four runs, in any order; runs that finish; a chunk size.
        fc.array(fc.record({ run: fc.nat({ max: 3 }), rows: fc.array(row, { maxLength: 4 }) }), { maxLength: 12 }),
        fc.subarray([0, 1, 2, 3]),
        fc.integer({ min: 1, max: 40 }),
        (appends, finished, chunkBytes) => {
          const store = freshStore();
          try {
            const written = new Map<number, string[]>();
            for (const a of appends) {
              store.append(job(a.run), 'eras', Buffer.from(rowsOf(a.rows)));
              written.set(a.run, [...(written.get(a.run) ?? []), ...a.rows]);
            }
            for (const r of finished) store.complete(job(r), { run: r });
            const jobs = [...finished].sort().map(job);
            const out = join(store.root, 'eras.csv');
            const rows = writePartTable(out, HEADER, 'eras', jobs, () => store, chunkBytes);
            const body = jobs.flatMap((j) => written.get(j.index) ?? []);
            expect(rows).toBe(body.length);
            expect(readFileSync(out).equals(Buffer.from(HEADER + rowsOf(body)))).toBe(true);
            for (const j of jobs) expect(store.text(j, 'eras')).toBe(rowsOf(written.get(j.index) ?? []));
          } finally {
            store.close();
          }
        },
      ),
    );
  });

  it('links the part file as the table where it is exactly the table (runs one after another)', () => {
    const store = freshStore();
    store.append(job(0), 'eras', Buffer.from('1,2\n3,4\n'));
    store.append(job(0), 'eras', Buffer.from('5,6\n'));
    store.complete(job(0), {});
    store.append(job(1), 'eras', Buffer.from('7,8\n'));
    store.complete(job(1), {});
    const out = join(store.root, 'eras.csv');
    expect(writePartTable(out, HEADER, 'eras', [job(0), job(1)], () => store)).toBe(4);
    expect(readFileSync(out, 'utf8')).toBe('a,b\n1,2\n3,4\n5,6\n7,8\n');
    expect(statSync(out).ino).toBe(statSync(store.tablePath('eras')).ino);
    // In another order, or with an unfinished run's rows in the file, it is a table of its own.
    const reordered = join(store.root, 'reordered.csv');
    writePartTable(reordered, HEADER, 'eras', [job(1), job(0)], () => store);
    expect(readFileSync(reordered, 'utf8')).toBe('a,b\n7,8\n1,2\n3,4\n5,6\n');
    expect(statSync(reordered).ino).not.toBe(statSync(store.tablePath('eras')).ino);
    store.append(job(2), 'eras', Buffer.from('9,9\n'));
    expect(store.isExactly('eras', [job(0), job(1)])).toBe(false);
    store.close();
  });

  it('reopened, knows the finished runs, and drops a line cut short', () => {
    const store = freshStore();
    store.append(job(0), 'eras', Buffer.from('1,2\n'));
    store.complete(job(0), { seed: 7 });
    store.append(job(1), 'eras', Buffer.from('3,4\n')); // a run that never finished
    store.close();
    // The process killed while writing the next run's line.
    appendFileSync(join(store.root, 'parts', 'runs.jsonl'), '{"point":1,"run":0,"row":{');
    const again = PartStore.forWriting(store.root, headers);
    expect(again.isComplete(job(0))).toBe(true);
    expect(again.isComplete(job(1))).toBe(false);
    expect(again.runRow(job(0))).toEqual({ seed: 7 });
    again.append(job(1), 'eras', Buffer.from('5,6\n'));
    again.complete(job(1), { seed: 8 });
    again.close();
    const last = PartStore.forReading(store.root, headers);
    expect(last.runRow(job(1))).toEqual({ seed: 8 });
    expect(last.text(job(0), 'eras')).toBe('1,2\n');
    expect(last.text(job(1), 'eras')).toBe('5,6\n');
    expect(last.rows(job(1), 'eras')).toBe(1);
    last.close();
  });

  it('reopened, runs again a run whose line is there but whose rows are not, or whose line is damaged', () => {
    const store = freshStore();
    store.append(job(0), 'eras', Buffer.from('1,2\n'));
    store.complete(job(0), {});
    store.append(job(1), 'eras', Buffer.from('3,4\n'));
    store.complete(job(1), {});
    store.close();
    // The machine stopped after run 1's line reached the disk and before its rows did.
    truncateSync(store.tablePath('eras'), HEADER.length + 4);
    appendFileSync(join(store.root, 'parts', 'runs.jsonl'), '{"point":9,"run"\n');
    const again = PartStore.forWriting(store.root, headers);
    expect(again.isComplete(job(0))).toBe(true);
    expect(again.isComplete(job(1))).toBe(false);
    // Run again, it is found where its new rows are.
    again.append(job(1), 'eras', Buffer.from('5,6\n'));
    again.complete(job(1), {});
    again.close();
    const last = PartStore.forReading(store.root, headers);
    expect(last.text(job(1), 'eras')).toBe('5,6\n');
    last.close();
  });
});
