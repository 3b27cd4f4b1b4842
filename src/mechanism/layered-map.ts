/**
 * A map that an era can change without copying last era's: each era writes to a layer of its own
 * over its parent's, which it never changes (house style: inputs are not mutated). A layer is
 * flattened into a fresh base once the chain is `MAX_DEPTH` deep, so a look-up walks at most that
 * many maps, and the copying costs O(accounts) every few eras instead of every era.
 */
const MAX_DEPTH = 4;

export class LayeredMap<K, V> {
  private constructor(
    private readonly parent: LayeredMap<K, V> | null,
    private readonly own: Map<K, V>,
    private readonly depth: number,
  ) {}

  static from<K, V>(entries: Iterable<readonly [K, V]>): LayeredMap<K, V> {
    return new LayeredMap<K, V>(null, new Map(entries), 0);
  }

  /** A new layer over this one; this one must not be changed afterwards. */
  fork(): LayeredMap<K, V> {
    if (this.depth + 1 >= MAX_DEPTH) return new LayeredMap<K, V>(null, new Map(this.entries()), 0);
    return new LayeredMap<K, V>(this, new Map(), this.depth + 1);
  }

  get(key: K): V | undefined {
    for (let layer: LayeredMap<K, V> | null = this; layer; layer = layer.parent) {
      const value = layer.own.get(key);
      if (value !== undefined || layer.own.has(key)) return value;
    }
    return undefined;
  }

  has(key: K): boolean {
    for (let layer: LayeredMap<K, V> | null = this; layer; layer = layer.parent) if (layer.own.has(key)) return true;
    return false;
  }

  set(key: K, value: V): this {
    this.own.set(key, value);
    return this;
  }

  /** Every key once, with its latest value: keys in the order they first appeared, oldest layer first. */
  *entries(): IterableIterator<[K, V]> {
    const layers: Map<K, V>[] = [];
    for (let layer: LayeredMap<K, V> | null = this; layer; layer = layer.parent) layers.unshift(layer.own);
    const seen = new Set<K>();
    for (const own of layers) {
      for (const key of own.keys()) {
        if (seen.has(key)) continue;
        seen.add(key);
        yield [key, this.get(key) as V];
      }
    }
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  get size(): number {
    let n = 0;
    for (const _ of this.entries()) n += 1;
    return n;
  }
}
