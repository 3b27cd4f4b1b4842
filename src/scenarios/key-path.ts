import type { KeyPath } from './problems.js';

/**
 * Dotted key paths, as sweeps and `--set` name scenario values: `network.alpha`,
 * `miners[0].count`, `miners[1].strategy.params.payout_every`.
 */
export function parseKeyPath(text: string): KeyPath | null {
  const path: (string | number)[] = [];
  const pattern = /([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|(\.)/gy;
  let expectKey = true;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pattern.exec(text)) !== null) {
    consumed = pattern.lastIndex;
    if (match[1] !== undefined) {
      if (!expectKey) return null;
      path.push(match[1]);
      expectKey = false;
    } else if (match[2] !== undefined) {
      if (path.length === 0) return null;
      path.push(Number(match[2]));
    } else {
      if (expectKey) return null;
      expectKey = true;
    }
  }
  return consumed === text.length && !expectKey && path.length > 0 ? path : null;
}

/** The value at `path`, or undefined. */
export function getPath(data: unknown, path: KeyPath): unknown {
  let node = data;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

/**
 * A copy of `data` with `value` at `path`; maps on the way are copied, never edited. A missing
 * last key is created; a missing step before it is not (returns null).
 */
export function setPath(data: unknown, path: KeyPath, value: unknown): unknown | null {
  if (path.length === 0) return value;
  if (data === null || typeof data !== 'object') return null;
  const [step, ...rest] = path as [string | number, ...(string | number)[]];
  const node = data as Record<string | number, unknown>;
  if (rest.length > 0 && !(step in node)) return null;
  const child = rest.length === 0 ? value : setPath(node[step], rest, value);
  if (child === null && rest.length > 0) return null;
  const copy: Record<string | number, unknown> | unknown[] = Array.isArray(data) ? data.slice() : { ...node };
  (copy as Record<string | number, unknown>)[step] = child;
  return copy;
}
