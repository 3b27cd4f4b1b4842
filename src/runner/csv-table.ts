import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify, type Stringifier } from 'csv-stringify';

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe; plain numbers, negative ones included, are left as they are.
 */
export function guardCell(value: string): string {
  if (PLAIN_NUMBER.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A CSV file written row by row through csv-stringify, with a header line. */
export class CsvTable<Row extends Record<string, string | number>> {
  private readonly stringifier: Stringifier;
  private readonly file: WriteStream;
  rows = 0;

  constructor(path: string, columns: readonly (keyof Row & string)[]) {
    this.file = createWriteStream(path);
    this.stringifier = stringify({
      header: true,
      columns: columns as string[],
      record_delimiter: 'unix',
      cast: { string: guardCell },
    });
    this.stringifier.pipe(this.file);
  }

  async write(row: Row): Promise<void> {
    this.rows += 1;
    if (!this.stringifier.write(row)) await once(this.stringifier, 'drain');
  }

  async close(): Promise<void> {
    this.stringifier.end();
    await once(this.file, 'close');
  }
}
