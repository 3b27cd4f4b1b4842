import { filledPacked, mapPacked } from './packed-arrays.js';

/**
 * Stake-proportional compute budgets (paper §2.1):
 *
 *   P_it = s_it / Σ_j s_jt · (1 − α) · P_t
 *
 * `α · P_t` is reserved for the general cluster (index n+1). With no stake in any contract
 * cluster, every budget is zero and everything goes to the general cluster (SPEC §3.2).
 *
 * Example (paper §2.1): α = 0.1, P = 1000, stakes 5000, 3000, 2000 give budgets 450, 270, 180.
 */
export interface Budgets {
  /** α · P: power reserved for general fat contracts. */
  readonly reservedPower: number;
  /** P_it per cluster, in the order of the stakes given. */
  readonly budgets: readonly number[];
}

export function allocateBudgets(stakes: readonly number[], alpha: number, totalPower: number): Budgets {
  const reservedPower = alpha * totalPower;
  // (1 − α)·P as P − α·P keeps whole-number powers whole when α·P is whole.
  const distributable = totalPower - reservedPower;
  let stakeSum = 0;
  for (const s of stakes) stakeSum += s;
  if (stakeSum <= 0) return { reservedPower, budgets: filledPacked(stakes.length, 0) };
  // Multiply before dividing: a budget whose true value is whole comes out whole.
  const budgets = mapPacked(stakes, (s) => (distributable * s) / stakeSum);
  return { reservedPower, budgets };
}
