import type { Intent } from './intents.js';
import type { Units } from './units.js';

/** A delegator's withdrawal from a pool, queued or paid. */
export interface WithdrawalEvent {
  readonly pool: string;
  readonly delegator: string;
  readonly amount: Units;
  /**
   * The delegator's account position and the pool's index: numbers that stand for the two ids for
   * the whole run, by which the events table finds what it wrote for them (RowWriter.joined).
   */
  readonly account: number;
  readonly poolIndex: number;
}

/** What happened in an era, in past tense (house style); the runner turns them into rows. */
export type MechanismEvent =
  | { readonly type: 'IntentRefused'; readonly intent: Intent; readonly reason: string; readonly scripted: boolean }
  | { readonly type: 'IntentApplied'; readonly intent: Intent; readonly scripted: boolean }
  | (WithdrawalEvent & { readonly type: 'WithdrawalQueued' })
  | (WithdrawalEvent & { readonly type: 'WithdrawalPaid'; readonly fromQueue: boolean })
  | { readonly type: 'PoolForcedToStop'; readonly pool: string; readonly workers: readonly string[] }
  | {
      readonly type: 'MinerSlashed';
      readonly miner: string;
      /** The miner's slot, for tables that sum by slot. */
      readonly slot: number;
      readonly level: number;
      readonly amount: Units;
      readonly fromPromise: Units;
      readonly fromStake: Units;
      readonly uncollected: Units;
    }
  | {
      /**
       * The era's intermediate payouts (step 8), one entry per request in slot order, as columns:
       * a payday pays every miner that asked (S: a thousand every seventh era; M: 40,000), and an
       * event object for each was 6% of an S run. The miner of entry i is the one in `slots[i]`.
       */
      readonly type: 'PayoutsPaid';
      readonly slots: Int32Array;
      readonly requested: Float64Array;
      readonly paid: Float64Array;
      readonly unpaid: Float64Array;
    }
  | { readonly type: 'MinerExcluded'; readonly miner: string; readonly forfeited: Units }
  | {
      readonly type: 'FinalPayoutPaid';
      readonly miner: string;
      /** The miner's slot, for tables that sum by slot. */
      readonly slot: number;
      readonly due: Units;
      readonly stakeReturned: Units;
      readonly fromPool: Units;
      readonly unpaid: Units;
    };
