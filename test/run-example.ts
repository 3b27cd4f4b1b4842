import { readFileSync } from 'node:fs';
import type { Row } from '../src/runner/csv-table.js';
import { eventRows } from '../src/runner/event-table.js';
import { delegatorRows, poolRows } from '../src/runner/pool-tables.js';
import { simulateRun } from '../src/runner/simulate-run.js';
import { loadScenario } from '../src/scenarios/experiment.js';

export interface ExampleRows {
  pools: Row[];
  delegators: Row[];
  events: Row[];
}

/** Runs a scenario file in-process with every check on and returns the rows of its pool tables. */
export function runScenarioFile(path: string): ExampleRows {
  const url = new URL(`../${path}`, import.meta.url);
  const scenario = loadScenario(readFileSync(url, 'utf8'), path);
  const rows: ExampleRows = { pools: [], delegators: [], events: [] };
  simulateRun(scenario, { point: 0, run: 0, check: true }, (id, result) => {
    rows.pools.push(...poolRows(id, result));
    rows.delegators.push(...delegatorRows(id, result));
    rows.events.push(...eventRows(id, result));
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
