import type { Units } from '../mechanism/units.js';
import { cellText } from './csv-text.js';
import type { CsvRowWriter, RowWriter } from './row-writer.js';

/**
 * A table's rows as recorded cells: what a run's thread hands to another to write as CSV. Making
 * the text is a fifth of an M era (formatting numbers and amounts, joining cells); recording a cell
 * is a store into a typed array, and the arrays move to the other thread without a copy. Strings
 * go by number: each is sent once, the first time it is written.
 */
export interface RecordedRows {
  /** What each entry is (CELL below). */
  readonly kinds: Uint8Array<ArrayBuffer>;
  /** Each entry's number: the value of a number or amount, else the code of its string. */
  readonly values: Float64Array<ArrayBuffer>;
  /** Strings first written in these rows: codes from `firstCode` on. */
  readonly strings: readonly string[];
  readonly firstCode: number;
}

/** The arrays of a recording, which a post moves to the other thread instead of copying. */
export function buffersOf(rows: RecordedRows): ArrayBuffer[] {
  return [rows.kinds.buffer, rows.values.buffer];
}

const CELL = {
  /** An era's lead cells (`CsvRowWriter.startEra`), as the code of their text. */
  era: 0,
  row: 1,
  number: 2,
  amount: 3,
  text: 4,
  /** A joined text: the code of its first part, then of the separator and the second part. */
  joined: 5,
} as const;

const FIRST_CAPACITY = 1 << 12;

/** Records rows for `RowReplayer` (the same cells as a CsvRowWriter would be given). */
export class RowRecorder implements RowWriter {
  private kinds = new Uint8Array(FIRST_CAPACITY);
  private values = new Float64Array(FIRST_CAPACITY);
  private used = 0;
  private readonly codes = new Map<string, number>();
  /**
   * The strings of the era's text cells by their place in it, and their codes: a table writes the
   * same strings in the same places era after era (a pool's id and owner), and one comparison
   * there saves a look-up in a map of every string sent.
   */
  private readonly placedStrings: string[] = [];
  private readonly placedCodes: number[] = [];
  private place = 0;
  private newStrings: string[] = [];
  private firstNew = 0;
  /** Every string sent, by code. */
  private readonly sent: string[] = [];
  /**
   * The codes of the two keyed parts of joined cells by key, plus one (0: not known yet): a
   * withdrawal's delegator and pool, found in an array where a look-up of the text was a probe
   * of a map of every string sent (M: two for each of 3,400 rows an era).
   */
  private firstKeyCodes: Int32Array<ArrayBuffer> = new Int32Array(0);
  private secondKeyCodes: Int32Array<ArrayBuffer> = new Int32Array(0);

  /** Cells recorded since the last `take`. */
  get size(): number {
    return this.used;
  }

  startEra(lead: string): void {
    this.add(CELL.era, this.codeOf(lead));
    this.place = 0;
  }

  row(): void {
    this.add(CELL.row, 0);
  }

  number(value: number): void {
    this.add(CELL.number, value);
  }

  amount(units: Units): void {
    this.add(CELL.amount, units);
  }

  text(value: string): void {
    this.add(CELL.text, this.placedCode(value));
  }

  joined(first: string, separator: string, second: string, firstKey = -1, secondKey = -1): void {
    if (firstKey < 0) this.add(CELL.joined, this.placedCode(first));
    else this.firstKeyCodes = this.addKeyed(first, firstKey, this.firstKeyCodes);
    this.add(CELL.joined, this.placedCode(separator));
    if (secondKey < 0) this.add(CELL.joined, this.placedCode(second));
    else this.secondKeyCodes = this.addKeyed(second, secondKey, this.secondKeyCodes);
  }

