import type { EraResult } from '../mechanism/era.js';
import { formatPha, type Units } from '../mechanism/units.js';
import { formatDecimal, type EraRow, type RunId } from './era-metrics.js';

/**
 * Columns of runs.csv after point, run, seed and the swept parameters: the run's final state and
 * its totals over all eras (docs/outputs.md).
 */
export const RUN_COLUMNS = [
  'eras',
  'miners_active',
  'miners_matched',
  'clusters',
  'total_power',
  'subsidy_pool',
  'treasury',
  'burned',
  'miner_stake_locked',
  'cluster_stake',
  'v_outstanding',
  'supply_check',
  'mean_matching_efficiency',
  'v_accrued_total',
  'slashed_total',
  'paid_total',
  'unpaid_total',
  'excluded_total',
  'miners_joined_total',
  'miners_left_total',
  'intents_refused_total',
] as const;

export type RunRow = Record<string, string | number>;

/** Sums a run's flows era by era and keeps its last era. */
export class RunTotals {
  private eras = 0;
  private accrued: Units = 0;
  private slashed: Units = 0;
  private paid: Units = 0;
  private unpaid: Units = 0;
  private excluded = 0;
  private joined = 0;
  private left = 0;
  private refused = 0;
  private efficiencySum = 0;
  private efficiencyCount = 0;
  private last: EraRow | null = null;

  /** Adds an era, given its eras.csv row (built once, for the table and for these totals). */
  add(result: EraResult, row: EraRow): void {
    const t = result.report.tally;
    this.eras += 1;
    this.accrued += t.accrued;
    this.slashed += t.slashed;
    this.paid += t.paid;
    this.unpaid += t.unpaid;
    this.excluded += t.excluded;
    this.joined += t.joined;
    this.left += t.left;
    this.refused += t.refused;
    const e = result.report.matching.efficiency;
    if (e !== null) {
      this.efficiencySum += e;
      this.efficiencyCount += 1;
    }
    this.last = row;
  }

  row(id: RunId): RunRow {
    const last = this.last;
    const pick = (key: keyof NonNullable<typeof last>) => (last ? last[key] : '');
    return {
      point: id.point,
      run: id.run,
      seed: id.seed,
      eras: this.eras,
      miners_active: pick('miners_active'),
      miners_matched: pick('miners_matched'),
      clusters: pick('clusters'),
      total_power: pick('total_power'),
      subsidy_pool: pick('subsidy_pool'),
      treasury: pick('treasury'),
      burned: pick('burned'),
      miner_stake_locked: pick('miner_stake_locked'),
      cluster_stake: pick('cluster_stake'),
      v_outstanding: pick('v_outstanding'),
      supply_check: pick('supply_check'),
      mean_matching_efficiency:
        this.efficiencyCount === 0 ? '' : formatDecimal(this.efficiencySum / this.efficiencyCount, 9),
      v_accrued_total: formatPha(this.accrued),
      slashed_total: formatPha(this.slashed),
      paid_total: formatPha(this.paid),
      unpaid_total: formatPha(this.unpaid),
      excluded_total: this.excluded,
      miners_joined_total: this.joined,
      miners_left_total: this.left,
      intents_refused_total: this.refused,
    };
  }
}
