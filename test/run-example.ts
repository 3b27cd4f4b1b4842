import { readFileSync } from 'node:fs';
import type { Row } from '../src/runner/csv-table.js';
import { cell } from '../src/runner/execute-run.js';
import { simulateRun } from '../src/runner/simulate-run.js';
import { ERA_TABLES, tableContext } from '../src/runner/tables.js';
import { loadExperiment } from '../src/scenarios/experiment.js';
import type { TableName } from '../src/scenarios/schema.js';
import type { SweepValue } from '../src/scenarios/sweep.js';

export type ExampleRows = Record<TableName, Row[]>;

/**
 * Runs every point and run of a scenario file in-process, every check on, and returns the rows of
 * every table, each with its point's swept values. `sets` are --set overrides (to shrink it).
 */
export function runScenarioFile(path: string, sets: string[] = []): ExampleRows {
  const url = new URL(`../${path}`, import.meta.url);
  const experiment = loadExperiment(readFileSync(url, 'utf8'), path, sets);
  const rows = Object.fromEntries(Object.keys(ERA_TABLES).map((t) => [t, [] as Row[]])) as ExampleRows;
  experiment.points.forEach((scenario, point) => {
    const axes = Object.fromEntries(
      experiment.sweep.axes.map((a, i) => [a.name, cell(experiment.sweep.points[point]!.values[i] as SweepValue)]),
    );
    const context = tableContext(scenario);
    for (let run = 0; run < scenario.runs; run++) {
      simulateRun(scenario, { point, run, check: true }, (id, result) => {
        for (const table of Object.keys(ERA_TABLES) as TableName[]) {
          rows[table].push(...ERA_TABLES[table].rows(id, result, context).map((r) => ({ ...r, ...axes })));
        }
      });
    }
  });
  return rows;
}

export function pick(rows: Row[], match: Record<string, string | number>): Row[] {
  return rows.filter((r) => Object.entries(match).every(([k, v]) => r[k] === v));
}

export function one(rows: Row[], match: Record<string, string | number>): Row {
  const found = pick(rows, match);
  if (found.length !== 1) throw new Error(`expected one row for ${JSON.stringify(match)}, found ${found.length}`);
  return found[0]!;
}

export function sum(rows: Row[], column: string): number {
  return rows.reduce((s, r) => s + Number(r[column]), 0);
}

export function mean(rows: Row[], column: string): number {
  const values = rows.filter((r) => r[column] !== '').map((r) => Number(r[column]));
  return values.reduce((a, b) => a + b, 0) / values.length;
}