  /**
   * Records a joined cell's part by the code kept for its key (checked against the text, which is
   * the same string object as a rule); returns the codes, grown if the key was past their end.
   */
  private addKeyed(text: string, key: number, codes: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
    this.place += 1; // the place a placed part would have taken, so the others keep theirs
    const known = key < codes.length ? (codes[key] as number) - 1 : -1;
    if (known >= 0 && this.sent[known] === text) {
      this.add(CELL.joined, known);
      return codes;
    }
    // A code of its own, not entered in the map of every string: the key finds it from now on, and
    // at L the first withdrawal of each of 500,000 return chasers made the map's insertions (about
    // 0.6 µs each at its size) 50 ms of each era while they came.
    const code = this.newCode(text);
    this.add(CELL.joined, code);
    const out = key < codes.length ? codes : grown(codes, key);
    out[key] = code + 1;
    return out;
  }

  cell(value: unknown): void {
    // As CsvRowWriter.cell writes it: a number's text is its own; anything else goes as text.
    if (typeof value === 'number') this.number(value);
    else this.text(typeof value === 'string' ? value : cellText(value));
  }

  /** What was recorded since the last call (copies: the recorder goes on with its own arrays). */
  take(): RecordedRows {
    const rows: RecordedRows = {
      kinds: this.kinds.slice(0, this.used),
      values: this.values.slice(0, this.used),
      strings: this.newStrings,
      firstCode: this.firstNew,
    };
    this.used = 0;
    this.firstNew += this.newStrings.length;
    this.newStrings = [];
    return rows;
  }

  private add(kind: number, value: number): void {
    if (this.used === this.kinds.length) this.grow();
    this.kinds[this.used] = kind;
    this.values[this.used] = value;
    this.used += 1;
  }

  private grow(): void {
    const kinds = new Uint8Array(this.kinds.length * 2);
    kinds.set(this.kinds);
    const values = new Float64Array(this.values.length * 2);
    values.set(this.values);
    this.kinds = kinds;
    this.values = values;
  }

  /** The code of the era's next text cell: the one at its place last era if it is the same string. */
  private placedCode(text: string): number {
    const place = this.place++;
    if (this.placedStrings[place] === text) return this.placedCodes[place] as number;
    const code = this.codeOf(text);
    this.placedStrings[place] = text;
    this.placedCodes[place] = code;
    return code;
  }

  private codeOf(text: string): number {
    let code = this.codes.get(text);
    if (code === undefined) {
      code = this.newCode(text);
      this.codes.set(text, code);
    }
    return code;
  }

  /** The next code, for `text`, sent with the next rows taken. */
  private newCode(text: string): number {
    const code = this.firstNew + this.newStrings.length;
    this.newStrings.push(text);
    this.sent.push(text);
    return code;
  }
}

/** `codes` with room for `key`, at least doubled. */
function grown(codes: Int32Array<ArrayBuffer>, key: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(Math.max(key + 1, codes.length * 2, 64));
  out.set(codes);
  return out;
}

/** Writes recorded rows as CSV, in order: one replayer per recorder (it keeps the strings). */
export class RowReplayer {
  private readonly strings: string[] = [];

  replay(rows: RecordedRows, out: CsvRowWriter): void {
    if (rows.firstCode !== this.strings.length) throw new Error('recorded rows came out of order');
    for (const s of rows.strings) this.strings.push(s);
    const { kinds, values } = rows;
    for (let i = 0; i < kinds.length; i++) {
      const value = values[i] as number;
      switch (kinds[i]) {
        case CELL.era:
          out.startEra(this.strings[value] as string);
          break;
        case CELL.row:
          out.row();
          break;
        case CELL.number:
          out.number(value);
          break;
        case CELL.amount:
          out.amount(value);
          break;
        case CELL.joined: {
          const [separator, second] = [values[i + 1] as number, values[i + 2] as number];
          out.joined(this.strings[value] as string, this.strings[separator] as string, this.strings[second] as string);
          i += 2;
          break;
        }
        default:
          out.text(this.strings[value] as string);
      }
    }
  }
}
