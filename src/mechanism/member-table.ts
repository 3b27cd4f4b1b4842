import type { Membership } from './types.js';
import type { Units } from './units.js';

/**
 * A pool's members: each delegator's record keyed by its account's position in the balances, in
 * the order the delegators first joined (as a Map keeps them, and as the delegators table lists
 * them). A record is never removed: one who withdrew everything keeps what it delegated and
 * withdrew.
 *
 * Not a Map of record objects because the best pools at a large scale hold hundreds of thousands
 * of members: adding to a Map of half a million took about 370 ns a member (measured), the largest
 * part of L's million first delegations, where this table, its keys in typed arrays found by open
 * addressing, takes about 175 ns. The records are columns (only the shares, a BigInt each, are
 * objects): at L a million record objects were a fifth of what a full garbage collection marked,
 * and every delegation and payout made a new one.
 */
export class MemberTable {
  /** The members' keys in the order they joined; entry e's record is entry e of each column. */
  private keyList: Int32Array;
  private readonly shareList: bigint[];
  // Plain arrays of doubles, not Float64Array: they live in the heap, where typed arrays' memory
  // outside it, tens of megabytes as L's pools grow, made V8 collect fully in the next era.
  private readonly depositedList: number[];
  private readonly withdrawnList: number[];
  /** Open addressing with linear probing: 1 + an entry, 0 where the slot is empty. */
  private slots: Int32Array;
  /** 32 − log2(slots.length) (see `slotOf`). */
  private shift: number;

  constructor(from?: MemberTable) {
    this.keyList = from ? from.keyList.slice() : new Int32Array(MIN_ENTRIES);
    this.shareList = from ? from.shareList.slice() : [];
    this.depositedList = from ? from.depositedList.slice() : [];
    this.withdrawnList = from ? from.withdrawnList.slice() : [];
    this.slots = from ? from.slots.slice() : new Int32Array(MIN_SLOTS);
    this.shift = from ? from.shift : 32 - Math.log2(MIN_SLOTS);
  }

  get size(): number {
    return this.shareList.length;
  }

  /** The key's entry, or −1 if it has none. */
  entryOf(key: number): number {
    return (this.slots[this.slotOf(key)] as number) - 1;
  }

  sharesAt(entry: number): bigint {
    return this.shareList[entry] as bigint;
  }

  /** Σ PHA the member delegated. */
  depositedAt(entry: number): Units {
    return this.depositedList[entry] as number;
  }

  /** Σ PHA the member withdrew. */
  withdrawnAt(entry: number): Units {
    return this.withdrawnList[entry] as number;
  }

  /** A copy of the key's record. */
  get(key: number): Membership | undefined {
    const entry = this.entryOf(key);
    return entry < 0 ? undefined : this.recordAt(entry);
  }

  /** Writes an existing entry's record. */
  update(entry: number, shares: bigint, deposited: Units, withdrawn: Units): void {
    this.shareList[entry] = shares;
    this.depositedList[entry] = deposited;
    this.withdrawnList[entry] = withdrawn;
  }

  /** Adds a record after the others for a key the table does not hold; returns its entry. */
  add(key: number, shares: bigint, deposited: Units, withdrawn: Units): number {
    const slot = this.slotOf(key);
    if (this.slots[slot] !== 0) throw new Error(`member ${key} is in the table already`);
    const entry = this.shareList.length;
    if (entry === this.keyList.length) this.grow();
    this.keyList[entry] = key;
    this.shareList.push(shares);
    this.depositedList.push(deposited);
    this.withdrawnList.push(withdrawn);
    this.slots[slot] = entry + 1;
    // At most half full: probes stay short.
    if (2 * this.shareList.length > this.slots.length) this.rehash(this.slots.length * 2);
    return entry;
  }

  *keys(): IterableIterator<number> {
    for (let e = 0; e < this.shareList.length; e++) yield this.keyList[e] as number;
  }

  *entries(): IterableIterator<[number, Membership]> {
    for (let e = 0; e < this.shareList.length; e++) yield [this.keyList[e] as number, this.recordAt(e)];
  }

  [Symbol.iterator](): IterableIterator<[number, Membership]> {
    return this.entries();
  }

  private recordAt(entry: number): Membership {
    return {
      shares: this.shareList[entry] as bigint,
      deposited: this.depositedList[entry] as number,
      withdrawn: this.withdrawnList[entry] as number,
    };
  }

  /**
   * The slot holding `key`, or the empty slot where it would go. Keys that differ only in their
   * last four bits share a block of 16 slots (a cache line), at a place the Fibonacci hash of the
   * rest chooses: delegators join a pool in the order of their accounts, so a run of them fills a
   * block rather than touching a line each, while blocks are spread over the whole table.
   */
  private slotOf(key: number): number {
    const mask = this.slots.length - 1;
    let slot =
      ((Math.imul(key >>> BLOCK_BITS, FIBONACCI) >>> (this.shift + BLOCK_BITS)) << BLOCK_BITS) | (key & BLOCK_MASK);
    for (;;) {
      const entry = this.slots[slot] as number;
      if (entry === 0 || this.keyList[entry - 1] === key) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const keys = new Int32Array(this.keyList.length * 2);
    keys.set(this.keyList);
    this.keyList = keys;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    this.shift = 32 - Math.log2(size);
    for (let e = 0; e < this.shareList.length; e++) this.slots[this.slotOf(this.keyList[e] as number)] = e + 1;
  }
}

/** A pool's members as agents and tables see them: read, never changed (open-era.ts `ownMembers`). */
export type Members = Pick<
  MemberTable,
  'size' | 'entryOf' | 'sharesAt' | 'depositedAt' | 'withdrawnAt' | 'get' | 'keys' | 'entries' | typeof Symbol.iterator
>;

const MIN_ENTRIES = 4;
const BLOCK_BITS = 4;
const BLOCK_MASK = (1 << BLOCK_BITS) - 1;
/** Two blocks: the hash's shift stays below 32 (a shift by 32 is a shift by 0 in JavaScript). */
const MIN_SLOTS = 32;
/** 2^32 / the golden ratio: spreads blocks that follow one another over the whole table. */
const FIBONACCI = 0x9e3779b9;
