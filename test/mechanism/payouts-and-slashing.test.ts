import { describe, expect, it } from 'vitest';
import { capPayout, excludeIfExhausted, payIntermediate, settleFinalPayout } from '../../src/mechanism/payouts.js';
import { slashMiner } from '../../src/mechanism/slashing.js';
import type { Ledger } from '../../src/mechanism/types.js';
import { AccountBook } from '../../src/mechanism/account-table.js';
import { makeMiner } from '../helpers.js';

function ledger(subsidyPool: number): Ledger {
  return { balances: AccountBook.from<string>([]), subsidyPool, treasury: 0, burned: 0 };
}

describe('capPayout (paper §4: w_t ≤ Σ_{τ≤t}(f + g − s) − Σ_{τ<t} w, w ≥ 0)', () => {
  it.each([
    // accrued 100, slashed 30, paid 50 before: at most 20 more (hand calculation).
    ['caps at the net promise', { accrued: 100, slashed: 30, paid: 50 }, 40, 20],
    ['pays a request below the cap in full', { accrued: 100, slashed: 30, paid: 50 }, 15, 15],
    ['pays nothing once slashes exceed the promise', { accrued: 100, slashed: 130, paid: 0 }, 10, 0],
    ['pays nothing for a negative request', { accrued: 100 }, -5, 0],
  ])('%s', (_name, fields, requested, expected) => {
    expect(capPayout(makeMiner(fields), requested)).toBe(expected);
  });
});

describe('payIntermediate (SPEC §3.8: funded by the subsidy pool, unpaid recorded)', () => {
  it('draws from the pool and books w', () => {
    const l = ledger(1000);
    const m = makeMiner({ accrued: 60 });
    expect(payIntermediate(m, 50, l)).toEqual({ requested: 50, paid: 50, unpaid: 0 });
    expect(l.subsidyPool).toBe(950);
    expect(m.paid).toBe(50);
  });
  it('records what the pool cannot pay and keeps it claimable', () => {
    const l = ledger(30);
    const m = makeMiner({ accrued: 60 });
    expect(payIntermediate(m, 60, l)).toEqual({ requested: 60, paid: 30, unpaid: 30 });
    expect(m.paid).toBe(30);
    expect(capPayout(m, 1000)).toBe(30);
  });
});

describe('slashMiner (paper §4 "Slashing", SPEC §3.7)', () => {
  it('takes the promise first, then the stake (the doc-comment example)', () => {
    // S = 100, promise 30, slash 50: 30 from the pool's promise, 20 from the stake.
    const l = ledger(1000);
    const m = makeMiner({ accrued: 30 });
    expect(slashMiner(m, 50, l, 'treasury')).toEqual({ amount: 50, fromPromise: 30, fromStake: 20, uncollected: 0 });
    expect(m.stakeLocked).toBe(80);
    expect(l.treasury).toBe(50);
    expect(l.subsidyPool).toBe(970);
  });
  it('burns instead when the scenario says so', () => {
    const l = ledger(1000);
    slashMiner(makeMiner({ accrued: 30 }), 10, l, 'burn');
    expect(l).toMatchObject({ treasury: 0, burned: 10 });
  });
  it('cannot take more than the stake; the rest is uncollected and the miner is excluded', () => {
    // S = 100, promise 10, slash 200: 10 + 100 collected, 90 uncollected; S + net = −90 ≤ 0.
    const l = ledger(1000);
    const m = makeMiner({ accrued: 10 });
    expect(slashMiner(m, 200, l, 'treasury')).toEqual({
      amount: 200,
      fromPromise: 10,
      fromStake: 100,
      uncollected: 90,
    });
    expect(excludeIfExhausted(m, l, 'treasury')).toBe(0);
    expect(m.state).toBe('Stopped');
  });
});

describe('excludeIfExhausted (paper §4: excluded iff S + Σ(f + g − s − w) ≤ 0)', () => {
  it.each([
    ['keeps a miner above zero', { stake: 100, accrued: 0, slashed: 99 }, false],
    ['excludes a miner at exactly zero', { stake: 100, accrued: 10, slashed: 110 }, true],
    ['excludes a miner with no stake and nothing earned', { stake: 0, stakeLocked: 0 }, true],
  ])('%s', (_name, fields, excluded) => {
    const m = makeMiner(fields);
    expect(excludeIfExhausted(m, ledger(0), 'treasury') !== null).toBe(excluded);
  });
  it('forfeits whatever stake is still locked to the treasury', () => {
    const l = ledger(0);
    excludeIfExhausted(makeMiner({ stake: 100, stakeLocked: 40, accrued: 0, slashed: 100 }), l, 'treasury');
    expect(l.treasury).toBe(40);
  });
});

describe('settleFinalPayout (paper §4: W = S + Σ(f + g − s − w))', () => {
  it('returns the stake and pays the rest from the pool (the doc-comment example)', () => {
    // S = 1000, accrued 300, slashed 50, paid 100: W = 1150 = 1000 stake + 150 from the pool.
    const l = ledger(10_000);
    const m = makeMiner({ stake: 1000, stakeLocked: 1000, accrued: 300, slashed: 50, paid: 100, state: 'CoolingDown' });
    expect(settleFinalPayout(m, l, 'treasury')).toEqual({ due: 1150, stakeReturned: 1000, fromPool: 150, unpaid: 0 });
    expect(l.subsidyPool).toBe(9850);
    expect(m).toMatchObject({ state: 'Stopped', stakeLocked: 0 });
  });
  it('returns only what is left of a slashed stake', () => {
    // S = 100, slashed 30 beyond the promise (stake 70 left): W = 100 + 0 − 30 = 70.
    const l = ledger(0);
    const m = makeMiner({ stake: 100, stakeLocked: 70, slashed: 30 });
    expect(settleFinalPayout(m, l, 'treasury')).toEqual({ due: 70, stakeReturned: 70, fromPool: 0, unpaid: 0 });
  });
  it('records the part the pool cannot pay', () => {
    const l = ledger(20);
    const m = makeMiner({ stake: 100, stakeLocked: 100, accrued: 50 });
    expect(settleFinalPayout(m, l, 'treasury')).toEqual({ due: 150, stakeReturned: 100, fromPool: 20, unpaid: 30 });
  });
});
