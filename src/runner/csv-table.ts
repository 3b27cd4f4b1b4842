import { closeSync, openSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';

/** A decimal number as the tables write amounts: never guarded, never quoted. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const FLUSH_AT = 1 << 20;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe; plain numbers, negative ones included, are left as they are.
 */
export function guardCell(value: string): string {
  if (PLAIN_NUMBER.test(value)) return value;
  return startsLikeFormula(value) ? `'${value}` : value;
}

/** Whether the text starts with a character a spreadsheet may take for a formula: = + - @ tab CR. */
export function startsLikeFormula(text: string): boolean {
  const first = text.charCodeAt(0);
  return first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13;
}

export type Row = Record<string, string | number>;

/**
 * The project's CSV format for csv-stringify: `\n` line ends, and a cell with any line break quoted
 * (given a record delimiter, csv-stringify would leave a bare `\r` unquoted).
 */
export const CSV_FORMAT = { record_delimiter: 'unix', quote_record_delimiter: true } as const;

/**
 * A CSV file written through csv-stringify as rows arrive, buffered to about 1 MiB, so a large
 * table streams to disk at a bounded memory cost. Synchronous: rows come from a running simulation.
 */
export class CsvTable<R extends Row = Row> {
  private buffer = '';
  private readonly fd: number;
  rows = 0;

  constructor(
    path: string,
    private readonly columns: readonly (keyof R & string)[],
  ) {
    this.fd = openSync(path, 'w');
    this.buffer = stringify([columns as string[]], CSV_FORMAT);
  }

  write(rows: readonly R[]): void {
    if (rows.length === 0) return;
    this.rows += rows.length;
    this.buffer += stringify(rows as R[], {
      columns: this.columns as string[],
      ...CSV_FORMAT,
      cast: { string: guardCell },
    });
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}
