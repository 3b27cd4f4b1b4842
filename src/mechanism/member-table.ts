import type { Membership } from './types.js';

/**
 * A pool's members: each delegator's record keyed by its account's position in the balances, in
 * the order the delegators first joined (as a Map keeps them, and as the delegators table lists
 * them). A record is never removed: one who withdrew everything keeps what it delegated and
 * withdrew.
 *
 * Not a Map because the best pools at a large scale hold hundreds of thousands of members: adding
 * to a Map of half a million took about 370 ns a member (measured), the largest part of L's
 * million first delegations, where this table, its keys in typed arrays found by open addressing,
 * takes about 175 ns.
 */
export class MemberTable {
  /** The members' keys in the order they joined; the record of `keyList[e]` is `records[e]`. */
  private keyList: Int32Array;
  private readonly records: Membership[];
  /** Open addressing with linear probing: 1 + an entry of `keyList`, 0 where the slot is empty. */
  private slots: Int32Array;
  /** 32 − log2(slots.length) (see `slotOf`). */
  private shift: number;

  constructor(from?: MemberTable) {
    this.keyList = from ? from.keyList.slice() : new Int32Array(4);
    this.records = from ? from.records.slice() : [];
    this.slots = from ? from.slots.slice() : new Int32Array(MIN_SLOTS);
    this.shift = from ? from.shift : 32 - Math.log2(MIN_SLOTS);
  }

  get size(): number {
    return this.records.length;
  }

  get(key: number): Membership | undefined {
    const entry = this.slots[this.slotOf(key)] as number;
    return entry === 0 ? undefined : this.records[entry - 1];
  }

  has(key: number): boolean {
    return this.slots[this.slotOf(key)] !== 0;
  }

  /** Replaces the key's record, or adds it after the others. */
  set(key: number, record: Membership): this {
    const slot = this.slotOf(key);
    const entry = this.slots[slot] as number;
    if (entry !== 0) {
      this.records[entry - 1] = record;
      return this;
    }
    const added = this.records.length;
    if (added === this.keyList.length) {
      const keys = new Int32Array(added * 2);
      keys.set(this.keyList);
      this.keyList = keys;
    }
    this.keyList[added] = key;
    this.records.push(record);
    this.slots[slot] = added + 1;
    // At most half full: probes stay short.
    if (2 * this.records.length > this.slots.length) this.rehash(this.slots.length * 2);
    return this;
  }

  *keys(): IterableIterator<number> {
    for (let e = 0; e < this.records.length; e++) yield this.keyList[e] as number;
  }

  *entries(): IterableIterator<[number, Membership]> {
    for (let e = 0; e < this.records.length; e++) yield [this.keyList[e] as number, this.records[e] as Membership];
  }

  [Symbol.iterator](): IterableIterator<[number, Membership]> {
    return this.entries();
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

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    this.shift = 32 - Math.log2(size);
    for (let e = 0; e < this.records.length; e++) this.slots[this.slotOf(this.keyList[e] as number)] = e + 1;
  }
}

/** A pool's members as agents and tables see them: read, never changed (open-era.ts `ownMembers`). */
export type Members = Pick<MemberTable, 'size' | 'get' | 'has' | 'keys' | 'entries' | typeof Symbol.iterator>;

const BLOCK_BITS = 4;
const BLOCK_MASK = (1 << BLOCK_BITS) - 1;
/** Two blocks: the hash's shift stays below 32 (a shift by 32 is a shift by 0 in JavaScript). */
const MIN_SLOTS = 32;
/** 2^32 / the golden ratio: spreads blocks that follow one another over the whole table. */
const FIBONACCI = 0x9e3779b9;
