import type { TableName } from '../scenarios/schema.js';
import { RowRecorder, RowReplayer, type RecordedRows } from './row-recorder.js';
import { CsvRowWriter, type RowWriter } from './row-writer.js';

/**
 * Where a run's output goes: its tables' rows (no header), as CSV in UTF-8 bytes (`write`, lent for
 * the call only: the run reuses the buffer), or recorded for another thread to write (`record`).
 */
export type RunSink =
  { write(table: TableName, bytes: Uint8Array): void } | { record(table: TableName, rows: RecordedRows): void };

/** One table's rows of a run, era by era. */
export interface TableOutput {
  readonly writer: RowWriter;
  /** Starts an era: `lead` is the text of the cells every row of it starts with. */
  startEra(lead: string): void;
  endEra(): void;
  /** Hands over what is left, at the end of the run. */
  finish(): void;
}

/** A table's output to `sink`, as text or recorded as the sink takes it. */
export function tableOutput(table: TableName, sink: RunSink): TableOutput {
  return 'record' in sink
    ? new RecordedOutput((rows) => sink.record(table, rows))
    : new TextOutput((bytes) => sink.write(table, bytes));
}

/** Rows written as CSV in this thread, handed over as bytes about every 256 KiB. */
class TextOutput implements TableOutput {
  private readonly buffer: ChunkBuffer;
  // Each few hundred rows' text goes to bytes as soon as it is written (CsvRowWriter `spill`).
  readonly writer = new CsvRowWriter((text) => this.buffer.add(text));

  constructor(flush: (bytes: Uint8Array) => void) {
    this.buffer = new ChunkBuffer(flush);
  }

  startEra(lead: string): void {
    this.writer.startEra(lead);
  }

  endEra(): void {
    const text = this.writer.take();
    if (text !== '') this.buffer.add(text);
  }

  finish(): void {
    this.buffer.drain();
  }
}

/** Cells recorded before they are handed over: about a megabyte of arrays. */
const RECORDED_CHUNK = 1 << 17;

/** Rows recorded, handed over every RECORDED_CHUNK cells or so, at the end of an era. */
class RecordedOutput implements TableOutput {
  readonly writer = new RowRecorder();

  constructor(private readonly hand: (rows: RecordedRows) => void) {}

  startEra(lead: string): void {
    this.writer.startEra(lead);
  }

  endEra(): void {
    if (this.writer.size >= RECORDED_CHUNK) this.hand(this.writer.take());
  }

  finish(): void {
    if (this.writer.size > 0) this.hand(this.writer.take());
  }
}

/**
 * The other end of a RecordedOutput: writes the rows it recorded as CSV, and hands the bytes to
 * `flush` about every 256 KiB. One per table of a run, fed its recordings in order.
 */
export class RecordedRowsWriter {
  private readonly replayer = new RowReplayer();
  private readonly output: TextOutput;

  constructor(flush: (bytes: Uint8Array) => void) {
    this.output = new TextOutput(flush);
  }

  add(rows: RecordedRows): void {
    // A recording is of whole eras (RecordedOutput hands over at an era's end).
    this.replayer.replay(rows, this.output.writer);
    this.output.endEra();
  }

  finish(): void {
    this.output.finish();
  }
}

/**
 * The tables of runs that hand their rows over recorded, written as CSV: a RecordedRowsWriter per
 * run and table, made when the table's first recording comes. `append` takes the bytes.
 */
export class RecordedTables<Run> {
  private readonly byRun = new Map<Run, Map<TableName, RecordedRowsWriter>>();

  constructor(private readonly append: (run: Run, table: TableName, bytes: Uint8Array) => void) {}

  add(run: Run, table: TableName, rows: RecordedRows): void {
    let tables = this.byRun.get(run);
    if (!tables) this.byRun.set(run, (tables = new Map()));
    let writer = tables.get(table);
    if (!writer) tables.set(table, (writer = new RecordedRowsWriter((bytes) => this.append(run, table, bytes))));
    writer.add(rows);
  }

  /** Writes what is left of the run's tables. */
  finish(run: Run): void {
    for (const writer of this.byRun.get(run)?.values() ?? []) writer.finish();
    this.byRun.delete(run);
  }

  /** Forgets a run's rows (a failed run, whose parts are not kept). */
  drop(run: Run): void {
    this.byRun.delete(run);
  }
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
