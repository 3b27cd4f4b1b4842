/** How many accounts past the last one found `AccountIndex.position` looks before its map. */
const AHEAD = 16;

/**
 * Per-account values that an era changes without touching last era's, at the cost of one array
 * copy per era: every account has a fixed position (an index shared by all eras and only ever
 * appended to), and each era's table is a copy of last era's array of values. A look-up is one
 * probe of the index and one array read; copying a million balances is a memcpy of 8 MB.
 * (House style: inputs are not mutated; the copy is what keeps last era's state intact.)
 */
export class AccountIndex<K> {
  private readonly positions = new Map<K, number>();
  private readonly keys: K[] = [];
  // The last key looked up: a transfer reads and writes one account several times in a row (its
  // balance, then its pools), and a probe of a million-entry map is a cache miss each time.
  // Positions never change, so the remembered one stays right.
  private lastKey: K | undefined = undefined;
  private lastPosition = -1;

  position(key: K): number | undefined {
    if (key === this.lastKey) return this.lastPosition;
    // Or one of the few accounts after it: agents are cast and asked in id order, the order their
    // accounts were entered in, so an era's delegations find their accounts one after another, a
    // few apart where only some delegators act (a return chaser reviews one era in seven). Keys
    // compared in a row of the key array cost a few nanoseconds each, a probe of a large map a
    // cache miss. Checked against the key kept there: right or passed over, never wrong.
    const keys = this.keys;
    const end = Math.min(this.lastPosition + 1 + AHEAD, keys.length);
    for (let next = this.lastPosition + 1; next < end; next++) {
      if (keys[next] !== key) continue;
      this.lastKey = key;
      this.lastPosition = next;
      return next;
    }
    const p = this.positions.get(key);
    if (p !== undefined) {
      this.lastKey = key;
      this.lastPosition = p;
    }
    return p;
  }

  /** The key's position, giving it the next one if it has none. */
  add(key: K): number {
    let p = this.position(key);
    if (p === undefined) {
      p = this.keys.length;
      this.positions.set(key, p);
      this.keys.push(key);
      // Remembered as the last one found: the next new key's look-ahead then starts past the end
      // and compares nothing (from the start, it compared each new key with the first sixteen,
      // string by string: a fifth of a million-account genesis).
      this.lastKey = key;
      this.lastPosition = p;
    }
    return p;
  }

  keyAt(position: number): K {
    return this.keys[position] as K;
  }
}

/** Balances in units: a Float64Array per era, and their exact total kept as they change. */
export class AccountBook<K> {
  private constructor(
    /** The accounts' positions: shared by every era's book of a run, and by `emptyTable`'s tables. */
    readonly index: AccountIndex<K>,
    private amounts: Float64Array,
    private count: number,
    private sum: number,
  ) {}

  /**
   * A book of `entries`, positions in the order accounts first appear; an account given more than
   * once holds the sum of its amounts. Summed here, in one look-up per entry: at a million
   * accounts a map of sums beside the book cost as much again.
   */
  static from<K>(entries: Iterable<readonly [K, number]>): AccountBook<K> {
    const book = new AccountBook<K>(new AccountIndex<K>(), new Float64Array(16), 0, 0);
    for (const [key, value] of entries) book.addAt(book.index.add(key), value);
    return book;
  }

  /**
   * An empty table of other per-account values that shares this book's positions, so an account
   * found once is found in both (the delegator → pools index beside the balances).
   */
  emptyTable<V>(): AccountTable<K, V> {
    return AccountTable.sharing<K, V>(this.index);
  }

  /** This era's copy; the one it was made from must not be changed afterwards. */
  fork(): AccountBook<K> {
    return new AccountBook<K>(this.index, this.amounts.slice(0, Math.max(this.count, 16)), this.count, this.sum);
  }

  get(key: K): number | undefined {
    const p = this.index.position(key);
    return p === undefined || p >= this.count ? undefined : this.amounts[p];
  }

  /**
   * The account's position, the same in every era's book of a run (positions are only ever
   * appended), so a caller that reads one account era after era can keep it and skip the look-up.
   */
  positionOf(key: K): number | undefined {
    return this.index.position(key);
  }

  /** The balance at a position from `positionOf`: 0 where this era's book has none yet. */
  atPosition(position: number): number {
    return position < this.count ? (this.amounts[position] as number) : 0;
  }

  set(key: K, value: number): this {
    this.setAt(this.index.add(key), value);
    return this;
  }

  /** Adds `value` to the balance at position `p` (one the index gave). */
  private addAt(p: number, value: number): void {
    this.setAt(p, this.atPosition(p) + value);
  }

  private setAt(p: number, value: number): void {
    if (p >= this.amounts.length) {
      const grown = new Float64Array(Math.max(p + 1, this.amounts.length * 2));
      grown.set(this.amounts);
      this.amounts = grown;
    }
    // Positions a sibling era gave to other accounts read as 0 here: a balance of 0, as it should.
    this.count = Math.max(this.count, p + 1);
    this.sum += value - (this.amounts[p] as number);
    this.amounts[p] = value;
  }

  /** Σ of all balances, kept as they change. */
  get total(): number {
    return this.sum;
  }

  *entries(): IterableIterator<[K, number]> {
    for (let p = 0; p < this.count; p++) yield [this.index.keyAt(p), this.amounts[p] as number];
  }

  *values(): IterableIterator<number> {
    for (let p = 0; p < this.count; p++) yield this.amounts[p] as number;
  }

  get size(): number {
    return this.count;
  }
}

/** Any per-account value (the pools a delegator has stake in): an array per era, copied by reference. */
export class AccountTable<K, V> {
  private constructor(
    readonly index: AccountIndex<K>,
    private readonly values: (V | undefined)[],
  ) {}

  /** An empty table over an existing index (AccountBook.emptyTable). */
  static sharing<K, V>(index: AccountIndex<K>): AccountTable<K, V> {
    return new AccountTable<K, V>(index, []);
  }

  fork(): AccountTable<K, V> {
    return new AccountTable<K, V>(this.index, this.values.slice());
  }

  get(key: K): V | undefined {
    const p = this.index.position(key);
    return p === undefined ? undefined : this.values[p];
  }

  /** The value at a position from the index this table shares (AccountBook.positionOf). */
  atPosition(position: number): V | undefined {
    return this.values[position];
  }

  set(key: K, value: V): this {
    const p = this.index.add(key);
    // Filled up to the position first: V8 keeps an array written far past its end as a hash
    // table (delegators' accounts come after the miners' and owners', a hundred thousand on at L).
    const values = this.values;
    while (values.length < p) values.push(undefined);
    values[p] = value;
    return this;
  }

  *entries(): IterableIterator<[K, V]> {
    for (let p = 0; p < this.values.length; p++) {
      const v = this.values[p];
      if (v !== undefined) yield [this.index.keyAt(p), v];
    }
  }
}
