import type { EraResult } from '../mechanism/era.js';
import type { MechanismEvent } from '../mechanism/events.js';
import type { EraReport } from '../mechanism/report.js';
import type { Miner } from '../mechanism/types.js';
import { formatPha } from '../mechanism/units.js';
import { formatDecimal, type RunId } from './era-metrics.js';
import type { LastMinerSums, MinerSums } from './miner-sums.js';
import { mapPacked } from '../mechanism/packed-arrays.js';
import { TextsByIndex } from './texts-by-index.js';

/**
 * What a run's per-era tables share: which group each agent belongs to (the group columns of
 * clusters.csv and groups.csv), and the era's miner sums.
 */
export interface TableContext {
  /** Miner id → index of its group in `minerGroupNames` (group names are unique). */
  readonly minerGroups: ReadonlyMap<string, number>;
  /** Group indices by miner slot, −1 for none, filled as slots appear (a look-up by id per miner per era is slow). */
  readonly groupBySlot: number[];
  readonly minerGroupNames: readonly string[];
  readonly clusterGroups: ReadonlyMap<string, string>;
  /** k: bracket k is the top one. */
  readonly bracketCount: number;
  /** This era's miner sums, worked out once for the three tables that read them. */
  readonly sums: LastMinerSums;
  /** The clusters table's number cells as last written, by cluster (ClusterTexts). */
  readonly clusterTexts: ClusterTexts;
}

/** The clusters table's cells that are remembered by cluster index. */
export class ClusterTexts {
  readonly stake = new TextsByIndex(formatPha);
  readonly cap = new TextsByIndex(formatPha);
  readonly budget = new TextsByIndex(formatSix);
  readonly allocated = new TextsByIndex(formatSix);
  readonly quality = new TextsByIndex(formatSix);
}

function formatSix(value: number): string {
  return formatDecimal(value, 6);
}

/** The era's miner sums (miner-sums.ts), by group as this context knows the groups. */
export function minerSumsOf(result: EraResult, context: TableContext): MinerSums {
  const bySlot = context.groupBySlot;
  addNewSlots(bySlot, result.state.miners, context.minerGroups);
  return context.sums.of(result, { bySlot, count: context.minerGroupNames.length, bracketCount: context.bracketCount });
}

/**
 * The groups of the miners that took a slot since last era. A function of its own: as a loop of the
 * function above (40,000 new slots in an early era at M), it was compiled with the call after it,
 * which had not run yet, and that code was thrown away in each era that added slots.
 */
function addNewSlots(bySlot: number[], miners: readonly Miner[], minerGroups: ReadonlyMap<string, number>): void {
  for (let slot = bySlot.length; slot < miners.length; slot++) bySlot.push(minerGroups.get(miners[slot]!.id) ?? -1);
}

/** Columns of clusters.csv (docs/outputs.md). */
export const CLUSTER_COLUMNS = [
  'point',
  'run',
  'seed',
  'era',
  'cluster',
  'group',
  'stake',
  'cap',
  'unbonding',
  'stakers',
  'budget',
  'allocated',
  'miners',
  'miners_gained',
  'miners_lost',
  'miners_lost_with_budget',
  'quality',
] as const;

/** Columns of groups.csv (docs/outputs.md). */
export const GROUP_COLUMNS = [
  'point',
  'run',
  'seed',
  'era',
  'group',
  'miners_online',
  'miners_matched',
  'power',
  'mean_bracket',
  'top_bracket_share',
  'v_accrued',
  'slashed',
  'paid',
  'stake_locked',
  'v_outstanding',
] as const;

type Row = Record<string, string | number>;

