import { formatPha, type Units } from '../mechanism/units.js';
import type { Row } from './csv-table.js';
import { cellText, textCell } from './csv-text.js';
import { mapPacked } from '../mechanism/packed-arrays.js';

/**
 * Where a per-era table writes its rows, cell by cell in column order: as CSV text (CsvRowWriter),
 * recorded for another thread to write (row-recorder.ts), or as row objects (RowCollector, for
 * tests). A table written once this way gives the same rows to each, and makes no row objects of
 * its own: at M, building a pools row object and then reading it back for its text took as long as
 * writing the text.
 *
 * The cells every row of an era starts with (point, run, seed, era and a sweep's values) are the
 * writer's: a table writes its own cells only.
 */
export interface RowWriter {
  /** Starts a row. */
  row(): void;
  number(value: number): void;
  text(value: string): void;
  /** An amount of units, written in PHA with six decimals (units.ts `formatPha`). */
  amount(units: Units): void;
  /**
   * A text cell of two strings and a separator between them (`delegator@pool`). Recorded as its
   * parts, which recur era after era, where the joined string would be new each time. A part's key,
   * if not −1, is a number that comes with that same text wherever the table writes it (the
   * delegator's account position, the pool's index): a recorder finds what it sent for the part
   * by it, without looking the text up.
   */
  joined(first: string, separator: string, second: string, firstKey?: number, secondKey?: number): void;
  /** Any cell a row object holds (tables built as rows): numbers, strings, booleans; else empty. */
  cell(value: unknown): void;
}

/**
 * Rows as CSV text: the bytes `csvText` writes for the same cells (csv-text.ts), each era's lead
 * cells written once as one piece of text.
 */
export class CsvRowWriter implements RowWriter {
  private out = '';
  private lead = '';
  private open = false;
  /** Rows ended since the text was last handed on. */
  private ended = 0;

  /**
   * `spill`, if given, takes the text of every SPILL_ROWS whole rows as they are written, and
   * `take` the rest. Text built by appending is a chain of every piece appended, all alive until
   * the text is used: held for a whole era of a large table (a million delegators), the young
   * generation's collections copied them again and again (the main thread, writing L's
   * delegators.csv, spent more time collecting than writing).
   */
  constructor(private readonly spill?: (text: string) => void) {}

  /**
   * Starts an era: `lead` is the text of the cells every row of it starts with (`leadText`), never
   * empty (every per-era table starts with its id cells), so each cell after it follows a comma.
   */
  startEra(lead: string): void {
    if (lead === '') throw new Error('rows without lead cells');
    this.lead = lead;
  }

  row(): void {
    if (this.open) {
      this.out += '\n';
      if (this.spill !== undefined && ++this.ended === SPILL_ROWS) {
        this.spill(this.out);
        this.out = '';
        this.ended = 0;
      }
    }
    this.out += this.lead;
    this.open = true;
  }

  number(value: number): void {
    this.out += `,${value}`;
  }

  text(value: string): void {
    this.out += `,${textCell(value)}`;
  }

  amount(units: Units): void {
    // formatPha's text is plain (digits, a point, a leading minus the guard leaves alone).
    this.out += `,${formatPha(units)}`;
  }

  joined(first: string, separator: string, second: string): void {
    this.text(first + separator + second);
  }

  cell(value: unknown): void {
    this.out += `,${cellText(value)}`;
  }

  /** The text written since the last call (and not spilled), every row ended with a line break. */
  take(): string {
    if (this.open) this.out += '\n';
    const text = this.out;
    this.out = '';
    this.open = false;
    this.ended = 0;
    return text;
  }
}

/** Rows a CsvRowWriter with a `spill` holds before handing them on: tens of kilobytes of text. */
const SPILL_ROWS = 256;

/** The text of an era's lead cells, for `CsvRowWriter.startEra`. */
export function leadText(cells: readonly unknown[]): string {
  return mapPacked(cells, cellText).join(',');
}

/**
 * Rows as objects keyed by column, the id cells from `ids`: for tests, which read cells by name.
 * Holds a table to its columns: a row of too many or too few cells throws.
 */
export class RowCollector implements RowWriter {
  readonly rows: Row[] = [];
  private current: Row | null = null;
  private filled = 0;

  constructor(
    private readonly ids: Readonly<Row>,
    /** The table's own columns, in order. */
    private readonly columns: readonly string[],
  ) {}

  row(): void {
    this.end();
    this.current = { ...this.ids };
    this.rows.push(this.current);
    this.filled = 0;
  }

  number(value: number): void {
    this.put(value);
  }

  text(value: string): void {
    this.put(value);
  }

  amount(units: Units): void {
    this.put(formatPha(units));
  }

  joined(first: string, separator: string, second: string): void {
    this.put(first + separator + second);
  }

  cell(value: unknown): void {
    this.put(value as string | number);
  }

  /** The rows, the last one checked complete. */
  finish(): Row[] {
    this.end();
    return this.rows;
  }

  private put(value: string | number): void {
    if (this.current === null) throw new Error('a cell before its row');
    const column = this.columns[this.filled];
    if (column === undefined) throw new Error(`a row of more than ${this.columns.length} cells`);
    this.current[column] = value;
    this.filled += 1;
  }

  private end(): void {
    if (this.current !== null && this.filled !== this.columns.length)
      throw new Error(`a row of ${this.filled} cells where the table has ${this.columns.length}`);
  }
}
