import { describe, expect, it } from 'vitest';
import { StatsGrid, studentT95 } from '../../src/runner/summary.js';
import { guardCell } from '../../src/runner/csv-table.js';

describe('StatsGrid (summary.csv)', () => {
  it('gives the mean, sample sd and t interval of each cell, the cells apart', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample variance 32/7, sd 2.138090; t(7) = 2.365:
    // half-width 2.365 × 2.138090 / √8 = 1.787776 (hand calculation).
    const s = new StatsGrid(3);
    for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) {
      s.add(1, x);
      s.add(2, 10 * x);
    }
    const r = s.result(1);
    expect(r.n).toBe(8);
    expect(r.mean).toBeCloseTo(5, 12);
    expect(r.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(r.high! - r.mean!).toBeCloseTo((2.365 * Math.sqrt(32 / 7)) / Math.sqrt(8), 12);
    expect(s.result(2).mean).toBeCloseTo(50, 12);
    expect(s.result(2).sd).toBeCloseTo(10 * Math.sqrt(32 / 7), 12);
    expect(s.result(0)).toEqual({ n: 0, mean: null, sd: null, low: null, high: null });
  });
  it('leaves sd and interval empty for a single run', () => {
    const s = new StatsGrid(1);
    s.add(0, 3);
    expect(s.result(0)).toEqual({ n: 1, mean: 3, sd: null, low: null, high: null });
  });
  it("uses Student's t from the standard table, normal in the limit", () => {
    expect(studentT95(1)).toBe(12.706);
    expect(studentT95(9)).toBe(2.262);
    expect(studentT95(45)).toBe(2.021);
    expect(studentT95(5000)).toBe(1.96);
  });
});

describe('guardCell (no cell a spreadsheet would run as a formula)', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1+1', "'+1+1"],
    ['@x', "'@x"],
    ['-abc', "'-abc"],
    ['-12.500000', '-12.500000'],
    ['pool-1', 'pool-1'],
  ])('%j -> %j', (input, output) => {
    expect(guardCell(input)).toBe(output);
  });
});
