/**
 * Arrays for preference lists, handed back once no state refers to them. The run loop keeps only
 * the current state, so after each era the lists that era replaced can serve later ones (see
 * EraContext.allocateList). A large run otherwise allocates a new array per cluster per era
 * (400 MB an era at 1,000 clusters × 100,000 miners), and collecting them costs seconds.
 */
export class ListPool {
  private free: ArrayBuffer[] = [];

  /** An array of `length` entries whose contents the caller will overwrite. */
  readonly take = (length: number): Int32Array => {
    const bytes = length * Int32Array.BYTES_PER_ELEMENT;
    const i = this.free.findIndex((b) => b.byteLength >= bytes && b.byteLength <= bytes * 1.1 + 64);
    if (i >= 0) return new Int32Array(this.free.splice(i, 1)[0] as ArrayBuffer, 0, length);
    // A little room, so next era's list fits whatever churn did to its length.
    return new Int32Array(new ArrayBuffer(bytes + Math.ceil(bytes / 64) + 64), 0, length);
  };

  /** Gives back a list no state refers to any more. */
  give(list: Int32Array): void {
    if (list.byteLength > 0 && this.free.length < 4096) this.free.push(list.buffer as ArrayBuffer);
  }
}
