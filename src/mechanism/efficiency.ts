/**
 * How close the matching came to problem (P) of paper §3, without a solver (SPEC §3.3).
 *
 * No allocation can exceed the power there is nor the budgets, so
 *   U = min(Σ_j Q_j, Σ_i P_it)
 * bounds (P) from above. With whole-number powers a cluster can use at most ⌊P_it⌋, which
 * tightens the bound to min(Σ_j Q_j, Σ_i ⌊P_it⌋).
 *
 * Example: powers 3, 3, 3 and budgets 4.5, 4.5 give U = min(9, 4 + 4) = 8.
 */
export function matchingUpperBound(powers: ArrayLike<number>, budgets: readonly number[]): number {
  let powerSum = 0;
  let wholePowers = true;
  for (let i = 0; i < powers.length; i++) {
    const q = powers[i] as number;
    powerSum += q;
    if (!Number.isInteger(q)) wholePowers = false;
  }
  return upperBoundOf(powerSum, wholePowers, budgets);
}

/** `matchingUpperBound` from Σ_j Q_j and whether every Q_j is whole, for a caller that has summed them. */
export function upperBoundOf(powerSum: number, wholePowers: boolean, budgets: readonly number[]): number {
  let budgetSum = 0;
  for (const p of budgets) budgetSum += wholePowers ? Math.floor(p) : p;
  return Math.min(powerSum, budgetSum);
}

/** Σ_i B_i / U; `null` when U is 0 (nothing could be allocated, so there is nothing to rate). */
export function matchingEfficiency(allocated: readonly number[], upperBound: number): number | null {
  if (upperBound <= 0) return null;
  let sum = 0;
  for (const b of allocated) sum += b;
  return sum / upperBound;
}
