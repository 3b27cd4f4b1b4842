/**
 * A problem with some input, as data (house style, after zod): where it is and what is wrong.
 * Words are put together only when a problem is rendered at the edge.
 */
export type KeyPath = ReadonlyArray<string | number>;

export interface Problem {
  readonly file: string;
  /** 1-based; 0 when the problem is about the file as a whole. */
  readonly line: number;
  readonly col: number;
  readonly path: KeyPath;
  /** "expected …, received …" */
  readonly message: string;
  readonly hint?: string;
}

/** Bad input: exit code 2, nothing run, nothing written. */
export class InputError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map(renderProblem).join('\n'));
  }
}

/** `a.b[0].c` */
export function formatPath(path: KeyPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

export function renderProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file;
  const key = p.path.length > 0 ? ` ${formatPath(p.path)}:` : '';
  const hint = p.hint ? ` (${p.hint})` : '';
  return `${where}:${key} ${p.message}${hint}`;
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return problems.slice().sort((a, b) => a.line - b.line || a.col - b.col);
}

/** A count as a message gives it: 16,000,000. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** How a received value reads in a message: `"abc"`, `-3`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a map';
}
