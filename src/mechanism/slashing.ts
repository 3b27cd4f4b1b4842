import { drawFromSubsidyPool, sinkSlashed, type SlashSink } from './ledger.js';
import { netPromise, type Ledger, type Miner } from './types.js';
import type { Units } from './units.js';

/** A fault reported for a miner this era, at a severity level the scenario prices. */
export interface Fault {
  readonly miner: string;
  readonly level: number;
  /** The miner's slot, where the caller knows it (the run loop does): saves a look-up by id. */
  readonly slot?: number;
}

export interface SlashOutcome {
  readonly amount: Units;
  /** Part set against the unpaid value promise, moved from the subsidy pool to the sink. */
  readonly fromPromise: Units;
  /** Part taken from the locked stake. */
  readonly fromStake: Units;
  /** Part the subsidy pool could not move (counted as unpaid), or that exceeded the stake. */
  readonly uncollected: Units;
}

/**
 * Applies a slash s_it (paper §4, "Slashing") to a miner. The paper's ledger records the full
 * amount, which counts against S + Σ(f + g − s − w) and so towards exclusion.
 *
 * Decision (SPEC §3.7, how the units move): slashed units go to the sink (treasury, or burned).
 * The slash is first set against the miner's unpaid promise; that part was to be paid from the
 * subsidy pool, so the pool moves it to the sink instead. What exceeds the promise is taken from
 * the locked stake. Hence the stake still locked is always S + min(0, promise), and the final
 * payout W = S + Σ(…) never needs more from the stake than is left of it.
 *
 * Example: S = 100, promise 30, slash 50: 30 moves from the subsidy pool, 20 from the stake;
 * the promise is now −20 and 80 of the stake stays locked (W = 100 − 20 = 80).
 */
export function slashMiner(miner: Miner, amount: Units, ledger: Ledger, sink: SlashSink): SlashOutcome {
  const promise = netPromise(miner);
  const againstPromise = Math.min(amount, Math.max(promise, 0));
  const { paid: fromPromise, unpaid } = drawFromSubsidyPool(ledger, againstPromise);
  const fromStake = Math.min(amount - againstPromise, miner.stakeLocked);
  miner.stakeLocked -= fromStake;
  miner.slashed += amount;
  sinkSlashed(ledger, sink, fromPromise + fromStake);
  return { amount, fromPromise, fromStake, uncollected: unpaid + (amount - againstPromise - fromStake) };
}
