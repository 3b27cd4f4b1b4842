import type { EraResult } from '../mechanism/era.js';
import type { TableName } from '../scenarios/schema.js';
import type { Row } from './csv-table.js';
import { ERA_COLUMNS, eraRow, type RunId } from './era-metrics.js';
import { EVENT_COLUMNS, eventRows } from './event-table.js';
import { DELEGATOR_COLUMNS, delegatorRows, POOL_COLUMNS, poolRows } from './pool-tables.js';
import {
  CLUSTER_COLUMNS,
  clusterRows,
  GROUP_COLUMNS,
  groupRows,
  minerSumsOf,
  type TableContext,
} from './cluster-tables.js';
import { LastMinerSums } from './miner-sums.js';
import type { Scenario } from '../scenarios/load-scenario.js';
import { minerIdsOf, numbered } from '../scenarios/agent-ids.js';

/** The id columns every per-era table starts with; swept parameters follow them. */
export const ID_COLUMNS = ['point', 'run', 'seed', 'era'] as const;

/** Every per-era table: its file, its columns, and its rows for an era. */
export const ERA_TABLES: Record<
  TableName,
  { file: string; columns: readonly string[]; rows: (id: RunId, r: EraResult, c: TableContext) => Row[] }
> = {
  eras: { file: 'eras.csv', columns: ERA_COLUMNS, rows: (id, r, c) => [eraRow(id, r, minerSumsOf(r, c))] },
  clusters: { file: 'clusters.csv', columns: CLUSTER_COLUMNS, rows: clusterRows },
  groups: { file: 'groups.csv', columns: GROUP_COLUMNS, rows: groupRows },
  events: { file: 'events.csv', columns: EVENT_COLUMNS, rows: eventRows },
  pools: { file: 'pools.csv', columns: POOL_COLUMNS, rows: poolRows },
  delegators: { file: 'delegators.csv', columns: DELEGATOR_COLUMNS, rows: delegatorRows },
};

/** id columns, then one column per swept parameter, then the table's own. */
export function columnsWithAxes(
  columns: readonly string[],
  axes: readonly string[],
  idCount: number = ID_COLUMNS.length,
): string[] {
  return [...columns.slice(0, idCount), ...axes, ...columns.slice(idCount)];
}

/** The groups of a scenario's agents, for the group columns. */
export function tableContext(scenario: Scenario): TableContext {
  return {
    minerGroups: new Map(scenario.miners.flatMap((g, index) => minerIdsOf(g).map((id) => [id, index] as const))),
    groupBySlot: [],
    minerGroupNames: scenario.miners.map((g) => g.group),
    clusterGroups: new Map(
      scenario.clusters.flatMap((g) => numbered(g.group, g.count).map((id) => [id, g.group] as const)),
    ),
    bracketCount: scenario.network.brackets,
    sums: new LastMinerSums(),
  };
}
