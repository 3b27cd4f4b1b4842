import type { ListWork } from '../mechanism/list-work.js';
import type { Scenario } from '../scenarios/load-scenario.js';
import type { TableName } from '../scenarios/schema.js';
import type { SweepValue } from '../scenarios/sweep.js';
import type { Job } from './jobs.js';
import { RunTotals, type RunRow } from './run-totals.js';
import { ERA_COLUMNS, eraRow } from './era-metrics.js';
import { leadText } from './row-writer.js';
import { tableOutput, type RunSink } from './table-output.js';
import { simulateRun } from './simulate-run.js';
import { minerSumsOf } from './cluster-tables.js';
import { ERA_TABLES, tableContext, writeRow } from './tables.js';

/** What a run needs besides its scenario: the same for every run of an experiment. */
export interface RunSettings {
  readonly check: boolean;
  readonly tables: readonly TableName[];
  /** Swept parameters: names (column headers) and this point's values. */
  readonly axes: readonly string[];
  /**
   * Worker threads hand their rows over recorded, for the main thread to write as CSV
   * (row-recorder.ts), not as CSV bytes: set when the main thread has a core to itself.
   */
  readonly recordRows?: boolean;
  /**
   * A run with lists enough may take a helper thread for its list work (runner/list-helper.ts):
   * set when each run has a core to spare (at least twice as many workers as runs).
   */
  readonly listHelper?: boolean;
}

/**
 * Runs one job and streams its rows, with the point's swept values in their columns, to `sink`
 * (as CSV bytes about every 256 KiB per table, or recorded), and returns its runs.csv row.
 * Deterministic: the text depends on the scenario and the job only, never on which worker runs it
 * or which thread writes it.
 */
export function executeRun(
  scenario: Scenario,
  job: Job,
  pointValues: readonly SweepValue[],
  settings: RunSettings,
  sink: RunSink,
  listHelper?: (clusters: number, miners: number) => ListWork | undefined,
): RunRow {
  const axisValues = settings.axes.map((_, i) => cell(pointValues[i] as SweepValue));
  const axisCells = Object.fromEntries(settings.axes.map((name, i) => [name, axisValues[i] as string | number]));
  const outputs = settings.tables.map((table) => [table, tableOutput(table, sink)] as const);
  const totals = new RunTotals();
  const context = tableContext(scenario);
  let last = { point: job.point, run: job.run, seed: job.seed };
  const options = { point: job.point, run: job.run, check: settings.check, ...(listHelper ? { listHelper } : {}) };
  simulateRun(scenario, options, (id, result) => {
    last = id;
    // Cells every row of this era starts with, whatever the table: their text made once.
    const lead = leadText([id.point, id.run, id.seed, result.report.era, ...axisValues]);
    const era = eraRow(id, result, minerSumsOf(result, context));
    totals.add(result, era);
    for (const [table, output] of outputs) {
      output.startEra(lead);
      if (table === 'eras') writeRow(era, ERA_COLUMNS, output.writer);
      else ERA_TABLES[table].write(id, result, context, output.writer);
      output.endEra();
    }
  });
  for (const [, output] of outputs) output.finish();
  return { ...totals.row(last), ...axisCells };
}

/** A swept value as a cell: numbers as they are, strings as given, null as empty. */
export function cell(value: SweepValue): string | number {
  if (value === null) return '';
  return typeof value === 'number' ? value : String(value);
}
