import { describe, expect, it } from 'vitest';
import { formatPha, phaToUnits, splitProRata } from '../../src/mechanism/units.js';

describe('phaToUnits (SPEC §1: 1 unit = 10^-6 PHA, credits rounded down)', () => {
  it.each([
    ['whole PHA', 1, 1_000_000],
    ['0.57 PHA is 570000 units, not 569999 (binary noise)', 0.57, 570_000],
    ['0.1 + 0.2 PHA', 0.1 + 0.2, 300_000],
    ['a fraction of a unit rounds down', 0.0000019, 1],
    ['the total supply, 10^9 PHA', 1e9, 1e15],
    ['zero', 0, 0],
  ])('%s', (_name, pha, units) => {
    expect(phaToUnits(pha)).toBe(units);
  });
});

describe('formatPha', () => {
  it.each([
    [1_234_567, '1.234567'],
    [5, '0.000005'],
    [-2_500_000, '-2.500000'],
    [1e15, '1000000000.000000'],
  ])('%d units -> %s', (units, text) => {
    expect(formatPha(units)).toBe(text);
  });
});

describe('splitProRata (SPEC §1: floor to each, remainder to a named receiver)', () => {
  it('gives the remainder to the named receiver and loses nothing', () => {
    // 10 units by weights 1:1:1: floor gives 3 each, the 1 left goes to receiver 0.
    expect(splitProRata(10, [1, 1, 1], 0)).toEqual([4, 3, 3]);
  });
  it('gives all to the named receiver when no weight is positive', () => {
    expect(splitProRata(7, [0, 0], 1)).toEqual([0, 7]);
  });
});
