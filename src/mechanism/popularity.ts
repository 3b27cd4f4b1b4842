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
  points: Points = pointsFor(lists.length, minerCount, slotCount), // or zeros to add to (runner/list-helper.ts)
): Points {
  for (const list of lists) {
    for (let rank = 0; rank < list.length; rank++) {
      points[list[rank] as number]! += minerCount - rank; // rank is 0-based here: m − (r−1)
    }
  }
  return points;
}

/** Points by miner slot: whole numbers. */
export type Points = Int32Array | Float64Array;

/**
 * Zero points for `slotCount` slots, scored from `lists` lists of `minerCount` miners: in 32 bits
 * where every sum fits (a miner gets at most m points from each list), else in doubles (exact below
 * 2^53). Scoring is an add at a scattered slot for every list entry, and half the bytes make it
 * about a sixth faster at 1,000 lists of 100,000 (measured: 80 → 68 ms an era in two threads).
 */
export function pointsFor(lists: number, minerCount: number, slotCount: number): Points {
  return pointsInDoubles(lists, minerCount) ? new Float64Array(slotCount) : new Int32Array(slotCount);
}

/** Whether points scored from `lists` lists of `minerCount` miners need doubles (pointsFor). */
export function pointsInDoubles(lists: number, minerCount: number): boolean {
  return lists * minerCount > 0x7fffffff;
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
  const sorted = sortByPoints(miners, points);
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
 * The miners by points ascending, equal points by slot ascending. Whole points: a stable radix sort
 * by points of the miners in slot order (an era's online miners come so; others are put in slot
 * order first), which keeps equal points in slot order. Points that are not whole, negative or past
 * 2^53 take a comparator sort.
 */
export function sortByPoints(miners: readonly number[], points: ArrayLike<number>): readonly number[] | Int32Array {
  let maxPoints = 0;
  let whole = true;
  let ascending = true;
  let previous = -1;
  for (let q = 0; q < miners.length; q++) {
    const slot = miners[q] as number;
    const p = points[slot] as number;
    if (p > maxPoints) maxPoints = p;
    if (!Number.isInteger(p) || p < 0) whole = false;
    if (slot <= previous) ascending = false;
    previous = slot;
  }
  if (!whole || maxPoints > Number.MAX_SAFE_INTEGER) {
    return miners.slice().sort((a, b) => (points[a] as number) - (points[b] as number) || a - b);
  }
  const copy = Int32Array.from(miners);
  return radixByPoints(ascending ? copy : copy.sort(), points, maxPoints);
}

const DIGIT_BITS = 11;
const DIGITS = 1 << DIGIT_BITS;

/**
 * `miners` (a copy the passes may write over) stably sorted by their whole points: a
 * least-significant-digit radix sort, 11 bits of the points a pass (two passes at M, where points
 * reach 50 clusters · 40,000; three at L). A typed-array sort of packed keys (points · 2^b + slot),
 * which it replaced, took about four times as long at M's 40,000 miners, in each era whose lists
 * changed.
 */
function radixByPoints(miners: Int32Array, points: ArrayLike<number>, maxPoints: number): Int32Array {
  let from: Int32Array = miners; // the caller's copy: the passes write over it
  let to: Int32Array = new Int32Array(miners.length);
  const starts = new Int32Array(DIGITS);
  for (let scale = 1; scale <= maxPoints; scale *= DIGITS) {
    starts.fill(0);
    // The digit of points p is ⌊p / scale⌋ mod 2^11: exact for whole numbers below 2^53 (`&` keeps
    // the low 32 bits of the quotient, of which the digit is the lowest 11).
    for (let q = 0; q < from.length; q++)
      starts[Math.floor((points[from[q] as number] as number) / scale) & (DIGITS - 1)]! += 1;
    let start = 0;
    for (let d = 0; d < DIGITS; d++) {
      const count = starts[d] as number;
      starts[d] = start;
      start += count;
    }
    for (let q = 0; q < from.length; q++) {
      const slot = from[q] as number;
      const d = Math.floor((points[slot] as number) / scale) & (DIGITS - 1);
      to[starts[d] as number] = slot;
      starts[d]! += 1;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  return from;
}
