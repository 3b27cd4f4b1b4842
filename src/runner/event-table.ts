import type { EraResult } from '../mechanism/era.js';
import type { MechanismEvent } from '../mechanism/events.js';
import type { Intent } from '../mechanism/intents.js';
import { formatPha } from '../mechanism/units.js';
import type { RunId } from './era-metrics.js';

/** Columns of events.csv (docs/outputs.md). */
export const EVENT_COLUMNS = ['point', 'run', 'seed', 'era', 'action', 'subject', 'outcome', 'reason'] as const;
type EventRow = Record<(typeof EVENT_COLUMNS)[number], string | number>;

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
 * Routine flows (accruals, slashes, payouts) are summed in eras.csv instead.
 */
export function eventRows(id: RunId, result: EraResult): EventRow[] {
  const rows: EventRow[] = [];
  const row = (action: string, subject: string, outcome: string, reason = ''): void => {
    rows.push({
      point: id.point,
      run: id.run,
      seed: id.seed,
      era: result.report.era,
      action,
      subject,
      outcome,
      reason,
    });
  };
  for (const e of result.events) describe(e, row);
  return rows;
}

function describe(
  e: MechanismEvent,
  row: (action: string, subject: string, outcome: string, reason?: string) => void,
): void {
  switch (e.type) {
    case 'IntentApplied':
      return row(ACTION_NAMES[e.intent.type], subjectOf(e.intent), 'applied');
    case 'IntentRefused':
      return row(ACTION_NAMES[e.intent.type], subjectOf(e.intent), 'refused', e.reason);
    case 'WithdrawalQueued':
      return row('withdrawal_queued', `${e.delegator}@${e.pool}`, formatPha(e.amount));
    case 'WithdrawalPaid':
      return row(
        e.fromQueue ? 'withdrawal_paid_from_queue' : 'withdrawal_paid',
        `${e.delegator}@${e.pool}`,
        formatPha(e.amount),
      );
    case 'PoolForcedToStop':
      return row(
        'forced_stop',
        e.pool,
        `${e.workers.length} workers stopped`,
        'a withdrawal waited past the grace period',
      );
    case 'MinerExcluded':
      return row('excluded', e.miner, formatPha(e.forfeited), 'S + Σ(f + g − s − w) ≤ 0');
    default:
      return;
  }
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
