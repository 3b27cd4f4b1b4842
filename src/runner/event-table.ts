import type { EraResult } from '../mechanism/era.js';
import type { MechanismEvent, WithdrawalEvent } from '../mechanism/events.js';
import type { Intent } from '../mechanism/intents.js';
import type { Units } from '../mechanism/units.js';
import type { RowWriter } from './row-writer.js';

/** Columns of events.csv (docs/outputs.md). */
export const EVENT_COLUMNS = ['point', 'run', 'seed', 'era', 'action', 'subject', 'outcome', 'reason'] as const;

/** The script's action names for the intents they become. */
const ACTION_NAMES: Record<Intent['type'], string> = {
  CreateCluster: 'create_cluster',
  JoinMining: 'join',
  LeaveMining: 'leave',
  RequestPayout: 'request_payout',
  CreatePool: 'create_pool',
  AddWorker: 'add_worker',
  StartWorker: 'start_worker',
  StopWorker: 'stop_worker',
  Delegate: 'delegate',
  Withdraw: 'withdraw',
  SetCommission: 'set_commission',
  SetCap: 'set_cap',
  InjectReward: 'reward',
  SetClusterCap: 'set_cluster_cap',
  StakeCluster: 'stake_cluster',
  UnstakeCluster: 'unstake_cluster',
};

/**
 * The era's log: every scripted action with its outcome, every refused agent intent with its reason,
 * and the mechanism's notable events (exclusions, forced stops, queued and paid withdrawals).
 * Routine flows (accruals, slashes, payouts) are summed in eras.csv instead. Cells: action,
 * subject, outcome, reason.
 */
export function writeEventRows(result: EraResult, out: RowWriter): void {
  const events = result.events;
  for (let i = 0; i < events.length; i++) describe(events[i] as MechanismEvent, out);
}

function describe(e: MechanismEvent, out: RowWriter): void {
  switch (e.type) {
    case 'IntentApplied':
      return row(out, ACTION_NAMES[e.intent.type], subjectOf(e.intent), 'applied');
    case 'IntentRefused':
      return row(out, ACTION_NAMES[e.intent.type], subjectOf(e.intent), 'refused', e.reason);
    case 'WithdrawalQueued':
      return withdrawalRow(out, 'withdrawal_queued', e);
    case 'WithdrawalPaid':
      return withdrawalRow(out, e.fromQueue ? 'withdrawal_paid_from_queue' : 'withdrawal_paid', e);
    case 'PoolForcedToStop':
      return row(
        out,
        'forced_stop',
        e.pool,
        `${e.workers.length} workers stopped`,
        'a withdrawal waited past the grace period',
      );
    case 'MinerExcluded':
      return amountRow(out, 'excluded', e.miner, e.forfeited, 'S + Σ(f + g − s − w) ≤ 0');
    default:
      return;
  }
}

function row(out: RowWriter, action: string, subject: string, outcome: string, reason = ''): void {
  out.row();
  out.text(action);
  out.text(subject);
  out.text(outcome);
  out.text(reason);
}

/** A withdrawal's row: its subject `delegator@pool`, its outcome the amount. */
function withdrawalRow(out: RowWriter, action: string, e: WithdrawalEvent): void {
  out.row();
  out.text(action);
  out.joined(e.delegator, '@', e.pool, e.account, e.poolIndex); // M: 3,400 rows an era
  out.amount(e.amount);
  out.text('');
}

/** A row whose outcome is an amount in PHA. */
function amountRow(out: RowWriter, action: string, subject: string, amount: Units, reason = ''): void {
  out.row();
  out.text(action);
  out.text(subject);
  out.amount(amount);
  out.text(reason);
}

/** The thing an intent is about: a cluster, a miner, a pool, or delegator@pool. */
function subjectOf(intent: Intent): string {
  switch (intent.type) {
    case 'CreateCluster':
    case 'SetClusterCap':
      return intent.cluster;
    case 'StakeCluster':
    case 'UnstakeCluster':
      return `${intent.actor}@${intent.cluster}`;
    case 'AddWorker':
    case 'StartWorker':
    case 'StopWorker':
      return intent.miner;
    case 'Delegate':
    case 'Withdraw':
      return `${intent.actor}@${intent.pool}`;
    case 'CreatePool':
    case 'SetCommission':
    case 'SetCap':
    case 'InjectReward':
      return intent.pool;
    default:
      return intent.actor;
  }
}
