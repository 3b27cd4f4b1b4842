import { describe, expect, it } from 'vitest';
import { one, pick, runScenarioFile } from '../run-example.js';

/*
 * The worked examples of the stake-pool documentation (doc 002, seed 002), run as the scripted
 * scenarios under scenarios/examples/ with every check on. Expected numbers are the doc's, to the
 * unit (10^-6 PHA); where the doc rounds, the test says so and uses the exact value.
 */
describe('doc 002 Case 1 (Figure 5): insufficient staking', () => {
  const rows = runScenarioFile('scenarios/examples/case1-insufficient-staking.yaml');
  it('starts A, B and C with 7000 PHA; D waits', () => {
    const starts = pick(rows.events, { action: 'start_worker' }).map((r) => [r.subject, r.outcome]);
    expect(starts).toEqual([
      ['A', 'applied'],
      ['B', 'applied'],
      ['C', 'applied'],
      ['D', 'refused'],
    ]);
    expect(one(rows.events, { action: 'start_worker', subject: 'D' }).reason).toBe(
      'free delegation 0.000000 PHA below the stake 3000.000000 PHA',
    );
    expect(one(rows.pools, { era: 0 })).toMatchObject({
      delegated: '7000.000000',
      staked: '7000.000000',
      free: '0.000000',
      workers_mining: 3,
    });
  });
});

describe('doc 002 Figure 6: commission', () => {
  const rows = runScenarioFile('scenarios/examples/figure6-commission.yaml');
  it('gives 6 PHA of a 10 PHA reward to the owner and 0.8 PHA to each of five delegators', () => {
    expect(one(rows.pools, { era: 1 })).toMatchObject({
      reward: '10.000000',
      owner_reward: '6.000000',
      delegator_reward: '4.000000',
    });
    const delegators = pick(rows.delegators, { era: 1 });
    expect(delegators.map((r) => r.reward_total)).toEqual(['0.800000', '0.800000', '0.800000', '0.800000', '0.800000']);
    expect(delegators.map((r) => r.delegation)).toEqual(Array(5).fill('1400.800000'));
  });
});

describe('doc 002 Figure 7: free delegation', () => {
  const rows = runScenarioFile('scenarios/examples/figure7-free-delegation.yaml');
  it('stakes 10000 of 12000 PHA and leaves 2000 free', () => {
    expect(one(rows.pools, { era: 0 })).toMatchObject({
      delegated: '12000.000000',
      staked: '10000.000000',
      free: '2000.000000',
      workers_mining: 4,
    });
  });
  it("splits the delegators' 4 PHA by delegation", () => {
    // 4 × 1400 / 12000 = 0.4666… PHA: the doc rounds to 0.47; floored to the unit, 0.466666.
    // 4 × 5000 / 12000 = 1.6666… PHA: the doc prints 1.6; floored to the unit, 1.666666.
    const era1 = pick(rows.delegators, { era: 1 });
    expect(era1.filter((r) => r.delegator !== 'rich').map((r) => r.reward_total)).toEqual(Array(5).fill('0.466666'));
    expect(one(era1, { delegator: 'rich' }).reward_total).toBe('1.666666');
    expect(one(rows.pools, { era: 1 })).toMatchObject({ owner_reward: '6.000000', delegator_reward: '4.000000' });
  });
});

describe('doc 002 Figure 8: withdrawal from free delegation', () => {
  const rows = runScenarioFile('scenarios/examples/figure8-withdraw-from-free.yaml');
  it('pays a withdrawal below the free delegation at once', () => {
    expect(one(rows.events, { action: 'withdrawal_paid' })).toMatchObject({
      era: 1,
      subject: 'rich@pool-1',
      outcome: '1000.000000',
    });
    expect(pick(rows.events, { action: 'withdrawal_queued' })).toHaveLength(0);
    expect(one(rows.delegators, { era: 1, delegator: 'rich' })).toMatchObject({
      delegation: '4000.000000',
      withdrawn: '1000.000000',
      queued: '0.000000',
    });
    expect(one(rows.pools, { era: 1 })).toMatchObject({ free: '1000.000000', queued: '0.000000' });
  });
});

describe('doc 002 Figure 9: partial withdrawal', () => {
  const rows = runScenarioFile('scenarios/examples/figure9-partial-withdrawal.yaml');
  it('pays the 2000 PHA free at once and queues the other 2000', () => {
    expect(one(rows.events, { action: 'withdrawal_paid' }).outcome).toBe('2000.000000');
    expect(one(rows.events, { action: 'withdrawal_queued' }).outcome).toBe('2000.000000');
    for (const era of [1, 2, 3]) {
      expect(one(rows.delegators, { era, delegator: 'rich' })).toMatchObject({
        withdrawn: '2000.000000',
        queued: '2000.000000',
      });
      expect(one(rows.pools, { era })).toMatchObject({
        free: '0.000000',
        queued: '2000.000000',
        workers_mining: 4,
        forced_stop: 0,
      });
    }
  });
});

describe('doc 002 Figure 10: forced stop after the grace period', () => {
  const rows = runScenarioFile('scenarios/examples/figure10-forced-stop.yaml');
  it('stops every worker 7 days after the request', () => {
    expect(pick(rows.pools, { forced_stop: 1 }).map((r) => r.era)).toEqual([8]);
    expect(one(rows.pools, { era: 7 }).workers_mining).toBe(4);
    expect(one(rows.pools, { era: 8 }).workers_mining).toBe(0);
  });
  it('pays the queue when the stake unlocks after the 7-day cool-down: out in 14 days', () => {
    expect(one(rows.events, { action: 'withdrawal_paid_from_queue' })).toMatchObject({
      era: 15,
      outcome: '2000.000000',
    });
    expect(one(rows.delegators, { era: 14, delegator: 'rich' }).queued).toBe('2000.000000');
    expect(one(rows.delegators, { era: 15, delegator: 'rich' })).toMatchObject({
      withdrawn: '4000.000000',
      queued: '0.000000',
      delegation: '1000.000000',
    });
    expect(one(rows.pools, { era: 15 })).toMatchObject({ staked: '0.000000', free: '8000.000000' });
  });
});

describe('doc 002 Figure 11: new delegation fills the queue', () => {
  const rows = runScenarioFile('scenarios/examples/figure11-refill.yaml');
  it('pays the waiting delegator first from the new delegation, and stops no worker', () => {
    expect(one(rows.events, { action: 'withdrawal_paid_from_queue' })).toMatchObject({
      era: 4,
      subject: 'rich@pool-1',
      outcome: '2000.000000',
    });
    expect(one(rows.pools, { era: 4 })).toMatchObject({
      free: '1000.000000',
      queued: '0.000000',
      delegated: '11000.000000',
    });
    expect(pick(rows.pools, { forced_stop: 1 })).toHaveLength(0);
    expect(pick(rows.pools, { era: 11 })[0]!.workers_mining).toBe(4);
  });
});
