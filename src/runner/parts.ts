import { closeSync, existsSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { TableName } from '../scenarios/schema.js';
import { jobKey, type Job } from './jobs.js';
import type { RunRow } from './run-totals.js';

/** Where a run's rows of one table are in that table's file. */
interface TableExtent {
  rows: number;
  /** Offset and length pairs, in the order the rows were written. */
  readonly ranges: number[];
}

type Extents = Partial<Record<TableName, TableExtent>>;

/** A line of `runs.jsonl`: a finished run, its runs.csv row and where its rows are. */
interface DoneRecord {
  readonly point: number;
  readonly run: number;
  readonly row: RunRow;
  readonly tables: Extents;
}

interface TableFile {
  readonly path: string;
  readonly fd: number;
  /** Bytes in the file: where the next append lands. */
  size: number;
  /** Bytes of the header line the file starts with. */
  readonly headerBytes: number;
}

/**
 * Each run's rows as they are produced, in one file per table that all runs append to
 * (`parts/<table>.csv`, which starts with the table's header line), and `parts/runs.jsonl`: a line
 * per finished run, written after its rows, with its runs.csv row and where its rows are in each
 * file. A run without a line is unfinished: `--resume` runs it again, and the bytes it left are
 * never read.
 *
 * One file per table rather than a directory per run: creating a directory and a file per table
 * and run cost about 0.25 ms each on a virtual machine's disk, and a sweep of thousands of short
 * runs spent most of its main thread on them. Only one thread writes (worker threads post their
 * rows to the main thread), so each append knows where it lands.
 */
export class PartStore {
  private readonly files = new Map<TableName, TableFile>();
  private readonly done = new Map<string, DoneRecord>();
  /** Where the rows are of runs begun and not finished yet. */
  private readonly unfinished = new Map<string, Extents>();
  private readonly doneFd: number;
  private closed = false;

  private constructor(
    readonly root: string,
    headers: Readonly<Partial<Record<TableName, string>>>,
    writable: boolean,
  ) {
    const dir = join(root, 'parts');
    const fresh = !existsSync(join(dir, 'runs.jsonl'));
    if (fresh && !writable) throw new Error(`no parts in ${root}`);
    if (fresh) mkdirSync(dir, { recursive: true });
    const flags = writable ? 'a+' : 'r';
    for (const [table, header] of Object.entries(headers) as [TableName, string][]) {
      const path = join(dir, `${table}.csv`);
      const fd = openSync(path, fresh ? 'w+' : flags);
      const headerBytes = Buffer.byteLength(header);
      if (fresh) writeAll(fd, Buffer.from(header));
      this.files.set(table, { path, fd, size: fstatSync(fd).size, headerBytes });
    }
    this.doneFd = openSync(join(dir, 'runs.jsonl'), fresh ? 'w+' : flags);
    this.readDone(writable);
  }

  /**
   * The parts under `root`, made there if there are none (a fresh output, or one of an older
   * layout: its runs are run again). `headers`: each table's header line, which its file starts with.
   */
  static forWriting(root: string, headers: Readonly<Partial<Record<TableName, string>>>): PartStore {
    return new PartStore(root, headers, true);
  }

  /** The parts of a finished shard, to read. */
  static forReading(root: string, headers: Readonly<Partial<Record<TableName, string>>>): PartStore {
    return new PartStore(root, headers, false);
  }

  static exists(root: string): boolean {
    return existsSync(join(root, 'parts', 'runs.jsonl'));
  }

  append(job: Job, table: TableName, bytes: Uint8Array): void {
    const file = this.fileOf(table);
    const key = jobKey(job);
    let extents = this.unfinished.get(key);
    if (!extents) this.unfinished.set(key, (extents = {}));
    const extent = (extents[table] ??= { rows: 0, ranges: [] });
    writeAll(file.fd, bytes);
    const ranges = extent.ranges;
    // Appends that follow one another (a run alone, or one thread's runs in turn) make one range.
    if (ranges.length > 0 && ranges[ranges.length - 2]! + ranges[ranges.length - 1]! === file.size) {
      ranges[ranges.length - 1]! += bytes.length;
    } else ranges.push(file.size, bytes.length);
    file.size += bytes.length;
    extent.rows += countLines(bytes);
  }

  /** The run is finished: its line goes after all its rows, so a line always means whole rows. */
  complete(job: Job, row: RunRow): void {
    const key = jobKey(job);
    const record: DoneRecord = { point: job.point, run: job.run, row, tables: this.unfinished.get(key) ?? {} };
    writeAll(this.doneFd, Buffer.from(`${JSON.stringify(record)}\n`));
    this.unfinished.delete(key);
    this.done.set(key, record);
  }

  /** Its rows are dropped (a run that failed): they stay in the files, never read. */
  drop(job: Job): void {
    this.unfinished.delete(jobKey(job));
  }

  isComplete(job: Pick<Job, 'point' | 'run'>): boolean {
    return this.done.has(jobKey(job));
  }

  runRow(job: Pick<Job, 'point' | 'run'>): RunRow {
    return this.record(job).row;
  }

  /** The rows of a finished run in a table. */
  rows(job: Pick<Job, 'point' | 'run'>, table: TableName): number {
    return this.record(job).tables[table]?.rows ?? 0;
  }

  /** Passes a finished run's rows of a table to `write`, in pieces of at most `chunk`'s length. */
  copyRows(job: Pick<Job, 'point' | 'run'>, table: TableName, chunk: Buffer, write: (bytes: Buffer) => void): void {
    const ranges = this.rangesOf(job, table);
    const file = this.fileOf(table);
    for (let i = 0; i < ranges.length; i += 2) {
      const end = ranges[i]! + ranges[i + 1]!;
      for (let at = ranges[i]!; at < end;) {
        const length = Math.min(chunk.length, end - at);
        readFully(file, chunk, 0, length, at);
        write(chunk.subarray(0, length));
        at += length;
      }
    }
  }

  /** A finished run's rows of a table as text, read into a buffer of their size. */
  text(job: Pick<Job, 'point' | 'run'>, table: TableName): string {
    const ranges = this.rangesOf(job, table);
    let size = 0;
    for (let i = 1; i < ranges.length; i += 2) size += ranges[i]!;
    const bytes = Buffer.allocUnsafe(size);
    const file = this.fileOf(table);
    for (let i = 0, at = 0; i < ranges.length; at += ranges[i + 1]!, i += 2) {
      readFully(file, bytes, at, ranges[i + 1]!, ranges[i]!);
    }
    return bytes.toString('utf8');
  }

  /**
   * Whether the table's file is its header then these runs' rows in this order, and nothing else:
   * then it is the finished table as it stands (a lone run; runs in one thread in turn).
   */
  isExactly(table: TableName, jobs: readonly Pick<Job, 'point' | 'run'>[]): boolean {
    const file = this.fileOf(table);
    let expected = file.headerBytes;
    for (const job of jobs) {
      const ranges = this.rangesOf(job, table);
      for (let i = 0; i < ranges.length; i += 2) {
        if (ranges[i] !== expected) return false;
        expected += ranges[i + 1]!;
      }
    }
    return expected === file.size;
  }

  tablePath(table: TableName): string {
    return this.fileOf(table).path;
  }

  /** Closes the files; the store is not used after. Again is nothing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const file of this.files.values()) closeSync(file.fd);
    closeSync(this.doneFd);
  }

  /** Reads `runs.jsonl` a piece at a time: a sweep of a million runs writes hundreds of megabytes of it. */
  private readDone(writable: boolean): void {
    const chunk = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    let carried = Buffer.alloc(0);
    let wholeBytes = 0;
    for (let at = 0; ;) {
      const read = readSync(this.doneFd, chunk, 0, chunk.length, at);
      if (read === 0) break;
      at += read;
      const text = Buffer.concat([carried, chunk.subarray(0, read)]);
      const end = text.lastIndexOf(10) + 1;
      for (const line of text.subarray(0, end).toString('utf8').split('\n')) {
        const record = line === '' ? null : parseRecord(line);
        if (record !== null && this.holdsRows(record)) this.done.set(jobKey(record), record);
      }
      wholeBytes += end;
      carried = Buffer.from(text.subarray(end));
    }
    // A line cut short (the process killed while writing it) is not a finished run, and the next
    // line must not be written onto its end.
    if (writable && carried.length > 0) ftruncateSync(this.doneFd, wholeBytes);
  }

  /**
   * Whether the files hold all of a finished run's rows. They always do unless the machine itself
   * stopped after the run's line reached the disk and before its rows did; such a run is run again.
   */
  private holdsRows(record: DoneRecord): boolean {
    for (const [table, extent] of Object.entries(record.tables) as [TableName, TableExtent][]) {
      const size = this.files.get(table)?.size ?? 0;
      for (let i = 0; i < extent.ranges.length; i += 2)
        if (extent.ranges[i]! + extent.ranges[i + 1]! > size) return false;
    }
    return true;
  }

  private rangesOf(job: Pick<Job, 'point' | 'run'>, table: TableName): readonly number[] {
    return this.record(job).tables[table]?.ranges ?? [];
  }

  private record(job: Pick<Job, 'point' | 'run'>): DoneRecord {
    const record = this.done.get(jobKey(job));
    if (!record) throw new Error(`run ${job.run} of point ${job.point} is not finished in ${this.root}`);
    return record;
  }

  private fileOf(table: TableName): TableFile {
    const file = this.files.get(table);
    if (!file) throw new Error(`no part file for the ${table} table in ${this.root}`);
    return file;
  }
}

/** How much of runs.jsonl is read at a time. */
const READ_CHUNK_BYTES = 1024 * 1024;

/** A line of runs.jsonl, or null for one that is not a whole record (a disk's damage: the run is run again). */
function parseRecord(line: string): DoneRecord | null {
  try {
    const record = JSON.parse(line) as DoneRecord;
    const whole =
      Number.isInteger(record.point) &&
      Number.isInteger(record.run) &&
      typeof record.tables === 'object' &&
      record.tables !== null;
    return whole ? record : null;
  } catch {
    return null;
  }
}

/** `length` bytes of the file from `position` into `into` at `offset`: readSync may read fewer at a time. */
function readFully(file: TableFile, into: Buffer, offset: number, length: number, position: number): void {
  for (let done = 0; done < length;) {
    const read = readSync(file.fd, into, offset + done, length - done, position + done);
    if (read === 0) throw new Error(`${file.path} ends before a run's rows`);
    done += read;
  }
}

/** writeSync may write fewer bytes than it was given: this writes the rest. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
}

/** Line feeds in `bytes`: one per row. */
function countLines(bytes: Uint8Array): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let lines = 0;
  for (let at = buffer.indexOf(10); at >= 0; at = buffer.indexOf(10, at + 1)) lines += 1;
  return lines;
}
