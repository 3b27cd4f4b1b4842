/**
 * Arrays for an era's hot code, always packed. An array made by `map` (or `new Array(n)`) comes out
 * packed or holey depending on whether the code making it has been optimized yet (V8's optimizing
 * compiler inlines `map` with a holey array), and code optimized for arrays of one kind is thrown
 * away at the first of the other: a thread's second and third S runs deoptimized a dozen functions
 * each that way (the matching and its memo, the budgets, the tables' rows), each compiled again on
 * cores the runs need. Pushed one by one, an array is packed whatever runs.
 */

/** `items.map(f)`, packed. */
export function mapPacked<T, U>(items: readonly T[], f: (item: T, index: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < items.length; i++) out.push(f(items[i] as T, i));
  return out;
}

/** `count` times `value`, packed. */
export function filledPacked<U>(count: number, value: U): U[] {
  const out: U[] = [];
  for (let i = 0; i < count; i++) out.push(value);
  return out;
}
