import { describe, expect, it, vi } from 'vitest';
import { PairMemo } from '../../src/mechanism/pair-memo.js';

describe('PairMemo', () => {
  it('computes each pair once and tells pairs apart', () => {
    const compute = vi.fn((a: number, b: number) => a * 10 + b);
    const memo = new PairMemo(compute);
    expect([memo.get(1, 2), memo.get(2, 1), memo.get(1, 2), memo.get(0.5, 2), memo.get(1, 2)]).toEqual([
      12, 21, 12, 7, 12,
    ]);
    expect(compute).toHaveBeenCalledTimes(3);
  });

  it('remembers nothing when the computation throws', () => {
    let calls = 0;
    const memo = new PairMemo(() => {
      calls += 1;
      throw new Error('negative');
    });
    expect(() => memo.get(1, 1)).toThrow('negative');
    expect(() => memo.get(1, 1)).toThrow('negative');
    expect(calls).toBe(2);
  });
});
