import { describe, expect, it } from 'vitest';
import { allocateBudgets } from '../../src/mechanism/budgets.js';

describe('allocateBudgets (paper §2.1: P_i = s_i / Σs · (1 − α) · P)', () => {
  it('splits (1 − α)·P pro rata to stake', () => {
    // α = 0.1, P = 1000: 900 to share; stakes 5000 : 3000 : 2000 -> 450, 270, 180 (hand calculation).
    const { reservedPower, budgets } = allocateBudgets([5000, 3000, 2000], 0.1, 1000);
    expect(reservedPower).toBe(100);
    expect(budgets).toEqual([450, 270, 180]);
  });
  it('keeps whole budgets whole when shares are thirds', () => {
    // 900 · 1/3 = 300 exactly: multiplying before dividing avoids 299.99999999999994.
    expect(allocateBudgets([1, 1, 1], 0.1, 1000).budgets).toEqual([300, 300, 300]);
  });
  it('gives every cluster 0 when no cluster has stake (SPEC §3.2)', () => {
    expect(allocateBudgets([0, 0], 0.25, 800)).toEqual({ reservedPower: 200, budgets: [0, 0] });
  });
  it('reserves everything at α = 1 and nothing at α = 0', () => {
    expect(allocateBudgets([1], 1, 500).budgets).toEqual([0]);
    expect(allocateBudgets([1], 0, 500).budgets).toEqual([500]);
  });
});
