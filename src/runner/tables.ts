import type { EraResult } from '../mechanism/era.js';
import type { TableName } from '../scenarios/schema.js';
import type { Row } from './csv-table.js';
import { ERA_COLUMNS, eraRow, type RunId } from './era-metrics.js';
import { EVENT_COLUMNS, eventRows } from './event-table.js';
import { DELEGATOR_COLUMNS, delegatorRows, POOL_COLUMNS, poolRows } from './pool-tables.js';

/** The id columns every per-era table starts with; swept parameters follow them. */
export const ID_COLUMNS = ['point', 'run', 'seed', 'era'] as const;

/** Every per-era table: its file and its columns after the id columns, and its rows for an era. */
export const ERA_TABLES: Record<TableName, { file: string; columns: readonly string[]; rows: (id: RunId, r: EraResult) => Row[] }> = {
  eras: { file: 'eras.csv', columns: ERA_COLUMNS, rows: (id, r) => [eraRow(id, r)] },
  events: { file: 'events.csv', columns: EVENT_COLUMNS, rows: eventRows },
  pools: { file: 'pools.csv', columns: POOL_COLUMNS, rows: poolRows },
  delegators: { file: 'delegators.csv', columns: DELEGATOR_COLUMNS, rows: delegatorRows },
};

/** id columns, then one column per swept parameter, then the table's own. */
export function columnsWithAxes(columns: readonly string[], axes: readonly string[], idCount: number = ID_COLUMNS.length): string[] {
  return [...columns.slice(0, idCount), ...axes, ...columns.slice(idCount)];
}
