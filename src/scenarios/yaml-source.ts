import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { KeyPath, Problem } from './problems.js';

/**
 * A YAML (or JSON: YAML is a superset) document that remembers where every value came from, so
 * a problem found later in the data can point at its file, line and column.
 */
export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

export type Parsed = { source: YamlSource; problems: [] } | { source: null; problems: Problem[] };

export function parseYamlSource(text: string, file: string): Parsed {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
      const first = e.message.split('\n')[0] ?? e.message;
      return {
        file,
        line: pos.line,
        col: pos.col,
        path: [],
        message: first.replace(/ at line \d+, column \d+:?$/, ''),
      };
    });
    return { source: null, problems };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    // The yaml package refuses aliases that would expand past maxAliasCount nodes (an alias of an
    // alias of …: a few lines that would make billions of values).
    const message = err instanceof Error ? err.message : String(err);
    if (!/alias/i.test(message)) throw err;
    return {
      source: null,
      problems: [
        {
          file,
          line: 1,
          col: 1,
          path: [],
          message:
            'expected at most 1,000 values repeated through aliases (*name), received more: aliases of aliases multiply',
        },
      ],
    };
  }
  return { source: { file, data, doc, lines }, problems: [] };
}

/**
 * Where `path` is written. With `atKey`, the key of the last step rather than its value (for
 * an unknown key). A path that stops early (a missing key) points at the deepest part that exists.
 */
export function locate(source: YamlSource, path: KeyPath, atKey = false): { line: number; col: number } {
  let node: unknown = source.doc.contents;
  let position = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const step = path[i] as string | number;
    const isLast = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      position =
        (isLast && atKey ? rangeStart(pair.key) : (rangeStart(pair.value) ?? rangeStart(pair.key))) ?? position;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      if (item === undefined) break;
      position = rangeStart(item) ?? position;
      node = item;
    } else break;
  }
  return source.lines.linePos(position);
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}

/**
 * Where problems point: a YAML source points at the value itself; a sweep point's check points
 * at the sweep entry that produced the value (see experiment.ts).
 */
export interface Locator {
  readonly file: string;
  position(path: KeyPath, atKey: boolean): { line: number; col: number };
}

export function sourceLocator(source: YamlSource): Locator {
  return { file: source.file, position: (path, atKey) => locate(source, path, atKey) };
}

export function problemAt(
  where: YamlSource | Locator,
  path: KeyPath,
  message: string,
  options: { hint?: string; atKey?: boolean } = {},
): Problem {
  const locator = 'position' in where ? where : sourceLocator(where);
  const { line, col } = locator.position(path, options.atKey ?? false);
  return { file: locator.file, line, col, path, message, ...(options.hint ? { hint: options.hint } : {}) };
}
