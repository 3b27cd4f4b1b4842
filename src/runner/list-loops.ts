/**
 * The list work's two hot loops in WebAssembly (list-loops.wat), over a memory that a run's thread
 * and its list helper share (runner/list-helper.ts): the lists, the points and each thread's
 * scratch are carved from it. Each loop gives what its JavaScript form gives, entry for entry
 * (`scorePopularity` of one list into 32-bit points; `copyAroundPlaces` with departures), about a
 * quarter and a third faster at 100,000 entries a list; a test compares them, and anything not in
 * this memory, or not of those kinds, takes the JavaScript forms.
 */
import type { Departed } from '../mechanism/preference-lists.js';
import { copyAroundPlaces, type CopyAround } from '../mechanism/random-insertion.js';
import { LIST_LOOPS_WASM } from './list-loops-wasm.js';

const MODULE = new WebAssembly.Module(Buffer.from(LIST_LOOPS_WASM, 'base64'));

const PAGE_BYTES = 65536;
/** 4 GiB, all a 32-bit memory can address. */
const MAX_PAGES = 65536;
/** Carved pieces start on a cache line. */
const ALIGN = 64;

interface Exports {
  score(list: number, length: number, points: number, minerCount: number): void;
  copyAround(
    out: number,
    list: number,
    flags: number,
    newcomers: number,
    places: number,
    j: number,
    total: number,
  ): void;
}

/** Where a thread's copies of a list's moves go: the departed flags, the newcomers and their places. */
export interface Scratch {
  /** Byte offset of `slots` flag bytes, then `slots + 1` newcomers and `slots + 2` places (Int32). */
  readonly at: number;
  readonly slots: number;
}

export class ListLoops {
  private readonly exports: Exports | null;
  /** Bytes carved since the last `reset`; only the run's thread carves. */
  private top = 0;
  /** Every buffer object the memory has given this thread (a new one after each growth). */
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  /** The departed flags last copied into each scratch. */
  private readonly flagsIn = new Map<number, Uint8Array>();

  /**
   * Over `memory` (in the helper's thread, the run's thread's), or none: then nothing is carved
   * and nothing is held, and every list takes the JavaScript loops.
   */
  constructor(readonly memory: WebAssembly.Memory | null) {
    this.exports = memory && (new WebAssembly.Instance(MODULE, { env: { memory } }).exports as unknown as Exports);
  }

  /**
   * Loops over a new memory, or over none where the system will not reserve one (a shared
   * memory's whole 4 GiB of addresses is reserved at once, which a limit on a process's address
   * space can refuse): a run then goes without, as fast as before them, rather than failing.
   */
  static withNewMemory(): ListLoops {
    try {
      return new ListLoops(new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true }));
    } catch {
      return new ListLoops(null);
    }
  }

  /** `bytes` of the memory no one uses, as Int32 entries; null past what the memory can hold or get. */
  carve(bytes: number): Int32Array | null {
    if (this.memory === null) return null;
    const at = Math.ceil(this.top / ALIGN) * ALIGN;
    const end = at + bytes;
    const pages = this.memory.buffer.byteLength / PAGE_BYTES;
    const needed = Math.ceil(end / PAGE_BYTES);
    if (needed > MAX_PAGES) return null;
    if (needed > pages) {
      try {
        this.memory.grow(needed - pages);
      } catch {
        return null; // the system would not give it the memory: the caller makes do without
      }
    }
    this.top = end;
    const buffer = this.memory.buffer;
    this.buffers.add(buffer);
    return new Int32Array(buffer, at, bytes / Int32Array.BYTES_PER_ELEMENT);
  }

  /** A scratch for lists of up to `slots` slots. */
  carveScratch(slots: number): Scratch | null {
    const flagBytes = Math.ceil(slots / ALIGN) * ALIGN;
    const region = this.carve(flagBytes + (2 * slots + 3) * Int32Array.BYTES_PER_ELEMENT);
    return region === null ? null : { at: region.byteOffset, slots };
  }

  /** Forgets all carved so far: a new run's, whose thread holds nothing of the last one's. */
  reset(): void {
    this.top = 0;
    this.flagsIn.clear();
  }

  /** Whether every array lies in this memory (in the thread that carved them). */
  holds(...arrays: ArrayBufferView[]): boolean {
    return arrays.every((array) => this.buffers.has(array.buffer));
  }

  /** `scorePopularity([list], minerCount, …, points)`, for `list` and 32-bit `points` in this memory. */
  score(list: Int32Array, minerCount: number, points: Int32Array): void {
    (this.exports as Exports).score(list.byteOffset, list.length, points.byteOffset, minerCount);
  }

  /**
   * `copyAroundPlaces` for `out` and `list` in this memory (the caller knows), through `scratch`;
   * the JavaScript form where nobody departed (it copies runs whole) or the scratch is too small.
   */
  copyAroundVia(scratch: Scratch): CopyAround {
    return (out, list, departed, newcomers, places, j) => {
      const flags = departed.flags;
      if (departed.count === 0 || flags.length > scratch.slots || j > scratch.slots || !(list instanceof Int32Array))
        return copyAroundPlaces(out, list, departed, newcomers, places, j);
      const buffer = (this.memory as WebAssembly.Memory).buffer;
      const flagsAt = scratch.at;
      const newcomersAt = flagsAt + Math.ceil(scratch.slots / ALIGN) * ALIGN;
      const placesAt = newcomersAt + (scratch.slots + 1) * Int32Array.BYTES_PER_ELEMENT;
      this.copyFlags(buffer, flagsAt, departed);
      new Int32Array(buffer, newcomersAt, j).set(newcomers.subarray(0, j));
      new Int32Array(buffer, placesAt, j).set(places.subarray(0, j)); // the module reads no sentinel
      (this.exports as Exports).copyAround(
        out.byteOffset,
        list.byteOffset,
        flagsAt,
        newcomersAt,
        placesAt,
        j,
        out.length,
      );
    };
  }

  /** The era's departed flags into a scratch, once for all its lists. */
  private copyFlags(buffer: ArrayBufferLike, at: number, departed: Departed): void {
    if (this.flagsIn.get(at) === departed.flags) return;
    const flags = new Uint8Array(buffer, at, departed.flags.length);
    flags.set(departed.flags);
    this.flagsIn.set(at, departed.flags);
  }
}
