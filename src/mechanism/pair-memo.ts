/**
 * A function of two numbers, remembered by its arguments: a formula evaluated through mathjs costs
 * microseconds where a look-up costs nanoseconds, and the formulas of a run (S_min, a static f) are
 * asked for the same few thousand pairs again and again, run after run.
 */
export class PairMemo {
  private readonly known = new Map<number, Map<number, number>>();

  constructor(private readonly compute: (a: number, b: number) => number) {}

  get(a: number, b: number): number {
    let byB = this.known.get(a);
    if (byB === undefined) this.known.set(a, (byB = new Map()));
    let value = byB.get(b);
    if (value === undefined) {
      value = this.compute(a, b);
      byB.set(b, value);
    }
    return value;
  }
}
