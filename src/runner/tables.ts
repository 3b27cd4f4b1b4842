import type { EraResult } from '../mechanism/era.js';
import type { TableName } from '../scenarios/schema.js';
import type { Row } from './csv-table.js';
import { ERA_COLUMNS, eraRow, type RunId } from './era-metrics.js';
import { EVENT_COLUMNS, writeEventRows } from './event-table.js';
import { DELEGATOR_COLUMNS, POOL_COLUMNS, writeDelegatorRows, writePoolRows } from './pool-tables.js';
import { RowCollector, type RowWriter } from './row-writer.js';
import {
  CLUSTER_COLUMNS,
  ClusterTexts,
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

/** A per-era table: its file, its columns, and how it writes an era's rows. */
export interface EraTable {
  readonly file: string;
  readonly columns: readonly string[];
  /** Writes the era's rows, each row's own cells (those after the id cells) in column order. */
  write(id: RunId, result: EraResult, context: TableContext, out: RowWriter): void;
  /** The era's rows as objects (RowCollector): for tests, which read cells by name. */
  rows(id: RunId, result: EraResult, context: TableContext): Row[];
}

function eraTable(
  file: string,
  columns: readonly string[],
  write: (id: RunId, result: EraResult, context: TableContext, out: RowWriter) => void,
): EraTable {
  const own = columns.slice(ID_COLUMNS.length);
  return {
    file,
    columns,
    write,
    rows(id, result, context) {
      const ids = { point: id.point, run: id.run, seed: id.seed, era: result.report.era };
      const collector = new RowCollector(ids, own);
      write(id, result, context, collector);
      return collector.finish();
    },
  };
}

/** A table built as row objects (the small ones), written cell by cell. */
function rowsTable(
  file: string,
  columns: readonly string[],
  rows: (id: RunId, result: EraResult, context: TableContext) => readonly Row[],
): EraTable {
  return eraTable(file, columns, (id, result, context, out) => {
    for (const row of rows(id, result, context)) writeRow(row, columns, out);
  });
}

/** One row object's own cells (those after the id columns). */
export function writeRow(row: Readonly<Row>, columns: readonly string[], out: RowWriter): void {
  out.row();
  for (let i = ID_COLUMNS.length; i < columns.length; i++) out.cell(row[columns[i] as string]);
}

/** Every per-era table. */
export const ERA_TABLES: Record<TableName, EraTable> = {
  eras: rowsTable('eras.csv', ERA_COLUMNS, (id, r, c) => [eraRow(id, r, minerSumsOf(r, c))]),
  clusters: rowsTable('clusters.csv', CLUSTER_COLUMNS, clusterRows),
  groups: rowsTable('groups.csv', GROUP_COLUMNS, groupRows),
  events: eraTable('events.csv', EVENT_COLUMNS, (_id, r, _c, out) => writeEventRows(r, out)),
  pools: eraTable('pools.csv', POOL_COLUMNS, (_id, r, _c, out) => writePoolRows(r, out)),
  delegators: eraTable('delegators.csv', DELEGATOR_COLUMNS, (_id, r, _c, out) => writeDelegatorRows(r, out)),
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
    clusterTexts: new ClusterTexts(),
  };
}
