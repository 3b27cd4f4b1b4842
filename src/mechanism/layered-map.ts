/**
 * Balances that an era can change without copying last era's: each era writes to a layer of its
 * own over its parent's, which it never changes (house style: inputs are not mutated). A layer is
 * flattened into a fresh base once the chain is `MAX_DEPTH` deep, so a look-up probes at most that
 * many maps, and copying costs O(accounts) every few eras instead of every era.
 *
 * Each layer keeps the exact sum of its values as they change, so the conservation identity
 * (SPEC §1) can be read every era without visiting every account; `--check` still visits them
 * all and compares (see runner/check-invariants.ts).
 */
const MAX_DEPTH = 4;

export class LayeredMap<K, V = number> {
  private constructor(
    private readonly parent: LayeredMap<K, V> | null,
    private readonly own: Map<K, V>,
    private readonly depth: number,
    private sum: number,
  ) {}

  static from<K, V = number>(entries: Iterable<readonly [K, V]>): LayeredMap<K, V> {
    const own = new Map(entries);
    let sum = 0;
    for (const v of own.values()) if (typeof v === 'number') sum += v;
    return new LayeredMap<K, V>(null, own, 0, sum);
  }

  /** A new layer over this one; this one must not be changed afterwards. */
  fork(): LayeredMap<K, V> {
    if (this.depth + 1 < MAX_DEPTH) return new LayeredMap<K, V>(this, new Map(), this.depth + 1, this.sum);
    return new LayeredMap<K, V>(null, this.flatten(), 0, this.sum);
  }

  get(key: K): V | undefined {
    for (let layer: LayeredMap<K, V> | null = this; layer; layer = layer.parent) {
      const value = layer.own.get(key);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  set(key: K, value: V): this {
    if (typeof value === 'number') this.sum += value - ((this.get(key) as number | undefined) ?? 0);
    this.own.set(key, value);
    return this;
  }

  /** Σ of all values, kept as they change (numeric values only). */
  get total(): number {
    return this.sum;
  }

  /** Every key once with its latest value, oldest first. */
  entries(): IterableIterator<[K, V]> {
    return this.flatten().entries();
  }

  values(): IterableIterator<V> {
    return this.flatten().values();
  }

  get size(): number {
    return this.flatten().size;
  }

  private flatten(): Map<K, V> {
    if (!this.parent) return new Map(this.own);
    const layers: Map<K, V>[] = [];
    for (let layer: LayeredMap<K, V> | null = this; layer; layer = layer.parent) layers.push(layer.own);
    const merged = new Map(layers.pop());
    while (layers.length > 0) for (const [k, v] of layers.pop() as Map<K, V>) merged.set(k, v);
    return merged;
  }
}
