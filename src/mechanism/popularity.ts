/**
 * Popularity points and brackets (paper §4, "Measuring Popularity"; SPEC §3.5).
 *
 * A miner at 1-based rank r on a contract cluster's list gets m_t − r + 1 points, summed over
 * the contract clusters (the general cluster submits no list).
 *
 * Example: m = 3, lists [a, b, c] and [b, a, c]: a = 3 + 2 = 5, b = 2 + 3 = 5, c = 1 + 1 = 2.
 */
export function scorePopularity(
  lists: readonly ArrayLike<number>[],
  minerCount: number,
  slotCount: number,
): Float64Array {
  const points = new Float64Array(slotCount);
  for (const list of lists) {
    for (let rank = 0; rank < list.length; rank++) {
      points[list[rank] as number]! += minerCount - rank; // rank is 0-based here: m − (r−1)
    }
  }
  return points;
}

/**
 * Splits the miners into k brackets of equal size by points (paper §4): sorted by points
 * ascending, the miner at 0-based position q gets bracket ⌊q·k/m⌋ + 1, so bracket k holds the
 * most popular. Decision (SPEC §3.5): miners with equal points all take the bracket of the
 * lowest of them, so a tie never splits across brackets; with no clusters every miner has 0
 * points and bracket 1.
 *
 * Example: k = 2, points a = 5, b = 5, c = 2, d = 1: sorted d, c, a, b at q = 0..3 give
 * 1, 1, 2, 2; a and b tie at q = 2, 3 and both take 2.
 *
 * @returns the bracket per miner slot (0 for slots not among `miners`).
 */
export function assignBrackets(
  miners: readonly number[],
  points: ArrayLike<number>,
  brackets: number,
  slotCount: number,
): Int32Array {
  const out = new Int32Array(slotCount);
  const m = miners.length;
  const sorted = sortByPoints(miners, points, slotCount);
  let previousPoints = Number.NaN;
  let previousBracket = 0;
  for (let q = 0; q < m; q++) {
    const slot = sorted[q] as number;
    const p = points[slot] as number;
    const bracket = p === previousPoints ? previousBracket : Math.floor((q * brackets) / m) + 1;
    out[slot] = bracket;
    previousPoints = p;
    previousBracket = bracket;
  }
  return out;
}

/**
 * The miners by points ascending, equal points by slot ascending. Points are whole numbers, so
 * each miner becomes one number, points · 2^b + slot, and a typed-array sort (native, no
 * comparator calls) orders them; where that number could exceed 2^53 a comparator sort does.
 */
export function sortByPoints(
  miners: readonly number[],
  points: ArrayLike<number>,
  slotCount: number,
): readonly number[] | Int32Array {
  let maxPoints = 0;
  let whole = true;
  for (const slot of miners) {
    const p = points[slot] as number;
    if (p > maxPoints) maxPoints = p;
    if (!Number.isInteger(p) || p < 0) whole = false;
  }
  const shift = 2 ** Math.ceil(Math.log2(slotCount + 1));
  if (!whole || (maxPoints + 1) * shift > Number.MAX_SAFE_INTEGER) {
    return miners.slice().sort((a, b) => (points[a] as number) - (points[b] as number) || a - b);
  }
  const keys = new Float64Array(miners.length);
  for (let q = 0; q < miners.length; q++) {
    const slot = miners[q] as number;
    keys[q] = (points[slot] as number) * shift + slot;
  }
  keys.sort();
  const sorted = new Int32Array(miners.length);
  for (let q = 0; q < keys.length; q++) sorted[q] = (keys[q] as number) % shift;
  return sorted;
}
