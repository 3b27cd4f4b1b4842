/**
 * Mean, standard deviation and 95% confidence interval of a metric across runs (issue 5,
 * summary.csv). The interval is mean ± t · sd / √n with Student's t for n − 1 degrees of freedom.
 */

/** Two-sided 95% quantiles of Student's t, df = 1…30 (standard tables). */
const T_95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
/** Beyond 30: the tabled values at 40, 60 and 120 df, then the normal 1.960. */
const T_95_TAIL: readonly [number, number][] = [
  [120, 1.98],
  [60, 2.0],
  [40, 2.021],
];

/** t for df degrees of freedom; between tabled values the one for fewer df (a wider, safe interval). */
export function studentT95(df: number): number {
  if (df <= 30) return T_95[df - 1] as number;
  for (const [at, t] of T_95_TAIL) if (df >= at) return df >= 1000 ? 1.96 : t;
  return 2.042;
}

export interface StatsResult {
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

/**
 * Welford's running mean and variance for many cells at once (summary.csv: one per era and
 * metric), in flat arrays: a run of a year adds some ten thousand values, and an object per cell
 * behind a string key cost more than the arithmetic. Values are added in run order, so results
 * are reproducible.
 */
export class StatsGrid {
  private readonly count: Int32Array;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;

  constructor(cells: number) {
    this.count = new Int32Array(cells);
    this.mean = new Float64Array(cells);
    this.m2 = new Float64Array(cells);
  }

  add(cell: number, x: number): void {
    const n = (this.count[cell] as number) + 1;
    this.count[cell] = n;
    const delta = x - (this.mean[cell] as number);
    this.mean[cell]! += delta / n;
    this.m2[cell]! += delta * (x - (this.mean[cell] as number));
  }

  /** null where undefined: no value, or (for sd and interval) a single one. */
  result(cell: number): StatsResult {
    const n = this.count[cell] as number;
    const mean = this.mean[cell] as number;
    if (n === 0) return { n: 0, mean: null, sd: null, low: null, high: null };
    if (n === 1) return { n: 1, mean, sd: null, low: null, high: null };
    const sd = Math.sqrt((this.m2[cell] as number) / (n - 1));
    const half = (studentT95(n - 1) * sd) / Math.sqrt(n);
    return { n, mean, sd, low: mean - half, high: mean + half };
  }
}
