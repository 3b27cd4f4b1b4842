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

/** Welford's running mean and variance; values are added in run order, so results are reproducible. */
export class RunningStats {
  n = 0;
  private mean = 0;
  private m2 = 0;

  add(x: number): void {
    this.n += 1;
    const delta = x - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (x - this.mean);
  }

  /** null where undefined: no value, or (for sd and interval) a single one. */
  result(): { n: number; mean: number | null; sd: number | null; low: number | null; high: number | null } {
    if (this.n === 0) return { n: 0, mean: null, sd: null, low: null, high: null };
    if (this.n === 1) return { n: 1, mean: this.mean, sd: null, low: null, high: null };
    const sd = Math.sqrt(this.m2 / (this.n - 1));
    const half = (studentT95(this.n - 1) * sd) / Math.sqrt(this.n);
    return { n: this.n, mean: this.mean, sd, low: this.mean - half, high: this.mean + half };
  }
}
