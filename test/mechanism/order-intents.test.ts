import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderIntents, type Intent } from '../../src/mechanism/intents.js';

/** SPEC §3.1's order, as a plain stable sort: kind (developers … miners), then actor id, then given order. */
const KIND: Record<string, number> = {
  CreateCluster: 0,
  StakeCluster: 1,
  Delegate: 2,
  Withdraw: 2,
  CreatePool: 3,
  JoinMining: 4,
  RequestPayout: 4,
};
const reference = (intents: readonly Intent[]) =>
  intents
    .map((intent, i) => ({ intent, i }))
    .sort(
      (a, b) =>
        KIND[a.intent.type]! - KIND[b.intent.type]! ||
        (a.intent.actor < b.intent.actor ? -1 : a.intent.actor > b.intent.actor ? 1 : 0) ||
        a.i - b.i,
    )
    .map(({ intent }) => intent);

const intent = fc
  .tuple(
    fc.constantFrom(
      'CreateCluster',
      'StakeCluster',
      'Delegate',
      'Withdraw',
      'CreatePool',
      'JoinMining',
      'RequestPayout',
    ),
    fc.constantFrom('a', 'b', 'c-10', 'c-2'),
    fc.nat(3),
  )
  .map(([type, actor, n]) => ({ type, actor, n }) as unknown as Intent);

describe('orderIntents (SPEC §3.1)', () => {
  it('orders any list as a stable sort by kind and actor would', () => {
    fc.assert(
      fc.property(fc.array(intent, { maxLength: 30 }), (intents) => {
        expect(orderIntents(intents)).toEqual(reference(intents));
      }),
    );
  });

  it('leaves a list already in order as it is, in a new array', () => {
    fc.assert(
      fc.property(fc.array(intent, { maxLength: 30 }), (intents) => {
        const ordered = reference(intents);
        const again = orderIntents(ordered);
        expect(again).toEqual(ordered);
        expect(again).not.toBe(ordered);
      }),
    );
  });
});