/** One row per contract cluster per era: its stake, budget, allocation and the churn of its miners. */
export function clusterRows(id: RunId, result: EraResult, context: TableContext): Row[] {
  const { state, report } = result;
  const m = report.matching;
  const { miners, quality } = minerSumsOf(result, context).clusters;
  const texts = context.clusterTexts;
  return mapPacked(state.clusters, (c, i) => ({
    point: id.point,
    run: id.run,
    seed: id.seed,
    era: report.era,
    cluster: c.id,
    group: context.clusterGroups.get(c.id) ?? '',
    stake: texts.stake.text(i, c.stake),
    cap: c.cap === null ? '' : texts.cap.text(i, c.cap),
    unbonding: formatPha(c.unbonding.reduce((sum, u) => sum + u.amount, 0)),
    stakers: c.stakes.size,
    budget: texts.budget.text(i, m.budgets[i] ?? 0),
    allocated: texts.allocated.text(i, m.allocated[i] ?? 0),
    miners: miners[i] as number,
    miners_gained: m.gained[i] ?? 0,
    miners_lost: m.lost[i] ?? 0,
    miners_lost_with_budget: m.lostWithBudget[i] ?? 0,
    quality: texts.quality.text(i, quality[i] as number),
  }));
}

/**
 * An era's flows per miner group, one typed array per measure, indexed by group: objects whose
 * fields turn from small integers to doubles changed shape mid-loop, and V8 threw the loop's
 * optimized code away era after era.
 */
class GroupFlows {
  readonly accrued: Float64Array;
  readonly slashed: Float64Array;
  readonly paid: Float64Array;

  constructor(groups: number) {
    this.accrued = new Float64Array(groups);
    this.slashed = new Float64Array(groups);
    this.paid = new Float64Array(groups);
  }
}

/** One row per miner group per era: who is online, how popular, what it earned, was slashed and was paid. */
export function groupRows(id: RunId, result: EraResult, context: TableContext): Row[] {
  const { report, events } = result;
  const sums = minerSumsOf(result, context).groups;
  const flows = new GroupFlows(context.minerGroupNames.length);
  addCredits(flows, report, context.groupBySlot);
  addPayoutsAndSlashes(flows, events, context.groupBySlot);
  return mapPacked(context.minerGroupNames, (group, g) => {
    const online = sums.online[g] as number;
    return {
      point: id.point,
      run: id.run,
      seed: id.seed,
      era: report.era,
      group,
      miners_online: online,
      miners_matched: sums.matched[g] as number,
      power: sums.power[g] as number,
      mean_bracket: online === 0 ? '' : formatDecimal((sums.brackets[g] as number) / online, 6),
      top_bracket_share: online === 0 ? '' : formatDecimal((sums.top[g] as number) / online, 6),
      v_accrued: formatPha(flows.accrued[g] as number),
      slashed: formatPha(flows.slashed[g] as number),
      paid: formatPha(flows.paid[g] as number),
      stake_locked: formatPha(sums.stake[g] as number),
      v_outstanding: formatPha(sums.outstanding[g] as number),
    };
  });
}

/** What each group's online miners accrued this era. */
function addCredits(sums: GroupFlows, report: EraReport, bySlot: readonly number[]): void {
  const online = report.online;
  for (let i = 0; i < online.length; i++) {
    const g = bySlot[online[i] as number] as number;
    if (g >= 0) sums.accrued[g]! += report.credits[i] ?? 0;
  }
}

/** This era's slashes and payouts by group, from the events (of many shapes: a loop of its own). */
function addPayoutsAndSlashes(sums: GroupFlows, events: readonly MechanismEvent[], bySlot: readonly number[]): void {
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as MechanismEvent;
    if (e.type === 'PayoutsPaid') addPayouts(sums, e, bySlot);
    if (e.type !== 'MinerSlashed' && e.type !== 'FinalPayoutPaid') continue;
    const g = bySlot[e.slot] ?? -1;
    if (g < 0) continue;
    if (e.type === 'MinerSlashed') sums.slashed[g]! += e.amount;
    else sums.paid[g]! += e.fromPool;
  }
}

/** The era's intermediate payouts by group (the event's columns, entry by entry). */
function addPayouts(
  sums: GroupFlows,
  payouts: { readonly slots: Int32Array; readonly paid: Float64Array },
  bySlot: readonly number[],
): void {
  for (let i = 0; i < payouts.slots.length; i++) {
    const g = bySlot[payouts.slots[i] as number] ?? -1;
    if (g >= 0) sums.paid[g]! += payouts.paid[i] as number;
  }
}
