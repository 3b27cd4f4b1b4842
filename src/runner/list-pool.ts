/**
 * Arrays for preference lists, handed back once no state refers to them. The run loop keeps only
 * the current state, so after each era the lists that era replaced can serve later ones (see
 * EraContext.allocateList). A large run otherwise allocates a new array per cluster per era
 * (400 MB an era at 1,000 clusters × 100,000 miners), and collecting them costs seconds.
 *
 * A list never holds more miners than the run has miner agents, so every list gets a region of
 * that many entries: a region handed back fits any later list, whatever joined in between. The
 * regions are carved from slabs, each holding twice as many regions as the last: V8 runs a full
 * collection for about every 64 MB of array memory allocated, and at a large scale that was a
 * dozen collections of a gigabyte heap while the lists grew (one allocation per list); a slab is
 * one allocation, and doubling makes them few. The first slab holds two regions per cluster the
 * scenario starts with (an era's new list beside the last era's), so a run whose clusters are all
 * there from the start allocates once, while its heap is still small.
 */
/** Entries of the first slab at most (1 GiB of Int32). */
const FIRST_SLAB_MAX = 2 ** 28;

export class ListPool {
  private readonly regionLength: number;
  /** Regions no list uses, each `regionLength` entries long. */
  private readonly free: Int32Array[] = [];
  private readonly slabs = new WeakSet<ArrayBufferLike>();
  private slab: Int32Array = new Int32Array(0);
  private carved = 0;
  private regionsPerSlab: number;
  /** Buffers of lists longer than a region (miners no agent stands for, as a script may add). */
  private readonly oversized: ArrayBuffer[] = [];

  /**
   * `maxLength`: the longest a list can be, the number of miner agents of the run; `clusters`:
   * how many clusters the scenario has (a first guess at how many lists will be kept at once);
   * `shared`: slabs in shared memory, so that a helper thread can read and write the lists
   * (runner/list-helper.ts), or a function that gives them, from the memory the helper's loops
   * work in (runner/list-loops.ts).
   */
  constructor(
    maxLength: number,
    clusters = 2,
    private readonly shared: boolean | ((bytes: number) => Int32Array) = false,
  ) {
    this.regionLength = Math.max(1, maxLength);
    // At most a gigabyte at once: a huge scenario's lists get several slabs rather than one
    // allocation too large to be granted.
    this.regionsPerSlab = Math.max(4, Math.min(2 * clusters, Math.floor(FIRST_SLAB_MAX / this.regionLength)));
  }

  /** An array of `length` entries whose contents the caller will overwrite. */
  readonly take = (length: number): Int32Array => {
    if (length > this.regionLength) return this.takeOversized(length);
    const region = this.free.pop() ?? this.carve();
    return region.subarray(0, length);
  };

  /** Gives back a list no state refers to any more. */
  give(list: Int32Array): void {
    const buffer = list.buffer;
    const regionBytes = this.regionLength * Int32Array.BYTES_PER_ELEMENT;
    // Only a list that starts where a region starts is that region (not a view into the middle of one).
    if (this.slabs.has(buffer)) {
      if (list.byteOffset % regionBytes === 0) {
        this.free.push(new Int32Array(buffer, list.byteOffset, this.regionLength));
      }
    } else if (
      buffer instanceof ArrayBuffer &&
      list.byteOffset === 0 &&
      buffer.byteLength > regionBytes &&
      this.oversized.length < 4096
    ) {
      // Only what `takeOversized` can serve: a list a policy made in an array of its own, no
      // longer than a region, would be kept for nothing.
      this.oversized.push(buffer);
    }
  }

  private carve(): Int32Array {
    if (this.carved === this.slab.length) {
      const bytes = this.regionLength * this.regionsPerSlab * Int32Array.BYTES_PER_ELEMENT;
      const shared = this.shared;
      this.slab =
        typeof shared === 'function'
          ? shared(bytes)
          : new Int32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
      if (shared !== false) countOutsideHeap(bytes);
      touchPages(this.slab);
      this.slabs.add(this.slab.buffer);
      this.carved = 0;
      this.regionsPerSlab *= 2;
    }
    const region = this.slab.subarray(this.carved, this.carved + this.regionLength);
    this.carved += this.regionLength;
    return region;
  }

  private takeOversized(length: number): Int32Array {
    const bytes = length * Int32Array.BYTES_PER_ELEMENT;
    const i = this.oversized.findIndex((b) => b.byteLength >= bytes && b.byteLength <= bytes * 1.1 + 64);
    if (i >= 0) return new Int32Array(this.oversized.splice(i, 1)[0] as ArrayBuffer, 0, length);
    // A little room, so next era's list fits whatever churn did to its length.
    return new Int32Array(new ArrayBuffer(bytes + Math.ceil(bytes / 64) + 64), 0, length);
  }
}

/**
 * Has V8 count `bytes` more of memory outside its heap once, as it counts a new ArrayBuffer's and
 * not a SharedArrayBuffer's: an unused ArrayBuffer of that size, never written (so the system gives
 * it no pages), garbage at once. V8 starts a full collection sooner the more memory outside its
 * heap grew since the last; with L's first slab (800 MB) in shared memory and uncounted, the run's
 * first full collection moved from its first era to its second, a million delegations, which took
 * 1.5-2.9 s instead of 1.4-1.9 (its target is 2 s; the first era has none). Counted, it falls in
 * the first era again (second era 1.24 and 1.28 s against 1.51 and 1.56 in two alternating pairs).
 */
function countOutsideHeap(bytes: number): void {
  void new ArrayBuffer(bytes);
}

/** Entries of a memory page (4 KiB of Int32). */
const PAGE_ENTRIES = 1024;

/**
 * Writes one entry of every page of a new slab, so the system maps its memory now. A new array's
 * memory is mapped page by page at its first write, and at a large scale the lists first fill a
 * slab's regions to their full length only as miners join, over the first eras: at 1,000 clusters ×
 * 100,000 miners that was about 50,000 page faults in each of the second to fourth eras, at about
 * 9 µs each in a process whose collector threads were busy beside it, where the whole slab's faults
 * at once, before the lists fill it, cost less and fall in the run's first era.
 */
function touchPages(slab: Int32Array): void {
  for (let i = 0; i < slab.length; i += PAGE_ENTRIES) slab[i] = 0;
}
