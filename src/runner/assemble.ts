import { closeSync, copyFileSync, linkSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { TableName } from '../scenarios/schema.js';
import type { SweepValue } from '../scenarios/sweep.js';
import { formatDecimal } from './era-metrics.js';
import { csvText, headerText } from './csv-text.js';
import { cell } from './execute-run.js';
import type { Job } from './jobs.js';
import { writeAll, type PartStore } from './parts.js';
import { RUN_COLUMNS } from './run-totals.js';
import { StatsGrid } from './summary.js';
import { ChunkBuffer } from './table-output.js';
import { columnsWithAxes, ERA_TABLES, ID_COLUMNS } from './tables.js';
import { ERA_COLUMNS } from './era-metrics.js';

/**
 * What assembling an output needs, kept beside the parts as `experiment.json`: everything about
 * the experiment that fixes its bytes. Resume and merge accept only parts whose record matches.
 */
export interface ExperimentRecord {
  readonly tool: 'phala-sim';
  readonly version: string;
  readonly scenario: { readonly name: string; readonly file: string; readonly sha256: string };
  readonly seed: number;
  readonly sets: readonly string[];
  readonly tables: readonly TableName[];
  readonly bom: boolean;
  readonly axes: readonly string[];
  readonly points: readonly {
    readonly values: readonly SweepValue[];
    readonly runs: number;
    readonly eras: number;
    readonly seeds: readonly number[];
  }[];
  /** The command that reproduces these bytes (options that do not change them left out). */
  readonly command: string;
}

export function jobsOf(record: ExperimentRecord): Job[] {
  const jobs: Job[] = [];
  record.points.forEach((p, point) => {
    for (let run = 0; run < p.runs; run++) jobs.push({ index: jobs.length, point, run, seed: p.seeds[run] as number });
  });
  return jobs;
}

/** Each per-era table's header line, which its part file starts with. */
export function partHeaders(
  record: Pick<ExperimentRecord, 'tables' | 'axes' | 'bom'>,
): Partial<Record<TableName, string>> {
  return Object.fromEntries(
    record.tables.map((t) => [t, headerText(columnsWithAxes(ERA_TABLES[t].columns, record.axes), record.bom)]),
  );
}

/**
 * Writes the final tables into `dir` from the parts of `jobs` (in canonical order), then the
 * derived tables and the manifest. The same parts give the same bytes, however many workers or
 * shards produced them. `storeOf` names the parts holding each run: the store in `dir` itself, or
 * a merge's shards. The parts stay (`removeParts` once they are closed): an assembly cut short (a
 * full disk) can be run again.
 */
export function assemble(
  dir: string,
  record: ExperimentRecord,
  jobs: readonly Job[],
  storeOf: (job: Job) => PartStore,
): { name: string; rows: number }[] {
  const files: { name: string; rows: number }[] = [];
  const headers = partHeaders(record);
  for (const table of record.tables) {
    const file = ERA_TABLES[table].file;
    files.push({ name: file, rows: writePartTable(join(dir, file), headers[table]!, table, jobs, storeOf) });
  }
  const runRows = jobs.map((j) => storeOf(j).runRow(j));
  files.push({
    name: 'runs.csv',
    rows: writeTable(
      join(dir, 'runs.csv'),
      columnsWithAxes(['point', 'run', 'seed', ...RUN_COLUMNS], record.axes, 3),
      runRows,
      record.bom,
    ),
  });
  const pointRows = [...new Set(jobs.map((j) => j.point))].map((point) => {
    const p = record.points[point]!;
    return {
      point,
      ...Object.fromEntries(record.axes.map((a, i) => [a, cell(p.values[i] as SweepValue)])),
      runs: p.runs,
      eras: p.eras,
    };
  });
  files.push({
    name: 'points.csv',
    rows: writeTable(join(dir, 'points.csv'), ['point', ...record.axes, 'runs', 'eras'], pointRows, record.bom),
  });
  files.push({ name: 'summary.csv', rows: writeSummary(join(dir, 'summary.csv'), record, jobs, storeOf) });
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifestOf(record, files), null, 2)}\n`);
  return [...files, { name: 'manifest.json', rows: 0 }];
}

/** What an output keeps until it is whole: the parts (closed first) and the experiment's record. */
export function removeParts(dir: string): void {
  rmSync(join(dir, 'parts'), { recursive: true, force: true });
  // A directory per run, as an output begun by a version before the shared part files kept them.
  rmSync(join(dir, 'runs'), { recursive: true, force: true });
  rmSync(join(dir, 'experiment.json'), { force: true });
}

function manifestOf(record: ExperimentRecord, files: readonly { name: string }[]): object {
  const runs = record.points.reduce((n, p) => n + p.runs, 0);
  return {
    tool: record.tool,
    version: record.version,
    scenario: record.scenario,
    seed: record.seed,
    sets: record.sets,
    points: record.points.length,
    runs,
    // One number when every point runs as long, else one per point.
    eras:
      new Set(record.points.map((p) => p.eras)).size === 1 ? record.points[0]!.eras : record.points.map((p) => p.eras),
    axes: record.axes,
    command: record.command,
    files: files.map((f) => f.name),
  };
}

/**
 * A per-era table: its header, then each run's rows in canonical order; returns the row count.
 * Where the part file is already exactly that (a lone run, or runs in one thread in turn), the
 * table is that file, linked under its own name: a large run's table (L's delegators.csv is 3.3 GB)
 * is not copied. Otherwise the rows are copied a chunk at a time: a run's rows can pass the 2 GiB
 * a single read may return, and the whole table in memory would only add to the run's peak.
 */
export function writePartTable(
  path: string,
  headerLine: string,
  table: TableName,
  jobs: readonly Job[],
  storeOf: (job: Job) => PartStore,
  chunkBytes = COPY_CHUNK_BYTES,
): number {
  const rows = jobs.reduce((n, job) => n + storeOf(job).rows(job, table), 0);
  const stores = new Set(jobs.map(storeOf));
  const only = stores.size === 1 ? (stores.values().next().value as PartStore) : null;
  if (only !== null && only.isExactly(table, jobs)) {
    linkOrCopy(only.tablePath(table), path);
    return rows;
  }
  const out = openSync(path, 'w');
  try {
    writeAll(out, Buffer.from(headerLine));
    const chunk = Buffer.allocUnsafe(chunkBytes);
    for (const job of jobs) storeOf(job).copyRows(job, table, chunk, (bytes) => writeAll(out, bytes));
  } finally {
    closeSync(out);
  }
  return rows;
}

/**
 * The file under a second name: a hard link, or a copy where the file system has none. The part
 * file itself stays until the output is whole, so an assembly cut short can be run again.
 */
function linkOrCopy(from: string, to: string): void {
  // What an assembly cut short wrote goes first: a link is never made over a file.
  rmSync(to, { force: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

const COPY_CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * The rows of a CSV text as arrays of cells. A cell holding a comma, quote or line feed is always
 * quoted, so a text without a quote is its lines split at commas: summary.csv reads every eras
 * part, and csv-parse took most of the time of assembling a sweep's output. A text with a quote
 * (a swept string value may need one) goes to csv-parse.
 */
export function csvCells(text: string): string[][] {
  if (text.includes('"')) return parse(text) as string[][];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split(','));
}

function writeTable(
  path: string,
  columns: readonly string[],
  rows: readonly Record<string, string | number>[],
  bom: boolean,
): number {
  // The project's direct writer (runner/csv-text.ts, held to csv-stringify's bytes by a property
  // test): csv-stringify took half of assembling a sweep.
  writeFileSync(path, headerText(columns, bom) + csvText(rows, columns));
  return rows.length;
}

/**
 * Adds a run's eras rows (CSV text, one row an era) to the summary's cells, era-major: each metric
 * cell that is not empty, as the number its text says. Text without quotes is read cell by cell
 * where it lies, the era and the metrics only; splitting it into lines and cells first made a
 * string of every cell and was half of assembling an S sweep's summary.
 */
function addEraRows(stats: StatsGrid, text: string, eraAt: number, metricAt: readonly number[]): void {
  const metrics = metricAt.length;
  if (text.includes('"')) {
    for (const r of csvCells(text)) {
      const era = Number(r[eraAt]);
      for (let m = 0; m < metrics; m++) {
        const cell = r[metricAt[m] as number];
        if (cell !== '' && cell !== undefined) stats.add(era * metrics + m, Number(cell));
      }
    }
    return;
  }
  // The metric (or −1) of each cell of a row, and the row's values in metric order.
  const width = Math.max(eraAt, ...metricAt) + 1;
  const metricOfCell = new Int32Array(width).fill(-1);
  metricAt.forEach((at, m) => (metricOfCell[at] = m));
  const values = new Float64Array(metrics);
  const present = new Uint8Array(metrics);
  for (let lineStart = 0; lineStart < text.length;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let era = Number.NaN;
    present.fill(0);
    for (let cell = 0, start = lineStart; cell < width && start <= lineEnd; cell++) {
      let end = text.indexOf(',', start);
      if (end < 0 || end > lineEnd) end = lineEnd;
      const m = metricOfCell[cell] as number;
      if (cell === eraAt) era = Number(text.slice(start, end));
      else if (m >= 0 && end > start) {
        values[m] = Number(text.slice(start, end));
        present[m] = 1;
      }
      start = end + 1;
    }
    for (let m = 0; m < metrics; m++) if (present[m] === 1) stats.add(era * metrics + m, values[m] as number);
    lineStart = lineEnd + 1;
  }
}

/**
 * Per point, era and metric of eras.csv: runs, mean, sd and 95% interval, in long format. Written
 * as it is worked out, an era's rows at a time: a large sweep's summary (110 points of 4,000 eras:
 * eleven million rows) held as rows ran the process out of memory after every run had finished.
 */
function writeSummary(
  path: string,
  record: ExperimentRecord,
  jobs: readonly Job[],
  storeOf: (job: Job) => PartStore,
): number {
  const metrics = ERA_COLUMNS.slice(ID_COLUMNS.length);
  const columns = ['point', 'era', ...record.axes, 'metric', 'runs', 'mean', 'sd', 'ci95_low', 'ci95_high'];
  // Where each metric and the era sit in a row of an eras part (axis columns come after the ids).
  const eraColumns = columnsWithAxes(ERA_COLUMNS, record.axes);
  const eraAt = eraColumns.indexOf('era');
  const metricAt = metrics.map((metric) => eraColumns.indexOf(metric));
  const num = (x: number | null) => (x === null ? '' : formatDecimal(x, 6));
  const jobsByPoint = new Map<number, Job[]>();
  for (const job of jobs) {
    const list = jobsByPoint.get(job.point);
    if (list) list.push(job);
    else jobsByPoint.set(job.point, [job]);
  }
  const out = openSync(path, 'w');
  let written = 0;
  try {
    const chunks = new ChunkBuffer((bytes) => writeAll(out, bytes));
    chunks.add(headerText(columns, record.bom));
    for (const [point, pointJobs] of jobsByPoint) {
      const p = record.points[point]!;
      // One cell per era and metric, era-major.
      const stats = new StatsGrid(p.eras * metrics.length);
      for (const job of pointJobs) addEraRows(stats, storeOf(job).text(job, 'eras'), eraAt, metricAt);
      const axisCells = Object.fromEntries(record.axes.map((a, i) => [a, cell(p.values[i] as SweepValue)]));
      for (let era = 0; era < p.eras; era++) {
        const rows: Record<string, string | number>[] = [];
        metrics.forEach((metric, m) => {
          const r = stats.result(era * metrics.length + m);
          if (r.n === 0) return;
          rows.push({
            point,
            era,
            ...axisCells,
            metric,
            runs: r.n,
            mean: num(r.mean),
            sd: num(r.sd),
            ci95_low: num(r.low),
            ci95_high: num(r.high),
          });
        });
        if (rows.length > 0) chunks.add(csvText(rows, columns));
        written += rows.length;
      }
    }
    chunks.drain();
  } finally {
    closeSync(out);
  }
  return written;
}
