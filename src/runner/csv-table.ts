import { stringify } from 'csv-stringify/sync';

/** A decimal number as the tables write amounts: never guarded, never quoted. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

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
  // An empty cell is checked first: reading past the end is NaN here, but V8 threw away the table
  // writer's optimized code at the first empty cell of each thread.
  if (text.length === 0) return false;
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
 * Rows as CSV through csv-stringify with the project's options: the reference the direct writer
 * (csv-text.ts) is held to byte for byte in the tests.
 */
export function toCsv(rows: Row[], columns: string[]): string {
  return stringify(rows, {
    columns,
    ...CSV_FORMAT,
    cast: { string: guardCell, boolean: (b) => String(b) },
  });
}
