import type { EraResult } from '../mechanism/era.js';
import type { MechanismEvent } from '../mechanism/events.js';
import { isOnlineAt, netPromiseAt, STATE_CODE } from '../mechanism/miner-columns.js';
import { formatPha, type Units } from '../mechanism/units.js';
import { formatDecimal, type RunId } from './era-metrics.js';

/** Which group each agent belongs to: group columns of clusters.csv and groups.csv. */
export interface TableContext {
  /** Miner id → index of its group in `minerGroupNames` (group names are unique). */
  readonly minerGroups: ReadonlyMap<string, number>;
  /** Group indices by miner slot, −1 for none, filled as slots appear (a look-up by id per miner per era is slow). */
  readonly groupBySlot: number[];
  readonly minerGroupNames: readonly string[];
  readonly clusterGroups: ReadonlyMap<string, string>;
  /** k: bracket k is the top one. */
  readonly bracketCount: number;
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
  const miners = state.clusters.map(() => 0);
  const quality = state.clusters.map(() => 0);
  const columns = state.minerColumns;
  const { cluster, confidence, performance } = columns;
  for (let slot = 0; slot < state.miners.length; slot++) {
    const c = cluster[slot] as number;
    if (c < 0 || !isOnlineAt(columns, slot)) continue;
    miners[c]! += 1;
    quality[c]! += (confidence[slot] as number) * (performance[slot] as number);
  }
  return state.clusters.map((c, i) => ({
    point: id.point,
    run: id.run,
    seed: id.seed,
    era: report.era,
    cluster: c.id,
    group: context.clusterGroups.get(c.id) ?? '',
    stake: formatPha(c.stake),
    cap: c.cap === null ? '' : formatPha(c.cap),
    unbonding: formatPha(c.unbonding.reduce((sum, u) => sum + u.amount, 0)),
    stakers: c.stakes.size,
    budget: formatDecimal(m.budgets[i] ?? 0, 6),
    allocated: formatDecimal(m.allocated[i] ?? 0, 6),
    miners: miners[i] as number,
    miners_gained: m.gained[i] ?? 0,
    miners_lost: m.lost[i] ?? 0,
    miners_lost_with_budget: m.lostWithBudget[i] ?? 0,
    quality: formatDecimal(quality[i] as number, 6),
  }));
}

interface GroupSums {
  online: number;
  matched: number;
  power: number;
  brackets: number;
  top: number;
  accrued: Units;
  slashed: Units;
  paid: Units;
  stake: Units;
  outstanding: Units;
}

/** One row per miner group per era: who is online, how popular, what it earned, was slashed and was paid. */
export function groupRows(id: RunId, result: EraResult, context: TableContext): Row[] {
  const { state, report, events } = result;
  const sums: GroupSums[] = context.minerGroupNames.map(() => ({
    online: 0,
    matched: 0,
    power: 0,
    brackets: 0,
    top: 0,
    accrued: 0,
    slashed: 0,
    paid: 0,
    stake: 0,
    outstanding: 0,
  }));
  const bySlot = context.groupBySlot;
  for (let slot = bySlot.length; slot < state.miners.length; slot++)
    bySlot.push(context.minerGroups.get(state.miners[slot]!.id) ?? -1);
  const columns = state.minerColumns;
  const { stakeLocked, performance, bracket, state: states } = columns;
  for (let slot = 0; slot < state.miners.length; slot++) {
    const g = sums[bySlot[slot] as number];
    if (!g) continue;
    g.stake += stakeLocked[slot] as number;
    const code = states[slot] as number;
    if (code !== STATE_CODE.Stopped) g.outstanding += Math.max(0, netPromiseAt(columns, slot));
    if (!isOnlineAt(columns, slot)) continue;
    g.online += 1;
    g.power += performance[slot] as number;
    g.brackets += bracket[slot] as number;
    if (bracket[slot] === context.bracketCount) g.top += 1;
    if (code === STATE_CODE.Active) g.matched += 1;
  }
  const online = report.online;
  for (let i = 0; i < online.length; i++) {
    const g = sums[bySlot[online[i] as number] as number];
    if (g) g.accrued += report.credits[i] ?? 0;
  }
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as MechanismEvent;
    if (e.type !== 'MinerSlashed' && e.type !== 'PayoutPaid' && e.type !== 'FinalPayoutPaid') continue;
    const g = sums[bySlot[e.slot] ?? -1];
    if (!g) continue;
    if (e.type === 'MinerSlashed') g.slashed += e.amount;
    else g.paid += e.type === 'PayoutPaid' ? e.paid : e.fromPool;
  }
  return sums.map((g, index) => ({
    point: id.point,
    run: id.run,
    seed: id.seed,
    era: report.era,
    group: context.minerGroupNames[index] as string,
    miners_online: g.online,
    miners_matched: g.matched,
    power: g.power,
    mean_bracket: g.online === 0 ? '' : formatDecimal(g.brackets / g.online, 6),
    top_bracket_share: g.online === 0 ? '' : formatDecimal(g.top / g.online, 6),
    v_accrued: formatPha(g.accrued),
    slashed: formatPha(g.slashed),
    paid: formatPha(g.paid),
    stake_locked: formatPha(g.stake),
    v_outstanding: formatPha(g.outstanding),
  }));
}
