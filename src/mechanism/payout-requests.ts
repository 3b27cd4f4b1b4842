import type { Units } from './units.js';

/** Where a slot has asked for everything it may be paid. */
const ALL = Number.POSITIVE_INFINITY;

/**
 * An era's payout requests by miner slot, for step 8 (SPEC §3.8). A miner's requests in one era
 * add up, and one for 'all' takes everything it may be paid.
 *
 * Amounts sit in an array by slot and the slots asked for in a list: M's solo miners all ask on
 * the same day, 20,000 requests in one era, which in a map cost a hash probe each to enter and
 * again to read, and the map's growth on the way.
 */
export class PayoutRequests {
  // By slot: NaN where no request, ALL for 'all'. Made at the era's first request.
  private amounts = new Float64Array(0);
  private readonly slots: number[] = [];
  private ascending = true;

  /** @param slotCount the miners' slots as the era opens (a miner that joins in it takes the next). */
  constructor(private readonly slotCount: number) {}

  get size(): number {
    return this.slots.length;
  }

  add(slot: number, amount: Units | 'all'): void {
    if (slot >= this.amounts.length) this.grow(slot);
    const before = this.amounts[slot] as number;
    if (Number.isNaN(before)) {
      const last = this.slots.length === 0 ? -1 : (this.slots[this.slots.length - 1] as number);
      if (slot < last) this.ascending = false;
      this.slots.push(slot);
      this.amounts[slot] = amount === 'all' ? ALL : amount;
    } else {
      this.amounts[slot] = amount === 'all' ? ALL : before + amount; // ALL + anything is ALL
    }
  }

  /** What the slot asked for this era: a sum of units, 'all', or undefined if nothing. */
  get(slot: number): Units | 'all' | undefined {
    const amount = slot < this.amounts.length ? (this.amounts[slot] as number) : Number.NaN;
    if (Number.isNaN(amount)) return undefined;
    return amount === ALL ? 'all' : amount;
  }

  /** The slots with a request, ascending: a fixed order, so a short subsidy pool pays the same miners every run. */
  requestedSlots(): Int32Array {
    const slots = Int32Array.from(this.slots);
    // Miners ask in id order, which is their slots' order unless some joined out of it.
    return this.ascending ? slots : slots.sort();
  }

  private grow(slot: number): void {
    const grown = new Float64Array(Math.max(this.slotCount, slot + 1, this.amounts.length * 2)).fill(Number.NaN);
    grown.set(this.amounts);
    this.amounts = grown;
  }
}
