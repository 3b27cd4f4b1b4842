import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGenesis, stepEra } from '../../src/mechanism/era.js';
import type { Intent } from '../../src/mechanism/intents.js';
import { supplyGap } from '../../src/mechanism/ledger.js';
import { poolValue } from '../../src/mechanism/pools.js';
import { sharesForDeposit, sharesForPayment, valueOfShares } from '../../src/mechanism/shares.js';
import type { EraState, Pool } from '../../src/mechanism/types.js';
import { makeContext, PHA, play } from '../helpers.js';

const owner = 'owner';
const create: Intent = { type: 'CreatePool', actor: owner, pool: 'p', commission: 0.5, cap: null };
const delegate = (actor: string, amount: number): Intent => ({
  type: 'Delegate',
  actor,
  pool: 'p',
  amount: amount * PHA,
});
const withdraw = (actor: string, amount: number): Intent => ({
  type: 'Withdraw',
  actor,
  pool: 'p',
  amount: amount * PHA,
});
const addWorker = (miner: string): Intent => ({ type: 'AddWorker', actor: owner, pool: 'p', miner });
const start = (miner: string, stake: number): Intent => ({
  type: 'StartWorker',
  actor: owner,
  pool: 'p',
  miner,
  stake: stake * PHA,
  performance: 1000,
  confidence: 1,
});

const pool = (state: EraState): Pool => state.pools[0]!;
/** An account's record in the pool, whose members are keyed by account position. */
const memberOf = (state: EraState, account: string) =>
  pool(state).members.get(state.ledger.balances.positionOf(account) as number);

