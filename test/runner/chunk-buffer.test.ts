import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkBuffer } from '../../src/runner/table-output.js';

describe('ChunkBuffer (a run hands its rows over as bytes)', () => {
  it('hands over every text as UTF-8, in order, never one split between two flushes', () => {
    fc.assert(
      fc.property(
        // Texts of any characters (multi-byte ones too), some longer than the buffer.
        fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 30 }),
        fc.integer({ min: 8, max: 64 }),
        (texts, size) => {
          const flushed: Buffer[] = [];
          // Copied at once: the bytes are lent for the call only.
          const chunks = new ChunkBuffer((bytes) => flushed.push(Buffer.from(bytes)), size);
          for (const text of texts) chunks.add(text);
          chunks.drain();
          expect(Buffer.concat(flushed).equals(Buffer.from(texts.join(''), 'utf8'))).toBe(true);
          // Each flush is whole texts: the texts' byte lengths, in order, fill the flushes exactly.
          const lengths = texts.map((t) => Buffer.byteLength(t, 'utf8')).filter((n) => n > 0);
          for (const chunk of flushed) {
            expect(chunk.length).toBeGreaterThan(0);
            let taken = 0;
            while (taken < chunk.length) taken += lengths.shift() as number;
            expect(taken).toBe(chunk.length);
            // Only a text longer than the buffer makes a flush longer than the buffer.
            if (chunk.length > size)
              expect(texts.some((t) => Buffer.byteLength(t, 'utf8') === chunk.length)).toBe(true);
          }
        },
      ),
    );
  });
});
