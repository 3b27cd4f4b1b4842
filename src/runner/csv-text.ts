import { guardCell, startsLikeFormula, type Row } from './csv-table.js';

/**
 * Rows as CSV text, one line each: the bytes csv-stringify writes with this project's options
 * (`CSV_FORMAT`, strings through `guardCell`, booleans as true/false, null and
 * undefined as empty cells), without its per-cell option handling. The per-era tables of a large
 * run are millions of rows, where that handling was most of the output time; a property test
 * holds the two writers to the same bytes.
 *
 * `extra` holds cells shared by every row (the run's id cells, a sweep point's values), and wins
 * over a row's own.
 */
export function csvText(rows: readonly Row[], columns: readonly string[], extra?: Readonly<Row>): string {
  // Per column, once per call: the shared cell's text, or null where each row gives its own.
  const shared = columns.map((column) => (extra !== undefined && column in extra ? cellText(extra[column]) : null));
  // The leading shared cells (a per-era table's id columns and swept values) as one piece of text.
  let lead = 0;
  while (lead < columns.length && shared[lead] !== null) lead += 1;
  const prefix = shared.slice(0, lead).join(',');
  let text = '';
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Row;
    text += prefix;
    for (let i = lead; i < columns.length; i++) {
      if (i > 0) text += ',';
      text += shared[i] ?? cellText(row[columns[i] as string]);
    }
    text += '\n';
  }
  return text;
}

const BOM = '\uFEFF';

/** A table's first line: its column names (after a byte order mark if asked for). */
export function headerText(columns: readonly string[], bom: boolean): string {
  return (bom ? BOM : '') + csvText([Object.fromEntries(columns.map((c) => [c, c]))], columns);
}

export function cellText(value: unknown): string {
  // A number's text (digits, '.', '-', 'e', '+', Infinity, NaN) never needs quotes or a guard.
  if (typeof value === 'number' || typeof value === 'bigint') return `${value}`;
  if (typeof value === 'string') return textCell(value);
  if (typeof value === 'boolean') return String(value);
  return '';
}

/** A string as a cell: as it is, or guarded and quoted where it must be. */
export function textCell(value: string): string {
  return isPlainText(value) ? value : quoted(guardCell(value));
}

/**
 * Whether a string goes into a cell as it is: nothing to quote, and a first character no
 * spreadsheet would take for a formula (for one that might be, guardCell decides: a negative
 * amount stays as it is). Checked by character: most cells of the per-era tables are amounts and
 * ids, and three regular expressions each cost more.
 */
function isPlainText(text: string): boolean {
  return !startsLikeFormula(text) && !needsQuotes(text);
}

/** Why a cell must be quoted (RFC 4180): it holds the delimiter, a quote or a line break. */
function needsQuotes(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 44 || c === 10 || c === 13) return true; // " , LF CR
  }
  return false;
}

function quoted(text: string): string {
  return needsQuotes(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
