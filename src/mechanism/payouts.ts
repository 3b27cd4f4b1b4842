import { drawFromSubsidyPool, sinkSlashed, type SlashSink } from './ledger.js';
import { netPromise, stakePlusNet, type Ledger, type Miner } from './types.js';
import type { Units } from './units.js';

/**
 * The cap on an intermediate payout (paper §4, "Intermediate Payouts"):
 *   w_it ≤ Σ_{τ≤t} [f + g − s] − Σ_{τ<t} w,  and w_it ≥ 0.
 * Call it after this era's accrual and slashes are booked.
 *
 * Example: accrued 100, slashed 30, paid 50 before: a request of 40 is capped at 20.
 */
export function capPayout(miner: Miner, requested: Units): Units {
  return Math.max(0, Math.min(requested, netPromise(miner)));
}

export interface PayoutOutcome {
  readonly requested: Units;
  readonly paid: Units;
  readonly unpaid: Units;
}

/**
 * Draws an intermediate payout from the subsidy pool; the caller hands `paid` to the miner's payee
 * (its operator, or its stake pool). Only what was paid is booked as w, so a claim the pool could
 * not meet stays claimable (SPEC §3.8).
 */
export function payIntermediate(miner: Miner, requested: Units, ledger: Ledger): PayoutOutcome {
  const capped = capPayout(miner, requested);
  const { paid, unpaid } = drawFromSubsidyPool(ledger, capped);
  miner.paid += paid;
  return { requested: capped, paid, unpaid };
}

/**
 * Exclusion (paper §4, "Final Payout"): a miner is excluded iff S + Σ(f + g − s − w) ≤ 0.
 * Its remaining locked stake is forfeited to the sink (SPEC §3.8).
 * @returns the units forfeited, or null if the miner stays.
 */
export function excludeIfExhausted(miner: Miner, ledger: Ledger, sink: SlashSink): Units | null {
  if (stakePlusNet(miner) > 0) return null;
  const forfeited = miner.stakeLocked;
  miner.stakeLocked = 0;
  miner.state = 'Stopped';
  sinkSlashed(ledger, sink, forfeited);
  return forfeited;
}

export interface FinalPayout {
  /** W = S + Σ(f + g − s − w). */
  readonly due: Units;
  readonly stakeReturned: Units;
  readonly fromPool: Units;
  readonly unpaid: Units;
}

/**
 * The final payout after cool-down (paper §4): W = S + Σ(f + g − s − w), made of the stake still
 * locked plus the rest from the subsidy pool (SPEC §3.8); the caller hands both to the payee. What
 * the pool cannot pay is recorded as unpaid.
 *
 * Example: S = 1000, accrued 300, slashed 50, paid 100: W = 1150: 1000 from the stake, 150 from
 * the pool.
 */
export function settleFinalPayout(miner: Miner, ledger: Ledger, sink: SlashSink): FinalPayout {
  const due = stakePlusNet(miner);
  const stakeReturned = Math.min(miner.stakeLocked, Math.max(due, 0));
  // Unreachable by the invariant in slashMiner, kept so that no unit can go astray.
  sinkSlashed(ledger, sink, miner.stakeLocked - stakeReturned);
  miner.stakeLocked = 0;
  const { paid: fromPool, unpaid } = drawFromSubsidyPool(ledger, Math.max(due - stakeReturned, 0));
  miner.state = 'Stopped';
  return { due, stakeReturned, fromPool, unpaid };
}
