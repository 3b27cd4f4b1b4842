import type { Scenario } from '../scenarios/load-scenario.js';
import type { TableName } from '../scenarios/schema.js';
import type { SweepValue } from '../scenarios/sweep.js';
import { csvText } from './csv-text.js';
import type { Job } from './jobs.js';
import { RunTotals, type RunRow } from './run-totals.js';
import { eraRow } from './era-metrics.js';
import { simulateRun } from './simulate-run.js';
import { minerSumsOf } from './cluster-tables.js';
import { columnsWithAxes, ERA_TABLES, tableContext } from './tables.js';

/** What a run needs besides its scenario: the same for every run of an experiment. */
export interface RunSettings {
  readonly check: boolean;
  readonly tables: readonly TableName[];
  /** Swept parameters: names (column headers) and this point's values. */
  readonly axes: readonly string[];
}

/**
 * Where a run's output goes: CSV rows per table (no header) as UTF-8 bytes, then its runs.csv row.
 * The bytes are lent for the call only (the run reuses the buffer): write or copy them then.
 */
export interface RunSink {
  write(table: TableName, bytes: Uint8Array): void;
}

const CHUNK = 1 << 18;

/**
 * A table's rows as UTF-8 bytes, handed to `flush` about every 256 KiB (`size`), a text never split
 * between two flushes (one longer than the buffer goes alone). Each era's text is encoded
 * as soon as it is made, so it dies young: kept as text, a chunk's pieces lived through the
 * collections of young objects until it was sent (copied each time, and promoted), and a worker
 * then flattened and copied the whole chunk to post it.
 */
export class ChunkBuffer {
  private readonly bytes: Buffer;
  private used = 0;

  constructor(
    private readonly flush: (bytes: Uint8Array) => void,
    size = CHUNK,
  ) {
    this.bytes = Buffer.allocUnsafe(size);
  }

  add(text: string): void {
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit: the exact length only near the end.
    const room = this.bytes.length - this.used;
    const size = text.length * 3 <= room ? 0 : Buffer.byteLength(text, 'utf8');
    if (size > room) {
      this.drain();
      if (size > this.bytes.length) {
        this.flush(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.bytes.write(text, this.used, 'utf8');
  }

  drain(): void {
    if (this.used === 0) return;
    this.flush(this.bytes.subarray(0, this.used));
    this.used = 0;
  }
}

/**
 * Runs one job and streams its rows, with the point's swept values in their columns, to `sink`
 * in chunks of about 256 KiB per table. Deterministic: the text depends on the scenario and the
 * job only, never on which worker runs it.
 */
export function executeRun(
  scenario: Scenario,
  job: Job,
  pointValues: readonly SweepValue[],
  settings: RunSettings,
  sink: RunSink,
): RunRow {
  const axisCells = Object.fromEntries(settings.axes.map((name, i) => [name, cell(pointValues[i] as SweepValue)]));
  const columns = Object.fromEntries(
    settings.tables.map((t) => [t, columnsWithAxes(ERA_TABLES[t].columns, settings.axes)]),
  );
  const buffers = Object.fromEntries(
    settings.tables.map((t) => [t, new ChunkBuffer((bytes) => sink.write(t, bytes))]),
  ) as Record<TableName, ChunkBuffer>;
  const totals = new RunTotals();
  const context = tableContext(scenario);
  let last = { point: job.point, run: job.run, seed: job.seed };
  simulateRun(scenario, { point: job.point, run: job.run, check: settings.check }, (id, result) => {
    last = id;
    // Cells every row of this era has, whatever the table: written once per table, not per row.
    const shared = { point: id.point, run: id.run, seed: id.seed, era: result.report.era, ...axisCells };
    const era = eraRow(id, result, minerSumsOf(result, context));
    totals.add(result, era);
    for (const table of settings.tables) {
      const rows = table === 'eras' ? [era] : ERA_TABLES[table].rows(id, result, context);
      if (rows.length === 0) continue;
      buffers[table].add(csvText(rows, columns[table] as string[], shared));
    }
  });
  for (const table of settings.tables) buffers[table].drain();
  return { ...totals.row(last), ...axisCells };
}

/** A swept value as a cell: numbers as they are, strings as given, null as empty. */
export function cell(value: SweepValue): string | number {
  if (value === null) return '';
  return typeof value === 'number' ? value : String(value);
}
