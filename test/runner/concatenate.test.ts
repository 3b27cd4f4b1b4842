import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { concatenate } from '../../src/runner/assemble.js';

const dir = mkdtempSync(join(tmpdir(), 'phala-sim-concatenate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('concatenate (a table from its runs’ parts)', () => {
  it('writes the header, then every part’s bytes in order, and counts their rows, whatever the chunk size', () => {
    let case_ = 0;
    fc.assert(
      fc.property(
        // Parts of whole rows (some empty, some missing: a failed run leaves none), rows of any
        // characters but line feeds, and chunks smaller and larger than a part.
        fc.array(
          fc.option(fc.array(fc.string({ unit: 'binary', maxLength: 12 }).map((r) => r.replaceAll('\n', ' '))), {
            nil: null,
          }),
          { maxLength: 6 },
        ),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        (parts, chunkBytes, bom) => {
          const at = join(dir, String(case_++));
          const files = parts.map((rows, i) => {
            const file = `${at}-part-${i}.csv`;
            if (rows !== null) writeFileSync(file, rows.map((r) => `${r}\n`).join(''));
            return file;
          });
          const rows = concatenate(`${at}.csv`, ['a', 'b'], files, bom, chunkBytes);
          const body = parts.flatMap((p) => p ?? []).map((r) => `${r}\n`);
          expect(rows).toBe(body.length);
          expect(readFileSync(`${at}.csv`).equals(Buffer.from(`${bom ? '\uFEFF' : ''}a,b\n${body.join('')}`))).toBe(
            true,
          );
        },
      ),
    );
  });
});
