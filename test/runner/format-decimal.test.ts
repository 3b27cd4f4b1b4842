import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../../src/runner/era-metrics.js';

/**
 * The rule as a reader would write it: fixed digits, then trailing zeros and a bare point dropped,
 * and a negative that rounds to zero written 0.
 */
function reference(x: number, digits: number): string {
  if (Number.isInteger(x)) return String(x);
  const fixed = x.toFixed(digits);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

describe('formatDecimal (powers, shares and statistics in the CSV tables)', () => {
  it('trims trailing zeros and a bare point', () => {
    expect(formatDecimal(0.1 + 0.2, 6)).toBe('0.3');
    expect(formatDecimal(2.5, 6)).toBe('2.5');
    expect(formatDecimal(-0.0000004, 6)).toBe('0');
    expect(formatDecimal(-0.0000006, 6)).toBe('-0.000001');
    expect(formatDecimal(-0.4, 0)).toBe('0');
    expect(formatDecimal(1234.0000001, 6)).toBe('1234');
    expect(formatDecimal(7, 9)).toBe('7');
    expect(formatDecimal(0.123456789, 9)).toBe('0.123456789');
  });

  it('agrees with the plain rule on any finite number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 12 }), (x, digits) => {
        expect(formatDecimal(x, digits)).toBe(reference(x, digits));
      }),
      { numRuns: 2000 },
    );
  });
});