describe('pool rules (doc 002, SPEC §4)', () => {
  it('checks the cap after the queue is served', () => {
    // Cap 1000; a's 1000 is all staked; a asks for 600 back, all queued. b's 500 pays the queue
    // first: 1000 − 500 + 500 = 1000 ≤ 1000, accepted, 100 still queued. c's 200 would pay those
    // 100 and leave 1000 − 100 + 200 = 1100 delegated: refused.
    const { states, refusals } = play({ a: 1000, b: 500, c: 200 }, [
      [
        create,
        { type: 'SetCap', actor: owner, pool: 'p', cap: 1000 * PHA },
        addWorker('w'),
        delegate('a', 1000),
        start('w', 1000),
      ],
      [withdraw('a', 600)],
      [delegate('b', 500)],
      [delegate('c', 200)],
    ]);
    expect(states[2]!.ledger.balances.get('a')).toBe(500 * PHA);
    expect(states[3]!.ledger.balances.get('a')).toBe(500 * PHA);
    expect(states[3]!.ledger.balances.get('c')).toBe(200 * PHA);
    expect(refusals).toEqual(['cap reached: 1100.000000 PHA would be delegated, above the cap of 1000.000000 PHA']);
  });

  it("replaces a delegator's earlier request and sends it to the back (SPEC §4)", () => {
    const { states } = play({ a: 1000, b: 1000 }, [
      [create, addWorker('w'), delegate('a', 1000), delegate('b', 1000), start('w', 2000)],
      [withdraw('a', 100), withdraw('b', 100)],
      [withdraw('a', 300)],
    ]);
    const queue = pool(states[2]!).queue;
    expect(queue.map((q) => q.delegator)).toEqual(['b', 'a']);
    expect(queue.map((q) => q.since)).toEqual([1, 2]);
    expect(valueOfShares(queue[1]!.shares, pool(states[2]!).shares, poolValue(states[2]!, pool(states[2]!)))).toBe(
      300 * PHA,
    );
  });

  it('gives the whole reward to the owner when nobody has delegated', () => {
    const { states } = play({}, [[create, { type: 'InjectReward', actor: 'script', pool: 'p', amount: 10 * PHA }]]);
    expect(states[0]!.ledger.balances.get(owner)).toBe(10 * PHA);
    expect(pool(states[0]!).free).toBe(0);
  });

  it("lets delegators bear a slash of their worker's stake", () => {
    let state = createGenesis({ balances: [['a', 1000 * PHA]], subsidyPool: 0, treasury: 0 });
    const era0 = stepEra(
      state,
      { script: [create, addWorker('w'), delegate('a', 1000), start('w', 1000)], intents: [], faults: [] },
      makeContext(0, {}, { f: '0', g: '0' }),
    );
    state = era0.state;
    // A 5 PHA slash with no promise to set it against takes 5 PHA of the stake (SPEC §3.7).
    const era1 = stepEra(
      state,
      { intents: [], faults: [{ miner: 'w', level: 1 }] },
      makeContext(1, {}, { f: '0', g: '0' }),
    );
    expect(poolValue(era1.state, pool(era1.state))).toBe(995 * PHA);
    expect(supplyGap(era1.state)).toBe(0);
  });

  it("keeps a returning delegator's record: what it deposited and withdrew add up", () => {
    const { states } = play({ a: 1000 }, [[create, delegate('a', 100)], [withdraw('a', 100)], [delegate('a', 50)]]);
    expect(memberOf(states[1]!, 'a')).toEqual({ shares: 0n, deposited: 100 * PHA, withdrawn: 100 * PHA });
    expect(states[1]!.memberships.get('a')).toEqual([]);
    expect(memberOf(states[2]!, 'a')).toEqual({
      shares: 50n * BigInt(PHA),
      deposited: 150 * PHA,
      withdrawn: 100 * PHA,
    });
    expect(states[2]!.memberships.get('a')).toEqual([0]);
  });

  it('gives a deposit too small for a share a record, and the index an entry, so the next one adds to it', () => {
    // 50 PHA of reward to the delegators makes a share worth 1.5 units: b's 1 unit buys none, its 2 units next one.
    const unit = (amount: number): Intent => ({ type: 'Delegate', actor: 'b', pool: 'p', amount });
    const reward: Intent = { type: 'InjectReward', actor: 'script', pool: 'p', amount: 100 * PHA };
    const { states } = play({ a: 100, b: 100 }, [[create, delegate('a', 100), reward], [unit(1)], [unit(2)]]);
    expect(memberOf(states[1]!, 'b')).toEqual({ shares: 0n, deposited: 1, withdrawn: 0 });
    expect(states[1]!.memberships.get('b')).toEqual([]);
    expect(memberOf(states[2]!, 'b')).toEqual({ shares: 1n, deposited: 3, withdrawn: 0 });
    expect(states[2]!.memberships.get('b')).toEqual([0]);
  });

  it('refuses what the rules forbid, with reasons', () => {
    const { refusals } = play({ a: 100, x: 50 }, [
      [
        create,
        addWorker('w'),
        delegate('a', 100),
        start('w', 500),
        { type: 'AddWorker', actor: 'x', pool: 'p', miner: 'v' },
        withdraw('x', 10),
      ],
    ]);
    expect(refusals).toEqual([
      'free delegation 100.000000 PHA below the stake 500.000000 PHA',
      'x does not own pool p',
      'no stake of x in pool p',
    ]);
  });
});

describe('share arithmetic', () => {
  it('prices the first delegation at one unit per share', () => {
    expect(sharesForDeposit(1400, 0n, 0)).toBe(1400n);
  });
  it('rounds in favour of the pool', () => {
    // 3 shares worth 10 units: one share is worth 3 (floor of 3.33); paying 4 units burns 2 shares (ceil of 1.2).
    expect(valueOfShares(1n, 3n, 10)).toBe(3);
    expect(sharesForPayment(4, 3n, 10)).toBe(2n);
    expect(sharesForDeposit(10, 3n, 10)).toBe(3n);
  });
  it('mints the amount deposited at a price of exactly one unit per share, as the general formula does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.bigInt({ min: 1n, max: 2n ** 60n }),
        fc.integer({ min: -3, max: 3 }),
        (amount, shares, off) => {
          // Values at and around the shares' own number, where the price is one or nearly one.
          const value = Math.min(Number.MAX_SAFE_INTEGER, Math.max(1, Number(shares) + off));
          expect(sharesForDeposit(amount, shares, value)).toBe((BigInt(amount) * shares) / BigInt(value));
        },
      ),
    );
  });
  it('stays exact past 2^53', () => {
    // 10^15 units (the whole supply) in a pool of 10^15 shares: a 1-unit deposit mints exactly 1 share.
    expect(sharesForDeposit(1, 10n ** 15n, 1e15)).toBe(1n);
    expect(valueOfShares(10n ** 15n - 1n, 10n ** 15n, 1e15)).toBe(1e15 - 1);
  });
});
