import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextsByIndex } from '../../src/runner/texts-by-index.js';
import { formatPha } from '../../src/mechanism/units.js';

describe('TextsByIndex (the clusters table cells kept by cluster)', () => {
  it('gives the text the format gives, for any values at any indices', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.integer({ min: -3, max: 3 }))), (writes) => {
        const texts = new TextsByIndex(formatPha);
        for (const [index, value] of writes) expect(texts.text(index, value)).toBe(formatPha(value));
      }),
    );
  });

  it('formats a value again only when it changed at its index', () => {
    const formatted: number[] = [];
    const texts = new TextsByIndex((value) => {
      formatted.push(value);
      return String(value);
    });
    for (const [index, value] of [
      [0, 5],
      [1, 5],
      [0, 5],
      [1, 6],
      [0, 5],
      [1, 6],
    ] as const)
      texts.text(index, value);
    expect(formatted).toEqual([5, 5, 6]);
  });
});
