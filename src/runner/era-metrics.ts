import type { EraResult } from '../mechanism/era.js';
import { supplyGap } from '../mechanism/ledger.js';
import { sumMiners, type MinerSums } from './miner-sums.js';
import { formatPha } from '../mechanism/units.js';

/**
 * Columns of eras.csv, in order. Each is documented in docs/outputs.md (name, unit, meaning).
 */
export const ERA_COLUMNS = [
  'point',
  'run',
  'seed',
  'era',
  'miners_active',
  'miners_matched',
  'clusters',
  'total_power',
  'reserved_power',
  'general_power',
  'allocated_power',
  'budget_total',
  'matching_efficiency',
  'v_accrued',
  'slashed',
  'paid',
  'unpaid',
  'excluded',
  'subsidy_pool',
  'treasury',
  'supply_check',
  'miners_joined',
  'miners_left',
  'miners_cooling_down',
  'intents_refused',
  'miner_stake_locked',
  'cluster_stake',
  'v_outstanding',
  'burned',
] as const;

export type EraRow = Record<(typeof ERA_COLUMNS)[number], string | number>;

export interface RunId {
  readonly point: number;
  readonly run: number;
  readonly seed: number;
}

/**
 * One row of eras.csv. Token amounts in PHA with six decimals, exact; powers as plain numbers.
 * `sums` are the era's miner sums, when the tables have worked them out already.
 */
export function eraRow(id: RunId, result: EraResult, sums: MinerSums = sumMiners(result.state)): EraRow {
  const { state, report } = result;
  const { matching, tally } = report;
  const { matched, cooling, stakeLocked: minerStake, outstanding } = sums;
  const clusterStake = state.clusters.reduce((sum, c) => sum + c.stake, 0);
  const allocated = matching.allocated.reduce((a, b) => a + b, 0);
  const budgetTotal = matching.budgets.reduce((a, b) => a + b, 0);
  return {
    point: id.point,
    run: id.run,
    seed: id.seed,
    era: report.era,
    miners_active: report.online.length,
    miners_matched: matched,
    clusters: state.clusters.length,
    total_power: formatPower(matching.totalPower),
    reserved_power: formatPower(matching.reservedPower),
    general_power: formatPower(matching.totalPower - allocated),
    allocated_power: formatPower(allocated),
    budget_total: formatPower(budgetTotal),
    matching_efficiency: matching.efficiency === null ? '' : formatDecimal(matching.efficiency, 9),
    v_accrued: formatPha(tally.accrued),
    slashed: formatPha(tally.slashed),
    paid: formatPha(tally.paid),
    unpaid: formatPha(tally.unpaid),
    excluded: tally.excluded,
    subsidy_pool: formatPha(state.ledger.subsidyPool),
    treasury: formatPha(state.ledger.treasury),
    supply_check: formatPha(supplyGap(state)),
    miners_joined: tally.joined,
    miners_left: tally.left,
    miners_cooling_down: cooling,
    intents_refused: tally.refused,
    miner_stake_locked: formatPha(minerStake),
    cluster_stake: formatPha(clusterStake),
    v_outstanding: formatPha(outstanding),
    burned: formatPha(state.ledger.burned),
  };
}

function formatPower(x: number): string {
  return formatDecimal(x, 6);
}

/** Fixed decimals with trailing zeros trimmed: no exponent notation, `.` as the separator. */
export function formatDecimal(x: number, digits: number): string {
  if (Number.isInteger(x)) return String(x);
  const fixed = x.toFixed(digits);
  let end = fixed.length;
  if (fixed.includes('.')) {
    // Trailing zeros, then a bare point, trimmed by index: a few cells of every row of three tables.
    while (fixed.charCodeAt(end - 1) === 48) end -= 1; // '0'
    if (fixed.charCodeAt(end - 1) === 46) end -= 1; // '.'
  }
  // A negative that rounds to zero is 0, not "-0".
  return end === 2 && fixed.charCodeAt(0) === 45 && fixed.charCodeAt(1) === 48 ? '0' : fixed.slice(0, end);
}
