import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PayoutRequests } from '../../src/mechanism/payout-requests.js';

const request = fc.tuple(
  fc.integer({ min: 0, max: 40 }),
  fc.oneof(fc.constant('all' as const), fc.integer({ min: 0, max: 2 ** 40 })),
);

describe('PayoutRequests (an era’s payout requests by slot)', () => {
  it('holds what a map of summed requests holds, its slots ascending', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.array(request, { maxLength: 60 }), (slotCount, requests) => {
        const typed = new PayoutRequests(slotCount);
        const plain = new Map<number, number | 'all'>();
        for (const [slot, amount] of requests) {
          typed.add(slot, amount);
          const before = plain.get(slot) ?? 0;
          plain.set(slot, before === 'all' || amount === 'all' ? 'all' : before + amount);
        }
        expect(typed.size).toBe(plain.size);
        expect([...typed.requestedSlots()]).toEqual([...plain.keys()].sort((a, b) => a - b));
        for (let slot = 0; slot <= 41; slot++) expect(typed.get(slot)).toBe(plain.get(slot));
      }),
    );
  });

  it('tells a request of 0 from none, and keeps asking for all once one asked for all', () => {
    const requests = new PayoutRequests(4);
    requests.add(2, 0);
    requests.add(1, 5);
    requests.add(1, 'all');
    requests.add(1, 7);
    expect(requests.get(2)).toBe(0);
    expect(requests.get(3)).toBeUndefined();
    expect(requests.get(1)).toBe('all');
    expect([...requests.requestedSlots()]).toEqual([1, 2]);
  });
});
